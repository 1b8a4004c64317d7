"""Which files are data contracts: by name, by content, or because prodready.yaml lists them.

ODCS files are ``*.odcs.yaml``/``*.odcs.yml`` or any YAML with ``apiVersion`` and
``kind: DataContract``; Data Contract Specification files carry ``dataContractSpecification``.
Contracts under test folders are fixtures, not promises, unless the checklist lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prodready.contracts.samples import inside_repo
from prodready.models import ContractProblem
from prodready.scanners.facts import FileFact, ParsedConfig
from prodready.scanners.queries import is_test_path

ODCS_SUFFIXES = (".odcs.yaml", ".odcs.yml")


@dataclass(frozen=True)
class Candidate:
    path: str
    format: str  # odcs | dcs | unknown
    data: dict[str, Any] | None = None
    problem: ContractProblem | None = None


def discover(
    root: Path,
    files: dict[str, FileFact],
    parsed: dict[str, ParsedConfig],
    listed: list[str],
) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for path in sorted(files):
        config = parsed.get(path)
        named = path.lower().endswith(ODCS_SUFFIXES)
        if is_test_path(path) or not (named or _looks_like_contract(config)):
            continue
        found[path] = _candidate(path, files[path], config)
    for entry in listed:
        path = inside_repo(root, entry)
        if path is None:
            found[entry] = Candidate(
                entry,
                "unknown",
                problem=ContractProblem(message="outside the repository, refused"),
            )
        elif path not in found:
            found[path] = _candidate(path, files.get(path), parsed.get(path), listed=True)
    return [found[path] for path in sorted(found)]


def _looks_like_contract(config: ParsedConfig | None) -> bool:
    data = config.data if config is not None else None
    return isinstance(data, dict) and (
        "dataContractSpecification" in data
        or (data.get("kind") == "DataContract" and "apiVersion" in data)
    )


def _candidate(
    path: str, fact: FileFact | None, config: ParsedConfig | None, listed: bool = False
) -> Candidate:
    def problem(message: str, line: int | None = None) -> Candidate:
        return Candidate(path, "unknown", problem=ContractProblem(message=message, line=line))

    if fact is None:
        return problem("listed in prodready.yaml data.contracts but not found")
    if fact.read_error or fact.lfs_pointer:
        return problem(fact.read_error or "a git LFS pointer: the contract itself is not committed")
    if config is None:
        return problem("not a YAML file: contracts are read from .yaml/.yml files")
    if config.error:
        return problem(config.error, config.error_line)
    data = config.data
    if not isinstance(data, dict):
        return problem("expected one YAML mapping (a single document) at the top level")
    if "dataContractSpecification" in data:
        return Candidate(path, "dcs", data)
    if "apiVersion" in data or "kind" in data or path.lower().endswith(ODCS_SUFFIXES):
        return Candidate(path, "odcs", data)
    return problem(
        "not a data contract: no `apiVersion` + `kind: DataContract` (ODCS)"
        " and no `dataContractSpecification` key"
        + (" (listed in prodready.yaml data.contracts)" if listed else "")
    )
