"""Load an ODCS v3 document with the ``open-data-contract-standard`` model and map it to the view.

We never write our own ODCS model: the package's pydantic classes are the reference
reader, and this module only translates them into ``prodready.models.contract_view``.
"""

from __future__ import annotations

from typing import Any

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

OPERATORS = (
    "mustBe",
    "mustNotBe",
    "mustBeGreaterThan",
    "mustBeGreaterOrEqualTo",
    "mustBeLessThan",
    "mustBeLessOrEqualTo",
    "mustBeBetween",
    "mustNotBeBetween",
)
LEGACY_METRICS = {"duplicateCount": "duplicateValues", "nullCount": "nullValues"}
_SERVER_NAMES = ("database", "schema_", "dataset", "project", "catalog", "stream")


def load_odcs(path: str, data: dict[str, Any]) -> tuple[Contract | None, list[ContractProblem]]:
    """The view, or None with the model's own errors when even the lenient model rejects it.

    The model forbids unknown top-level keys; those are already schema problems, so the
    view is built without them rather than losing every other check to one typo.
    """
    from open_data_contract_standard.model import OpenDataContractStandard
    from pydantic import ValidationError

    try:
        return _contract(path, OpenDataContractStandard.model_validate(data)), []
    except ValidationError as error:
        items = error.errors()
    unknown = {
        item["loc"][0]
        for item in items
        if item["type"] == "extra_forbidden" and len(item["loc"]) == 1
    }
    if unknown and len(unknown) == len(items):
        known = {key: value for key, value in data.items() if key not in unknown}
        try:
            return _contract(path, OpenDataContractStandard.model_validate(known)), []
        except ValidationError as error:
            items = error.errors()
    problems = [
        ContractProblem(
            field=field_path(part for part in item["loc"] if isinstance(part, str | int)),
            message=f"cannot be read: {item['msg']}",
        )
        for item in items[:20]
    ]
    return None, problems


def _contract(path: str, model: Any) -> Contract:
    objects = [_object(obj, index) for index, obj in enumerate(model.schema_ or [])]
    single = objects[0].name if len(objects) == 1 else None
    return Contract(
        path=path,
        format="odcs",
        version=model.apiVersion,
        id=model.id,
        dataset=model.name or model.dataProduct or single or model.id,
        owner=_owner(model.team),
        status=model.status,
        description=_description(model.description),
        objects=objects,
        sla=[
            SlaProperty(
                property=item.property or "",
                field=field_path(("slaProperties", index)),
                value=item.value,
                unit=item.unit,
                element=item.element or model.slaDefaultElement,
            )
            for index, item in enumerate(model.slaProperties or [])
        ],
        servers=[_server(server, index) for index, server in enumerate(model.servers or [])],
        support=[
            item.channel or item.url for item in model.support or [] if item.channel or item.url
        ],
    )


def _owner(team: Any) -> str | None:
    if team is None:
        return None
    if isinstance(team, list):
        names = [member.username or member.name for member in team]
        return ", ".join(name for name in names if name) or None
    members = [member.username or member.name for member in team.members or []]
    return team.name or ", ".join(name for name in members if name) or None


def _description(description: Any) -> str | None:
    if description is None:
        return None
    parts = (description.purpose, description.usage, description.limitations)
    return " ".join(part.strip() for part in parts if part and part.strip()) or None


def _object(obj: Any, index: int) -> SchemaObject:
    field = field_path(("schema", index))
    properties = [
        _property(prop, f"{field}.properties[{position}]")
        for position, prop in enumerate(obj.properties or [])
    ]
    name = obj.name or obj.physicalName or f"schema[{index}]"
    keys = [
        key
        for position, prop in enumerate(obj.properties or [])
        for key in _property_keys(prop, f"{field}.properties[{position}]")
    ]
    keys.extend(_schema_keys(obj, field))
    return SchemaObject(
        name=name,
        field=field,
        physical_name=obj.physicalName,
        description=obj.description,
        properties=properties,
        quality=_quality(obj.quality, field),
        foreign_keys=keys,
    )


def _property(prop: Any, field: str) -> Property:
    options = prop.logicalTypeOptions or {}
    tags = {tag.lower() for tag in prop.tags or []}
    nested = [
        _property(child, f"{field}.properties[{position}]")
        for position, child in enumerate(prop.properties or [])
    ]
    name = prop.name or prop.physicalName or field
    return Property(
        name=name,
        field=field,
        column=prop.physicalName or name,
        logical_type=prop.logicalType,
        physical_type=prop.physicalType,
        typed=bool(prop.logicalType or prop.physicalType),
        required=bool(prop.required),
        unique=bool(prop.unique),
        primary_key=bool(prop.primaryKey),
        primary_key_position=prop.primaryKeyPosition,
        classification=prop.classification,
        pii="pii" in tags,
        description=prop.description,
        enum=[item.value for item in prop.enum or []],
        minimum=options.get("minimum"),
        maximum=options.get("maximum"),
        exclusive_minimum=options.get("exclusiveMinimum"),
        exclusive_maximum=options.get("exclusiveMaximum"),
        min_length=options.get("minLength"),
        max_length=options.get("maxLength"),
        pattern=options.get("pattern"),
        quality=_quality(prop.quality, field),
        properties=nested,
    )


def _quality(rules: list[Any] | None, parent: str) -> list[QualityRule]:
    found = []
    for index, rule in enumerate(rules or []):
        operator = next((name for name in OPERATORS if getattr(rule, name) is not None), None)
        metric = rule.metric or rule.rule
        kind = rule.type or ("library" if metric else "text")
        found.append(
            QualityRule(
                field=f"{parent}.quality[{index}]",
                type=kind,
                metric=LEGACY_METRICS.get(metric, metric) if metric else None,
                operator=operator,
                threshold=getattr(rule, operator) if operator else None,
                unit=rule.unit,
                arguments=rule.arguments or {},
                query=rule.query,
                engine=rule.engine,
                description=rule.description or rule.name,
            )
        )
    return found


def _property_keys(prop: Any, field: str) -> list[ForeignKey]:
    keys = []
    for index, relation in enumerate(prop.relationships or []):
        target = _reference(relation.to)
        if target and (relation.type or "foreignKey") == "foreignKey":
            keys.append(
                ForeignKey(
                    column=prop.physicalName or prop.name or "",
                    table=target[0],
                    target_column=target[1],
                    field=f"{field}.relationships[{index}]",
                )
            )
    return keys


def _schema_keys(obj: Any, field: str) -> list[ForeignKey]:
    keys = []
    for index, relation in enumerate(obj.relationships or []):
        source, target = _reference(relation.from_), _reference(relation.to)
        if source and target and (relation.type or "foreignKey") == "foreignKey":
            keys.append(
                ForeignKey(
                    column=source[1],
                    table=target[0],
                    target_column=target[1],
                    field=f"{field}.relationships[{index}]",
                )
            )
    return keys


def _reference(value: Any) -> tuple[str, str] | None:
    """``customers.id`` (shorthand) or ``schema/customers/properties/id``; composite keys skipped."""
    if not isinstance(value, str):
        return None
    reference = value.split("#")[-1].strip("/")
    if "/" in reference:
        parts = reference.split("/")
        return (parts[1], parts[3]) if len(parts) >= 4 else None
    parts = reference.split(".")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def _server(server: Any, index: int) -> Server:
    names = [getattr(server, name) for name in _SERVER_NAMES]
    return Server(
        name=server.server or f"servers[{index}]",
        field=field_path(("servers", index)),
        type=server.type,
        path=server.path,
        location=server.location or server.endpointUrl or server.host,
        format=server.format,
        delimiter=server.delimiter,
        encoding=server.encoding,
        names=[str(name) for name in names if name],
    )
