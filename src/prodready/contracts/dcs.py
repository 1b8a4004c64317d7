"""The Data Contract Specification (datacontract.com, versions 0.9.x to 1.2.x): model and view.

A small pydantic model of the specification's own fields. Unknown keys are allowed, as the
specification allows extension fields, so only a wrong type or a missing required field
(``id``, ``info.title``, ``info.version``) is a problem.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from prodready.contracts.odcs import OPERATORS
from prodready.contracts.paths import field_path
from prodready.models import ContractProblem
from prodready.models.contract_view import (
    Contract,
    ForeignKey,
    Property,
    QualityRule,
    SchemaObject,
    Server,
    SlaProperty,
)

KNOWN_VERSIONS = ("0.9.0", "0.9.1", "0.9.2", "0.9.3", "1.0.0", "1.1.0", "1.2.0", "1.2.1")


def _text(value: Any) -> Any:
    """YAML reads ``version: 1.0`` as a float; the specification means a string."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_text)]


class _Dcs(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Contact(_Dcs):
    name: str | None = None
    url: str | None = None
    email: str | None = None


class Info(_Dcs):
    title: Text
    version: Text
    description: str | None = None
    owner: str | None = None
    status: str | None = None
    contact: Contact | None = None


class DcsServer(_Dcs):
    type: str | None = None
    location: str | None = None
    path: str | None = None
    format: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    host: str | None = None
    database: str | None = None
    schema_: str | None = Field(None, alias="schema")
    dataset: str | None = None
    project: str | None = None
    topic: str | None = None


class DcsQuality(_Dcs):
    type: str | None = None
    description: str | None = None
    query: str | None = None
    metric: str | None = None
    arguments: dict[str, Any] | None = None
    engine: str | None = None
    mustBe: Any = None
    mustNotBe: Any = None
    mustBeGreaterThan: float | None = None
    mustBeGreaterOrEqualTo: float | None = None
    mustBeLessThan: float | None = None
    mustBeLessOrEqualTo: float | None = None
    mustBeBetween: list[float] | None = None
    mustNotBeBetween: list[float] | None = None


class DcsField(_Dcs):
    type: str | None = None
    ref: str | None = Field(None, alias="$ref")
    description: str | None = None
    required: bool | None = None
    unique: bool | None = None
    primaryKey: bool | None = None
    primary: bool | None = None  # 0.9.x spelling
    classification: str | None = None
    pii: bool | None = None
    enum: list[Any] | None = None
    minLength: int | None = None
    maxLength: int | None = None
    pattern: str | None = None
    format: str | None = None
    minimum: float | str | None = None
    maximum: float | str | None = None
    exclusiveMinimum: float | str | None = None
    exclusiveMaximum: float | str | None = None
    references: str | None = None
    tags: list[str] | None = None
    fields: dict[str, DcsField] | None = None
    items: DcsField | None = None
    quality: list[DcsQuality] | None = None


class DcsModel(_Dcs):
    type: str | None = None
    description: str | None = None
    fields: dict[str, DcsField] | None = None
    quality: list[DcsQuality] | None = None
    primaryKey: list[str] | str | None = None


class Freshness(_Dcs):
    threshold: Text | None = None
    timestampField: str | None = None


class Retention(_Dcs):
    period: Text | None = None
    unlimited: bool | None = None
    timestampField: str | None = None


class Latency(_Dcs):
    threshold: Text | None = None
    sourceTimestampField: str | None = None
    processedTimestampField: str | None = None


class ServiceLevels(_Dcs):
    freshness: Freshness | None = None
    retention: Retention | None = None
    latency: Latency | None = None


class DataContractSpecification(_Dcs):
    dataContractSpecification: Text
    id: Text
    info: Info
    servers: dict[str, DcsServer] | None = None
    models: dict[str, DcsModel] | None = None
    servicelevels: ServiceLevels | None = None
    quality: dict[str, Any] | list[Any] | None = None
    tags: list[str] | None = None


def load_dcs(path: str, data: dict[str, Any]) -> tuple[Contract | None, list[ContractProblem]]:
    """Validate with the model; problems name the field. The view is None only when invalid."""
    problems: list[ContractProblem] = []
    version = _text(data.get("dataContractSpecification"))
    if version not in KNOWN_VERSIONS:
        problems.append(
            ContractProblem(
                field="dataContractSpecification",
                message=f"unknown Data Contract Specification version {version!r}"
                f" (known: {', '.join(KNOWN_VERSIONS)})",
            )
        )
    try:
        model = DataContractSpecification.model_validate(data)
    except ValidationError as error:
        problems.extend(
            ContractProblem(
                field=field_path(p for p in item["loc"] if isinstance(p, str | int)),
                message=_message(item),
            )
            for item in error.errors()[:20]
        )
        return None, problems
    return _contract(path, model), problems


def _message(item: dict[str, Any]) -> str:
    if item["type"] == "missing":
        return f"required field '{item['loc'][-1]}' is missing"
    return str(item["msg"]).lower()


def _contract(path: str, model: DataContractSpecification) -> Contract:
    info = model.info
    contact = info.contact
    support = [contact.email or contact.url or contact.name] if contact else []
    objects = [_object(name, item) for name, item in (model.models or {}).items()]
    return Contract(
        path=path,
        format="dcs",
        version=model.dataContractSpecification,
        id=model.id,
        dataset=info.title or model.id,
        owner=info.owner,
        status=info.status,
        description=info.description,
        objects=objects,
        sla=_sla(model.servicelevels),
        servers=[_server(name, item) for name, item in (model.servers or {}).items()],
        support=[item for item in support if item],
        quality=(
            [QualityRule(field="quality", type="custom", engine=str(model.quality.get("type")))]
            if isinstance(model.quality, dict)
            else []
        ),
    )


def _object(name: str, model: DcsModel) -> SchemaObject:
    field = field_path(("models", name))
    declared = model.primaryKey
    keys = [declared] if isinstance(declared, str) else list(declared or [])
    properties = [
        _property(column, item, field_path(("models", name, "fields", column)), keys)
        for column, item in (model.fields or {}).items()
    ]
    foreign = [
        ForeignKey(column=prop.name, table=target[0], target_column=target[1], field=prop.field)
        for prop, item in zip(properties, (model.fields or {}).values(), strict=True)
        if (target := _reference(item.references))
    ]
    return SchemaObject(
        name=name,
        field=field,
        description=model.description,
        properties=properties,
        quality=_quality(model.quality, field),
        foreign_keys=foreign,
    )


def _property(name: str, item: DcsField, field: str, keys: list[str]) -> Property:
    nested = [
        _property(child, sub, f"{field}.fields.{child}", [])
        for child, sub in (item.fields or {}).items()
    ]
    return Property(
        name=name,
        field=field,
        column=name,
        logical_type=item.type,
        physical_type=None,
        typed=bool(item.type or item.ref),
        required=bool(item.required),
        unique=bool(item.unique),
        primary_key=bool(item.primaryKey or item.primary or name in keys),
        primary_key_position=keys.index(name) + 1 if name in keys else None,
        classification=item.classification,
        pii=bool(item.pii) or "pii" in {tag.lower() for tag in item.tags or []},
        description=item.description,
        enum=list(item.enum or []),
        minimum=item.minimum,
        maximum=item.maximum,
        exclusive_minimum=item.exclusiveMinimum,
        exclusive_maximum=item.exclusiveMaximum,
        min_length=item.minLength,
        max_length=item.maxLength,
        pattern=item.pattern,
        quality=_quality(item.quality, field),
        properties=nested,
    )


def _quality(rules: list[DcsQuality] | None, parent: str) -> list[QualityRule]:
    found = []
    for index, rule in enumerate(rules or []):
        operator = next((name for name in OPERATORS if getattr(rule, name) is not None), None)
        found.append(
            QualityRule(
                field=f"{parent}.quality[{index}]",
                type=rule.type or ("library" if rule.metric else "text"),
                metric=rule.metric,
                operator=operator,
                threshold=getattr(rule, operator) if operator else None,
                arguments=rule.arguments or {},
                query=rule.query,
                engine=rule.engine,
                description=rule.description,
            )
        )
    return found


def _sla(levels: ServiceLevels | None) -> list[SlaProperty]:
    if levels is None:
        return []
    found = []
    if levels.freshness and levels.freshness.threshold:
        found.append(
            SlaProperty(
                property="freshness",
                field="servicelevels.freshness",
                value=levels.freshness.threshold,
                element=levels.freshness.timestampField,
            )
        )
    if levels.retention and levels.retention.period and not levels.retention.unlimited:
        found.append(
            SlaProperty(
                property="retention",
                field="servicelevels.retention",
                value=levels.retention.period,
                element=levels.retention.timestampField,
            )
        )
    if levels.latency and levels.latency.threshold:
        found.append(
            SlaProperty(
                property="latency",
                field="servicelevels.latency",
                value=levels.latency.threshold,
                element=levels.latency.processedTimestampField
                or levels.latency.sourceTimestampField,
            )
        )
    return found


def _reference(value: str | None) -> tuple[str, str] | None:
    parts = (value or "").split(".")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def _server(name: str, server: DcsServer) -> Server:
    names = (server.database, server.schema_, server.dataset, server.project, server.topic)
    return Server(
        name=name,
        field=field_path(("servers", name)),
        type=server.type,
        path=server.path,
        location=server.location or server.host,
        format=server.format,
        delimiter=server.delimiter,
        encoding=server.encoding,
        names=[item for item in names if item],
    )
