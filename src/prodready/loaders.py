"""Bounded loaders for untrusted YAML, JSON and TOML text: every reader of repository files uses them.

A hostile file must not make prodready hang, exhaust memory or crash, so the work it can
cause is bounded here, once: YAML aliases may add at most ``ALIAS_BUDGET`` nodes (a 600-byte
"billion laughs" file otherwise expands to a billion), documents nest at most ``MAX_DEPTH``
levels (deeper ones overflow the recursion of every reader downstream), and an integer too
long for Python to convert is a parse error. Each limit raises the format's own error type
(``yaml.YAMLError``) or ``InputLimitError`` (a ``ValueError``), never anything else.

YAML is read with the safe loader, timestamps kept as strings (as the JSON Schemas of YAML
formats expect) and application tags kept as plain data.
"""

from __future__ import annotations

import tomllib
from typing import Any

import yaml

MAX_DEPTH = 100
ALIAS_BUDGET = 100_000


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings, as JSON Schemas of YAML formats expect."""


def _custom_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """Application tags (CloudFormation !Ref, mkdocs !!python/name) are valid YAML: keep the data."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_NoDatesLoader.add_multi_constructor("!", _custom_tag)
_NoDatesLoader.add_multi_constructor("tag:yaml.org,2002:python/", _custom_tag)
_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class InputLimitError(ValueError):
    """A document beyond what prodready reads: nested too deep, an integer too long."""


class YamlLimitError(yaml.YAMLError):
    """A YAML document beyond the bounds: too many alias expansions, nested too deep."""


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError as error:  # over 4,300 digits
        raise YamlLimitError(f"line {node.start_mark.line + 1}: {_digits(error)}") from None


_NoDatesLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml_text(text: str) -> Any:
    """YAML without date conversion; shared by every scanner that reads YAML."""
    loader = _NoDatesLoader(text)
    try:
        node = _bounded(loader.get_single_node)
        return None if node is None else _bounded(loader.construct_document, node)
    finally:
        loader.dispose()


def load_yaml_documents(text: str) -> list[Any]:
    """Every non-empty document of a YAML stream, through the same loader."""
    loader = _NoDatesLoader(text)
    documents = []
    try:
        while _bounded(loader.check_node):
            node = _bounded(loader.get_node)
            document = _bounded(loader.construct_document, node)
            if document is not None:
                documents.append(document)
    finally:
        loader.dispose()
    return documents


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (for line numbers), within the same bounds."""
    loader = _NoDatesLoader(text)
    try:
        return _bounded(loader.get_single_node)
    finally:
        loader.dispose()


def _bounded(step: Any, *args: Any) -> Any:
    """Run one loader step; a composed node is checked before anything expands its aliases."""
    try:
        result = step(*args)
    except RecursionError:
        raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels") from None
    if isinstance(result, yaml.Node):
        _check_nodes(result)
    return result


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def _check_nodes(root: yaml.Node) -> None:
    """Count the nodes the document expands to, each shared (aliased) node once, iteratively."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            active.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            depth[key] = 1 + max((depth[id(child)] for child in children), default=0)
            if depth[key] > MAX_DEPTH:
                raise YamlLimitError(
                    f"line {node.start_mark.line + 1}: nested deeper than {MAX_DEPTH} levels"
                )
            continue
        if key in size:
            continue
        if key in active:
            raise YamlLimitError(
                f"line {node.start_mark.line + 1}: an alias refers to a node that contains it"
            )
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    if size[id(root)] - len(size) > ALIAS_BUDGET:
        raise YamlLimitError(
            f"aliases expand to more than {ALIAS_BUDGET:,} nodes ({size[id(root)]:,} in all)"
        )


def load_json_text(text: str) -> Any:
    """JSON within the same bounds; raises ``json.JSONDecodeError`` or ``InputLimitError``."""
    import json

    try:
        data = json.loads(text)
    except RecursionError:
        raise InputLimitError(f"nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        raise InputLimitError(_digits(error)) from None
    _check_depth(data)
    return data


def load_toml_text(text: str) -> dict[str, Any]:
    """TOML within the same bounds; raises ``tomllib.TOMLDecodeError`` or ``InputLimitError``."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise InputLimitError(f"nested deeper than {MAX_DEPTH} levels") from None
    except tomllib.TOMLDecodeError:
        raise
    except ValueError as error:
        raise InputLimitError(_digits(error)) from None
    _check_depth(data)
    return data


def _digits(error: ValueError) -> str:
    if "digits" in str(error):
        return "an integer longer than Python converts (4,300 digits)"
    return str(error).splitlines()[0]


def _check_depth(data: Any) -> None:
    """Parsed JSON/TOML is a tree: walk it without recursion and refuse it past MAX_DEPTH."""
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            raise InputLimitError(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((child, level + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, level + 1) for child in value)
