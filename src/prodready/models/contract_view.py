"""One internal view of a data contract, whichever format it was written in.

ODCS v3 (loaded with the ``open-data-contract-standard`` model) and the Data Contract
Specification both become a ``Contract``, so lint rules and data tests are written once.
``field`` attributes hold the element's path in the contract file (``schema[0].properties[2]``)
so every finding can point at the line that needs fixing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class QualityRule(_View):
    """A quality rule: ``library`` metrics are tested on samples; ``sql``/``custom`` need an engine."""

    field: str
    type: str = "library"
    metric: str | None = None
    operator: str | None = None
    threshold: Any = None
    unit: str | None = None
    arguments: dict[str, Any] = {}
    query: str | None = None
    engine: str | None = None
    description: str | None = None


class ForeignKey(_View):
    column: str
    table: str
    target_column: str
    field: str


class Property(_View):
    name: str
    field: str
    column: str
    logical_type: str | None = None
    physical_type: str | None = None
    typed: bool = False
    required: bool = False
    unique: bool = False
    primary_key: bool = False
    primary_key_position: int | None = None
    classification: str | None = None
    pii: bool = False
    description: str | None = None
    enum: list[Any] = []
    minimum: Any = None
    maximum: Any = None
    exclusive_minimum: Any = None
    exclusive_maximum: Any = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    quality: list[QualityRule] = []
    properties: list[Property] = []


class SchemaObject(_View):
    name: str
    field: str
    physical_name: str | None = None
    description: str | None = None
    properties: list[Property] = []
    quality: list[QualityRule] = []
    foreign_keys: list[ForeignKey] = []

    def columns(self) -> list[Property]:
        """Top-level properties: the columns a flat sample file has."""
        return list(self.properties)


class SlaProperty(_View):
    property: str
    field: str
    value: Any = None
    unit: str | None = None
    element: str | None = None


class Server(_View):
    name: str
    field: str
    type: str | None = None
    path: str | None = None
    location: str | None = None
    format: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    names: list[str] = []  # database, schema, dataset, project, topic: what code may read by name


class Contract(_View):
    path: str
    format: str  # "odcs" or "dcs"
    version: str | None = None
    id: str | None = None
    dataset: str | None = None
    owner: str | None = None
    status: str | None = None
    description: str | None = None
    objects: list[SchemaObject] = []
    sla: list[SlaProperty] = []
    servers: list[Server] = []
    support: list[str] = []
    quality: list[QualityRule] = []  # contract-level rules (DCS top-level ``quality``)

    def all_properties(self) -> list[tuple[SchemaObject, Property]]:
        """Every property, nested ones included, with the object it belongs to."""
        found: list[tuple[SchemaObject, Property]] = []
        for obj in self.objects:
            stack = list(reversed(obj.properties))
            while stack:
                prop = stack.pop()
                found.append((obj, prop))
                stack.extend(reversed(prop.properties))
        return found

    def all_quality(self) -> list[QualityRule]:
        rules = list(self.quality)
        for obj in self.objects:
            rules.extend(obj.quality)
        rules.extend(rule for _, prop in self.all_properties() for rule in prop.quality)
        return rules

    def dataset_names(self) -> set[str]:
        """Names code may use for this contract's data: dataset, tables, physical names."""
        names = {self.dataset, self.id}
        for obj in self.objects:
            names.update((obj.name, obj.physical_name))
        return {name for name in names if name}
