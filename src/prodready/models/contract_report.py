"""The data contracts' section of the result: validity, lint problems, sample tests."""

from __future__ import annotations

from pydantic import Field

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import Status


class ContractProblem(FrozenModel):
    """A schema, parse or lint problem in a data contract, at the field that is wrong."""

    rule_id: str | None = Field(
        None, description="The DATA rule that reported it; None for schema and parse errors."
    )
    field: str | None = Field(
        None, description="Path in the contract, e.g. schema[0].properties[2].logicalType."
    )
    line: int | None = None
    message: str


class ContractDataTest(FrozenModel):
    """One check of sample data against its contract."""

    check: str = Field(description="required, unique, type, enum, range, quality:nullValues ...")
    target: str = Field(description="table or table.column")
    status: Status = Field(description="pass, fail or unknown (could not be run, with why).")
    message: str = ""
    rows: int | None = Field(None, description="Rows checked.")
    failed: int | None = Field(None, description="Rows (or the metric value) that failed.")
    examples: list[str] = Field(
        default_factory=list,
        description="Up to five failing rows (1-based, header excluded); PII values masked.",
    )
    indicative: bool = Field(
        False, description="Only indicative on a sample (freshness, retention): never a failure."
    )
    field: str | None = Field(None, description="The contract field the check comes from.")


class ContractSample(FrozenModel):
    path: str
    table: str | None = None
    format: str | None = None
    source: str = Field("", description="What ties the sample to the contract.")
    rows: int = 0
    sampled: str | None = Field(
        None, description="How a file above the size limit was read; None when read whole."
    )
    error: str | None = None
    tests: list[ContractDataTest] = []


class ContractReport(FrozenModel):
    """A data contract: whether it is valid, its lint problems and its sample data tests."""

    path: str
    format: str = Field(description="odcs, dcs or unknown")
    version: str | None = None
    schema_checked: str | None = Field(
        None, description="The schema or model the file was validated with."
    )
    dataset: str | None = None
    valid: bool | None = Field(None, description="None when it could not be validated.")
    problems: list[ContractProblem] = []
    samples: list[ContractSample] = []
