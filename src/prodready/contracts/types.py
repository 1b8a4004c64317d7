"""Is a value compatible with a contract's type? For text cells (CSV) and typed values (JSON, Parquet).

Contract types come in many spellings (``varchar(32)``, ``bigint``, ``timestamp_ntz``,
DCS ``text``/``long``); each maps to one logical family first. An unmapped type is
reported as not checked rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
import re
from typing import Any

FAMILIES: dict[str, tuple[str, ...]] = {
    "string": ("string", "text", "varchar", "char", "nvarchar", "nchar", "clob", "uuid", "str"),
    "integer": (
        *("integer", "int", "bigint", "smallint", "tinyint", "long", "short", "int8", "int16"),
        *("int32", "int64", "uint8", "uint16", "uint32", "uint64", "serial", "bigserial"),
    ),
    "number": (
        *("number", "decimal", "numeric", "double", "float", "real", "float32", "float64"),
        *("double precision", "money", "float4", "float8"),
    ),
    "boolean": ("boolean", "bool"),
    "date": ("date",),
    "timestamp": ("timestamp", "timestamp_tz", "timestamp_ntz", "datetime", "timestamptz"),
    "time": ("time",),
    "object": ("object", "record", "struct", "json", "variant"),
    "array": ("array", "list"),
    "map": ("map",),
}
_LOOKUP = {spelling: family for family, names in FAMILIES.items() for spelling in names}
_INTEGER = re.compile(r"^[+-]?\d+(\.0+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_BOOLEAN = frozenset({"true", "false", "1", "0", "yes", "no", "t", "f", "y", "n"})
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def family(logical: str | None, physical: str | None) -> str | None:
    """The logical family of a property, from its logical type, else its physical type."""
    for declared in (logical, physical):
        if not declared:
            continue
        name = re.sub(r"\(.*$", "", declared.strip().lower()).strip()
        if name in _LOOKUP:
            return _LOOKUP[name]
        if name.startswith(("timestamp", "datetime")):
            return "timestamp"
        if name.startswith(("array", "list<")):
            return "array"
        if name.startswith(("map<", "struct<")):
            return "object" if name.startswith("struct") else "map"
    return None


def text_matches(kind: str, value: str) -> bool:
    """A CSV cell, as written, can be read as ``kind``."""
    text = value.strip()
    if kind == "integer":
        return bool(_INTEGER.match(text))
    if kind == "number":
        return bool(_NUMBER.match(text))
    if kind == "boolean":
        return text.lower() in _BOOLEAN
    if kind in ("date", "timestamp"):
        return bool(_ISO.match(text))
    if kind == "time":
        return bool(_TIME.match(text))
    return True


def value_matches(kind: str, value: Any) -> bool:
    """A typed value (from JSON or Parquet) is of ``kind``."""
    if isinstance(value, bool):
        return kind == "boolean"
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        if isinstance(value, float):
            return value.is_integer()
        if isinstance(value, decimal.Decimal):
            return value.is_finite() and value == value.to_integral_value()
        return isinstance(value, numbers.Integral)
    if kind == "number":
        return isinstance(value, numbers.Number | decimal.Decimal)
    if kind == "boolean":
        return type(value).__name__ == "bool_"
    if kind in ("date", "timestamp"):
        return isinstance(value, dt.date) or (isinstance(value, str) and bool(_ISO.match(value)))
    if kind == "time":
        return isinstance(value, dt.time) or (isinstance(value, str) and bool(_TIME.match(value)))
    if kind in ("object", "map"):
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list | tuple) or type(value).__name__ == "ndarray"
    return True


NESTED = frozenset({"object", "map", "array"})
