"""Scanner hook: find the data contracts, validate and load them.

Runs once per audit after the configs and the checklist are read. Contract YAML comes
from the texts and parsed configs already in memory. Testing sample data against a contract
is a judgement, not a fact: ``run_audit`` does it once, beside the other views
(``prodready.contracts.runner.run_sample_tests``). A repository without contracts imports
nothing heavy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prodready.models import ContractProblem
from prodready.models.contract_facts import ContractFacts, ContractFile
from prodready.scanners.contract_discovery import Candidate, discover
from prodready.scanners.facts import ConfigFacts, FileFact


def read_contracts(
    root: Path,
    files: dict[str, FileFact],
    texts: dict[str, str],
    configs: ConfigFacts,
    checklist: Any = None,
) -> ContractFacts:
    """``checklist``: the ChecklistFacts, for ``data.contracts`` and ``data.samples``."""
    section = getattr(getattr(checklist, "checklist", None), "data", None)
    listed = list(section.contracts) if section is not None else []
    mapping = dict(section.samples) if section is not None else {}
    candidates = discover(root, files, configs.parsed, listed)
    if not candidates:
        return ContractFacts(sample_mapping=mapping)
    loaded = [_safe_load(candidate, texts.get(candidate.path, "")) for candidate in candidates]
    return ContractFacts(files=tuple(loaded), sample_mapping=mapping)


def _safe_load(candidate: Candidate, text: str) -> ContractFile:
    """One contract that trips a library bug is reported, and the audit goes on."""
    try:
        return _load(candidate, text)
    except Exception as error:
        problem = ContractProblem(message=f"could not be read: {error!r}")
        return ContractFile(path=candidate.path, format=candidate.format, problems=(problem,))


def _load(candidate: Candidate, text: str) -> ContractFile:
    from prodready.contracts.paths import yaml_lines

    if candidate.problem is not None or candidate.data is None:
        problems = (candidate.problem,) if candidate.problem is not None else ()
        return ContractFile(path=candidate.path, format=candidate.format, problems=problems)
    lines = yaml_lines(text)
    if candidate.format == "dcs":
        return _dcs(candidate, lines)
    return _odcs(candidate, lines)


def _odcs(candidate: Candidate, lines: dict[str, int]) -> ContractFile:
    from prodready.contracts.odcs import load_odcs
    from prodready.contracts.odcs_schema import V2_VERSIONS, schema_label, validate_odcs

    data = candidate.data or {}
    version = data.get("apiVersion")
    version = str(version) if version is not None else None
    if version in V2_VERSIONS:
        return ContractFile(
            path=candidate.path,
            format="odcs",
            version=version,
            unsupported=f"ODCS {version} is not validated: its structure predates v3 and no v2"
            " schema is bundled; migrate it to ODCS v3",
            lines=lines,
        )
    problems = validate_odcs(data)
    contract, model_problems = load_odcs(candidate.path, data)
    return ContractFile(
        path=candidate.path,
        format="odcs",
        version=version,
        schema_checked=schema_label(version),
        problems=_with_lines([*problems, *(model_problems if not problems else [])], lines),
        contract=contract,
        lines=lines,
    )


def _dcs(candidate: Candidate, lines: dict[str, int]) -> ContractFile:
    from prodready.contracts.dcs import load_dcs

    data = candidate.data or {}
    contract, problems = load_dcs(candidate.path, data)
    version = data.get("dataContractSpecification")
    return ContractFile(
        path=candidate.path,
        format="dcs",
        version=str(version) if version is not None else None,
        schema_checked="Data Contract Specification model (prodready)",
        problems=_with_lines(problems, lines),
        contract=contract,
        lines=lines,
    )


def _with_lines(problems: list[Any], lines: dict[str, int]) -> tuple[Any, ...]:
    from prodready.contracts.paths import line_of

    return tuple(
        problem.model_copy(update={"line": line_of(lines, problem.field)}) for problem in problems
    )
