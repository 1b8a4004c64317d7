"""Field paths inside a contract (``schema[0].properties[2].logicalType``) and their YAML lines.

A finding that names the field and the line is one a data engineer can fix without
searching; these helpers give both for any path the validators or lint checks produce.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

_SIMPLE_KEY = re.compile(r"^[A-Za-z_$][\w$-]*$")
_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[[^\]]*\])$")


def field_path(parts: Iterable[str | int]) -> str:
    """``("schema", 0, "properties")`` -> ``schema[0].properties``; odd keys are bracketed."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _SIMPLE_KEY.match(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def yaml_lines(text: str) -> dict[str, int]:
    """Every mapping key and sequence item of the document, by field path, with its 1-based line."""
    from prodready.loaders import compose_yaml

    try:
        root = compose_yaml(text)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if root is not None:
        _walk(root, [], lines)
    return lines


def _walk(node: yaml.Node, parts: list[str | int], lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            child = [*parts, str(key.value)]
            lines[field_path(child)] = key.start_mark.line + 1
            _walk(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = [*parts, index]
            lines[field_path(child)] = item.start_mark.line + 1
            _walk(item, child, lines)


def line_of(lines: dict[str, int], field: str | None) -> int | None:
    """The line of ``field``, else of its nearest ancestor that exists (a missing key's parent).

    A missing top-level key points at line 1, where the document starts.
    """
    while field:
        if field in lines:
            return lines[field]
        shorter = _LAST_PART.sub("", field)
        if shorter == field:
            break
        field = shorter
    return 1 if lines else None
