"""prodready's own inputs, checked whole: every problem at once, each as ``FILE:LINE:COL: message``.

The checklist, the settings and a profile are what the user tells prodready;
a mistake in them is refused (exit 2) rather than audited, and listed in full
so one run shows everything to fix. YAML is read with the scanners' loader,
so the same text means the same thing here as in every other file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from prodready.errors import Problem
from prodready.loaders import InputLimitError, compose_yaml, load_yaml_text
from prodready.validation import describe_error


def read_yaml(file: str, text: str) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """The document, its node tree (for positions) and any syntax problem."""
    try:
        return load_yaml_text(text), compose_yaml(text), []
    except InputLimitError as error:
        return None, None, [Problem(file, 1, 1, f"invalid YAML: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return None, None, [Problem(file, line, column, f"invalid YAML: {problem}")]


def yaml_problems(
    file: str,
    data: Any,
    node: yaml.Node | None,
    model: type[BaseModel],
    prefix: tuple[Any, ...] = (),
) -> list[Problem]:
    """Every validation error of ``data`` against ``model``, at the YAML node it concerns."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        where = "".join(f"{part}." for part in prefix)
        return [
            Problem(
                file,
                *_position(node, (*prefix, *detail["loc"])),
                where + describe_error(detail, model),
            )
            for detail in error.errors()
        ]
    return []


def toml_problems(
    file: str, text: str, table: str, data: Any, model: type[BaseModel]
) -> list[Problem]:
    """Every validation error of a TOML table; tomllib keeps no positions, so the key is looked up."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [
            Problem(
                file, *_toml_position(text, table, detail["loc"]), describe_error(detail, model)
            )
            for detail in error.errors()
        ]
    return []


def _position(node: yaml.Node | None, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Where the error's path ends: the key it names, or the deepest node the path reaches."""
    if node is None:
        return 1, 1
    mark = node.start_mark
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if getattr(p[0], "value", None) == str(part)), None)
            if pair is None:
                break
            mark, node = pair[0].start_mark, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


def _toml_position(text: str, table: str, loc: tuple[Any, ...]) -> tuple[int, int]:
    """The line of the table's key named first in ``loc``, else the table header."""
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return 1, 1
    if loc:
        name = re.escape(str(loc[0])).replace("_", "[-_]")  # keys were read with - as _
        key = re.compile(rf"^(\s*)[\"']?{name}[\"']?\s*=")
        for index in range(start + 1, len(lines)):
            if lines[index].lstrip().startswith("["):
                break
            match = key.match(lines[index])
            if match:
                return index + 1, len(match.group(1)) + 1
    return start + 1, 1
