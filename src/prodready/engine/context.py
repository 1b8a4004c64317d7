"""What a rule sees: the repository's facts plus small shared queries over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from prodready.models import ChecklistReport, ProjectInfo
from prodready.models.contract_facts import ContractSamples
from prodready.scanners.facts import PythonFacts, RepoFacts
from prodready.scanners.queries import (  # re-exported: rules import them from here
    SEED_KWARGS,
    TRAINING_CALL_NAMES,
    TRAINING_CALL_SUFFIXES,
    imported_modules,
    is_seed_call,
    is_source_path,
    is_test_path,
    is_training_call,
    seeding_calls,
)

__all__ = [
    "SEED_KWARGS",
    "TRAINING_CALL_NAMES",
    "TRAINING_CALL_SUFFIXES",
    "RuleContext",
    "imported_modules",
    "is_seed_call",
    "is_test_path",
    "is_training_call",
    "seeding_calls",
]

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class RuleContext:
    """The views every rule may read, each built once by ``run_audit`` before any rule runs.

    ``graph`` is the dependency graph (None with ``graph_error`` when it could not be
    built); ``checklist`` is the cross-check of ``prodready.yaml`` against the evidence;
    ``contract_samples`` the sample data tests of each contract, by contract path.
    The cached views below never depend on ``project``, so a copy with another kind may
    share them (the aspects' kind-free context does).
    """

    facts: RepoFacts
    project: ProjectInfo
    checklist: ChecklistReport = field(default_factory=ChecklistReport)
    graph: nx.DiGraph | None = None
    graph_error: str | None = None
    contract_samples: ContractSamples = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    # verdicts of rules evaluated with their default options, by rule id: the aspects read
    # those whose evaluation never looks at the project kind instead of evaluating them again
    verdicts: dict[str, Any] = field(default_factory=dict)

    def source_line(self, path: str, line: int | None) -> str | None:
        text = self.facts.texts.get(path)
        if text is None or line is None or PurePosixPath(path).suffix == ".ipynb":
            return None
        lines = text.splitlines()
        return lines[line - 1].strip() if 0 < line <= len(lines) else None

    @staticmethod
    def is_test_path(path: str) -> bool:
        return is_test_path(path)

    def is_source_path(self, path: str) -> bool:
        """Code that ships: not tests, docs or examples."""
        return is_source_path(path)

    @cached_property
    def units(self) -> dict[str, PythonFacts]:
        """Parsed Python of modules and notebooks, by path; unparsable ones left out."""
        return {
            path: unit for path, unit in self.facts.code_units().items() if unit.parse_error is None
        }

    @cached_property
    def source_units(self) -> dict[str, PythonFacts]:
        return {path: unit for path, unit in self.units.items() if self.is_source_path(path)}

    @cached_property
    def training_units(self) -> dict[str, PythonFacts]:
        """Source units that fit a model: where seeds and hyperparameters matter."""
        return {
            path: unit
            for path, unit in self.source_units.items()
            if any(is_training_call(c) for c in unit.calls)
        }

    @cached_property
    def unparsable_sources(self) -> list[str]:
        """Source modules and notebooks that could not be parsed: code no AST rule can see."""
        broken = {path for path, unit in self.facts.python.items() if unit.parse_error}
        broken |= {
            path
            for path, notebook in self.facts.notebooks.items()
            if notebook.parse_error or notebook.python is None or notebook.python.parse_error
        }
        return sorted(path for path in broken if self.is_source_path(path))

    def location_note(self, path: str) -> str:
        return " (line numbers count the notebook's code cells)" if path.endswith(".ipynb") else ""
