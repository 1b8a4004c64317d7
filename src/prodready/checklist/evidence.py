"""Resolve an evidence reference (``path#/json/pointer``) against facts already collected.

Supports JSON, YAML and TOML files (through their parsed configs) and CSV
files (rows as mappings: ``#/0/auc`` is the first row, ``#/-1/auc`` the last).
A path outside the repository is refused, never read.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import RepoFacts


@dataclass(frozen=True)
class Resolved:
    reference: str
    value: Any = None
    problem: str | None = None
    refused: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


def split_reference(reference: str) -> tuple[str, str]:
    path, _, pointer = reference.strip().partition("#")
    return path.strip().removeprefix("./"), pointer


def outside_repo(path: str) -> bool:
    pure = PurePosixPath(path.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts or (len(path) > 1 and path[1] == ":")


def resolve(facts: RepoFacts, reference: str) -> Resolved:
    path, pointer = split_reference(reference)
    if outside_repo(path):
        return Resolved(
            reference,
            problem="evidence path is outside the repository: refused, not read",
            refused=True,
        )
    if path not in facts.files:
        return Resolved(reference, problem=f"{path} does not exist in the repository")
    document = _document(facts, path)
    if isinstance(document, Resolved):
        return document
    if not pointer:
        return Resolved(reference, value=document)
    return _walk(reference, document, pointer)


def file_exists(facts: RepoFacts, path: str) -> bool:
    path = path.strip().removeprefix("./").rstrip("/")
    return path in facts.files or any(name.startswith(path + "/") for name in facts.files)


def _document(facts: RepoFacts, path: str) -> Any:
    config = facts.configs.get(path)
    if config is not None:
        if config.error:
            return Resolved(path, problem=f"{path} cannot be parsed: {config.error}")
        return config.data
    text = facts.texts.get(path)
    if text is None:
        return Resolved(path, problem=f"{path} could not be read as text")
    if path.endswith((".csv", ".tsv")):
        dialect = "excel-tab" if path.endswith(".tsv") else "excel"
        return [dict(row) for row in csv.DictReader(io.StringIO(text), dialect=dialect)]
    return text


def _walk(reference: str, node: Any, pointer: str) -> Resolved:
    for raw in pointer.lstrip("/").split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and _is_index(token) and -len(node) <= int(token) < len(node):
            node = node[int(token)]
        else:
            return Resolved(
                reference, problem=f"key '{token}' not found in {split_reference(reference)[0]}"
            )
    return Resolved(reference, value=node)


def _is_index(token: str) -> bool:
    return token.lstrip("-").isdigit()


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return float(value) if math.isfinite(value) else None
        number = float(str(value).strip().rstrip("%"))
    except (ValueError, OverflowError):  # an integer past float range is no measurement
        return None
    return number if math.isfinite(number) else None


def same_value(claimed: float, measured: float) -> bool:
    """Equal to the precision the claim was written with (0.91 matches 0.9104)."""
    text = repr(claimed)
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return abs(claimed - measured) <= 0.5 * 10 ** (-decimals) + 1e-12
