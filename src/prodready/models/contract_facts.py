"""What the scanner learned about the repository's data contracts; what the DATA rules read."""

from __future__ import annotations

from dataclasses import dataclass, field

from prodready.models.contract_report import ContractProblem, ContractSample
from prodready.models.contract_view import Contract

ContractSamples = dict[str, tuple[ContractSample, ...]]
"""Sample data test results by contract path: the audit's view, built once (not a fact)."""


@dataclass(frozen=True)
class ContractFile:
    """One contract file: its schema problems and its view (None when unreadable)."""

    path: str
    format: str  # odcs | dcs | unknown
    version: str | None = None
    schema_checked: str | None = None
    problems: tuple[ContractProblem, ...] = ()
    unsupported: str | None = None  # why it could not be validated at all
    contract: Contract | None = None
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool | None:
        if self.unsupported:
            return None
        return not self.problems and self.contract is not None


@dataclass(frozen=True)
class ContractFacts:
    files: tuple[ContractFile, ...] = ()
    sample_mapping: dict[str, str] = field(default_factory=dict)

    def readable(self) -> list[ContractFile]:
        """Contracts with a view: those the lint rules can judge."""
        return [item for item in self.files if item.contract is not None]

    def contracts(self) -> list[Contract]:
        return [item.contract for item in self.files if item.contract is not None]
