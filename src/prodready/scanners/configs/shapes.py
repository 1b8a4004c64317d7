"""The shape each known config format defines, for the parts prodready reads.

A file that parses but holds ``repos: 5`` or ``[project] = 'x'`` is not a valid file of its
format: it is reported as malformed and no reader sees its data, so readers may trust the
types below instead of each guarding every ``.get``. Only types are checked (JSON Schema,
through ``jsonschema``); anything the formats leave open stays open, and an empty value
(``stages:`` in YAML) is taken as absent, as the tools themselves take it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_TABLE = {"type": "object"}
_LIST = {"type": "array"}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_STRING_OR_STRINGS = {"anyOf": [{"type": "string"}, _STRINGS]}
_TABLE_OF_TABLES = {"type": "object", "additionalProperties": _TABLE}
# A dependency table: `name = "1.0"` or `name = {version = "1.0", ...}` (Poetry, Pipenv).
_DEPENDENCY_TABLE = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "string"}, _TABLE, {"type": "array"}]},
}

SHAPES: dict[str, dict[str, Any]] = {
    "pyproject": {
        "type": "object",
        "properties": {
            "project": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "dependencies": _STRINGS,
                    "optional-dependencies": {"type": "object", "additionalProperties": _STRINGS},
                    "dynamic": _STRINGS,
                    "scripts": {"type": "object", "additionalProperties": {"type": "string"}},
                    "gui-scripts": _TABLE,
                    "entry-points": _TABLE_OF_TABLES,
                },
            },
            "build-system": {"type": "object", "properties": {"requires": _STRINGS}},
            "dependency-groups": {"type": "object", "additionalProperties": _LIST},
            "tool": {
                "type": "object",
                "additionalProperties": _TABLE,
                "properties": {
                    "poetry": {
                        "type": "object",
                        "properties": {
                            "dependencies": _DEPENDENCY_TABLE,
                            "dev-dependencies": _DEPENDENCY_TABLE,
                            "group": _TABLE_OF_TABLES,
                            "scripts": _TABLE,
                        },
                    },
                },
            },
        },
    },
    "pipfile": {
        "type": "object",
        "properties": {
            "packages": _DEPENDENCY_TABLE,
            "dev-packages": _DEPENDENCY_TABLE,
            "scripts": _TABLE,
        },
    },
    "conda-env": {
        "type": "object",
        "properties": {
            "channels": _STRINGS,
            "dependencies": {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": ["string", "number"]},
                        {"type": "object", "properties": {"pip": _STRINGS}},
                    ]
                },
            },
        },
    },
    "pre-commit": {
        "type": "object",
        "properties": {
            "repos": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "repo": {"type": "string"},
                        "hooks": {
                            "type": "array",
                            "items": {"type": "object", "properties": {"id": {"type": "string"}}},
                        },
                    },
                },
            },
        },
    },
    "dvc": {
        "type": "object",
        "properties": {
            "stages": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "cmd": _STRING_OR_STRINGS,
                        "wdir": {"type": "string"},
                        "deps": _LIST,
                        "outs": _LIST,
                        "metrics": _LIST,
                        "plots": _LIST,
                        "params": _LIST,
                        "foreach": {"type": ["array", "object", "string"]},
                        "do": _TABLE,
                        "matrix": _TABLE,
                    },
                },
            },
        },
    },
    "dvc-file": {
        "type": "object",
        "properties": {"outs": {"type": "array", "items": _TABLE}, "deps": _LIST},
    },
    "mlproject": {
        "type": "object",
        "properties": {"entry_points": _TABLE_OF_TABLES},
    },
}


def shape_problem(kind: str, data: Any) -> str | None:
    """Why ``data`` is not of the shape its kind's format defines, or None when it is."""
    if kind not in SHAPES or data is None:
        return None
    error = _first_error(kind, data)
    if error is None:
        return None
    where = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    found = _TYPE_NAMES.get(type(error.instance).__name__, type(error.instance).__name__)
    expected = error.schema.get("type") if isinstance(error.schema, dict) else None
    first = expected[0] if isinstance(expected, list) and len(expected) == 2 else None
    wanted = {"object": "a table", "array": "a list", "string": "a string"}.get(
        first or "", "another type"
    )
    return f"{where.lstrip('.') or 'the document'} is {_article(found)}, expected {wanted}"


_TYPE_NAMES = {
    "dict": "table",
    "list": "list",
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "NoneType": "null",
}


def _article(name: str) -> str:
    return f"an {name}" if name[:1] in "aeiou" else f"a {name}"


def _first_error(kind: str, data: Any) -> Any:
    import jsonschema

    return jsonschema.exceptions.best_match(_validator(kind).iter_errors(data))


@cache
def _validator(kind: str) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(_empty_allowed(SHAPES[kind]))


def _empty_allowed(schema: Any) -> Any:
    """The schema with ``null`` added to every type: an empty value stands for an absent one."""
    if isinstance(schema, list):
        return [_empty_allowed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: _empty_allowed(value) for key, value in schema.items()}
    if isinstance(schema.get("type"), str | list):
        types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        copy["type"] = [*types, "null"]
    return copy
