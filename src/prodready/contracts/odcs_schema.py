"""Validate an ODCS document against the official JSON Schema, with errors at field paths.

The schema comes first because the ``open-data-contract-standard`` pydantic model makes
every field optional and accepts nearly any file. Only the v3.2.0 schema is bundled
(the package's ``schema.json``, which ``OpenDataContractStandard.json_schema()`` returns);
files declaring v3.0.x/v3.1.0 are checked against it, as datacontract-cli does, and the
report says so. Two documented adjustments:

* bitol-io/open-data-contract-standard#322: the v3.2.0 schema's ``logicalType`` conditionals
  have an ``if`` without ``required``, so a property *without* ``logicalType`` is forced to
  carry a ``map`` block. We add ``required: [logicalType]`` to every such ``if`` whose
  ``then`` requires keys, exactly as upstream fixed it in #324 and #328.
* v3.0.x wrote library quality metrics as ``rule``; v3.1 renamed it ``metric``. For a v3.0.x
  file, a ``rule`` without ``metric`` is validated as ``metric``.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any

from prodready.contracts.odcs import LEGACY_METRICS, OPERATORS
from prodready.models import ContractProblem

BUNDLED_VERSION = "v3.2.0"
V3_VERSIONS = ("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0")
V2_VERSIONS = ("v2.2.0", "v2.2.1", "v2.2.2")
MAX_MESSAGE = 240
_QUOTED = re.compile(r"'([^']+)'")


def schema_label(version: str | None) -> str:
    """What a file of ``version`` is validated with, said plainly for the report."""
    base = f"ODCS {BUNDLED_VERSION} JSON Schema (bundled), #322 guard"
    if version == BUNDLED_VERSION:
        return base
    if version in V3_VERSIONS:
        return f"{base}; closest bundled schema for a {version} file"
    return base


def validate_odcs(data: dict[str, Any]) -> list[ContractProblem]:
    """Schema problems of one ODCS document, deduplicated, each with the field that is wrong.

    Nested properties are validated one node at a time (each with its children cut out):
    the schema reaches a nested property through several branches at once, so validating
    the whole tree in one go grows exponentially with depth (a 7-level contract took a minute).
    """
    version = data.get("apiVersion")
    document = _legacy_rule_as_metric(data) if str(version).startswith("v3.0") else data
    root_validator, property_validator = _validators()
    jobs: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    batches = [((), list(root_validator.iter_errors(_cut_document(document, jobs))))]
    while jobs:
        path, node = jobs.pop()
        batches.append((path, list(property_validator.iter_errors(_cut(node, path, jobs)))))
    problems: dict[tuple[str | None, str], ContractProblem] = {}
    for prefix, errors in batches:
        for problem in _problems(errors, prefix):
            problems.setdefault((problem.field, problem.message), problem)
    return sorted(problems.values(), key=lambda problem: (problem.field or "", problem.message))


@lru_cache(maxsize=1)
def _validators() -> tuple[Any, Any]:
    """Validators for a whole document and for one schema property, both with the #322 guard."""
    from importlib.resources import files

    import jsonschema

    bundled = files("open_data_contract_standard").joinpath("schema.json").read_text("utf-8")
    schema = guard_logical_type_conditionals(json.loads(bundled))
    validator_class = jsonschema.validators.validator_for(schema)
    one_property = {
        "$schema": schema.get("$schema"),
        "$defs": schema["$defs"],
        "$ref": "#/$defs/SchemaProperty",
    }
    return validator_class(schema), validator_class(one_property)


def _cut_document(document: dict[str, Any], jobs: list[Any]) -> dict[str, Any]:
    objects = document.get("schema")
    if not isinstance(objects, list):
        return document
    copied = dict(document)
    copied["schema"] = [
        _cut(obj, ("schema", index), jobs) if isinstance(obj, dict) else obj
        for index, obj in enumerate(objects)
    ]
    return copied


def _cut(node: dict[str, Any], path: tuple[str | int, ...], jobs: list[Any]) -> dict[str, Any]:
    """``node`` with each nested property list emptied; the cut properties become jobs."""
    copied = dict(node)
    children = node.get("properties")
    if isinstance(children, list):
        for index, child in enumerate(children):
            if isinstance(child, dict):
                jobs.append(((*path, "properties", index), child))
        copied["properties"] = [child for child in children if not isinstance(child, dict)]
    items = node.get("items")
    if isinstance(items, dict):
        copied["items"] = _cut(items, (*path, "items"), jobs)
    mapping = node.get("map")
    if isinstance(mapping, dict):
        copied["map"] = {
            key: _cut(value, (*path, "map", key), jobs) if isinstance(value, dict) else value
            for key, value in mapping.items()
        }
    return copied


def guard_logical_type_conditionals(schema: dict[str, Any]) -> dict[str, Any]:
    """The #322 workaround: an ``if`` on ``logicalType`` applies only when the key is present."""
    patched = copy.deepcopy(schema)
    for node in _subschemas(patched):
        condition, outcome = node.get("if"), node.get("then")
        if (
            isinstance(condition, dict)
            and isinstance(outcome, dict)
            and outcome.get("required")
            and "logicalType" in (condition.get("properties") or {})
            and "logicalType" not in (condition.get("required") or [])
        ):
            condition["required"] = [*(condition.get("required") or []), "logicalType"]
    return patched


def _subschemas(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            found.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


def _legacy_rule_as_metric(data: dict[str, Any]) -> dict[str, Any]:
    """A copy where v3.0.x ``rule: rowCount`` quality entries also read ``metric: rowCount``."""
    copied = copy.deepcopy(data)
    for node in _subschemas(copied.get("schema")):
        rule = node.get("rule")
        if (
            isinstance(rule, str)
            and "metric" not in node
            and node.get("type", "library") == "library"
        ):
            node["metric"] = LEGACY_METRICS.get(rule, rule)
    return copied


def _problems(errors: list[Any], prefix: tuple[str | int, ...]) -> list[ContractProblem]:
    """Keep the errors that name the cause; drop follow-ups."""
    paths = [tuple(error.absolute_path) for error in errors]
    problems: list[ContractProblem] = []
    for index, error in enumerate(errors):
        path = paths[index]
        if error.validator == "unevaluatedProperties" and any(
            other[: len(path)] == path and errors[j].validator != "unevaluatedProperties"
            for j, other in enumerate(paths)
            if j != index
        ):
            continue  # a failed branch left these keys unevaluated; the other error is the cause
        cause = _cause(error)
        for field, message in _describe(cause, [*prefix, *cause.absolute_path]):
            problems.append(ContractProblem(field=field, message=message))
    return problems


def _cause(error: Any) -> Any:
    """Inside a oneOf/anyOf, the error of the branch the value was meant for (not a type miss)."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        depth = len(error.absolute_path)
        meant = [
            sub
            for sub in error.context
            if not (sub.validator == "type" and len(sub.absolute_path) == depth)
        ]
        if not meant:
            break
        error = max(meant, key=lambda sub: len(sub.absolute_path))
    return error


def _describe(error: Any, path: list[str | int]) -> list[tuple[str, str]]:
    from prodready.contracts.paths import field_path

    kind = error.validator
    if kind == "required":
        missing = _QUOTED.findall(error.message)[:1] or ["?"]
        return [(field_path([*path, missing[0]]), f"required field '{missing[0]}' is missing")]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        keys = _QUOTED.findall(error.message.split("(")[-1])
        return [(field_path([*path, key]), f"unknown field '{key}'") for key in keys]
    if kind == "not" and isinstance(error.validator_value, dict):
        banned = error.validator_value.get("required") or []
        if banned:
            return [(field_path([*path, banned[0]]), f"'{banned[0]}' is not allowed here")]
    if kind == "oneOf" and isinstance(error.instance, dict):
        used = [key for key in OPERATORS if key in error.instance]
        if len(used) > 1:
            return [(field_path(path), f"more than one operator ({', '.join(used)}); use one")]
    return [(field_path(path), _short(error.message))]


def _short(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."
