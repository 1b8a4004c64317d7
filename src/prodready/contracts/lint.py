"""Lint checks over a contract's view: each returns (field path, message) for what is missing.

Pure functions, one per DATA lint rule, so the rules stay thin and the same checks can
be reused by any other surface. Field names follow the contract's own format (ODCS
``team``, DCS ``info.owner``) so the message tells the author exactly what to add.
"""

from __future__ import annotations

from prodready.contracts.pii import looks_personal
from prodready.models.contract_view import Contract

Problem = tuple[str, str]
FRESHNESS = frozenset({"freshness", "latency"})


def _where(contract: Contract, odcs: str, dcs: str) -> str:
    return odcs if contract.format == "odcs" else dcs


def missing_owner(contract: Contract) -> list[Problem]:
    if contract.owner:
        return []
    field = _where(contract, "team", "info.owner")
    return [(field, f"no owner: set `{field}` to the team accountable for this data")]


def missing_status(contract: Contract) -> list[Problem]:
    if contract.status:
        return []
    field = _where(contract, "status", "info.status")
    return [(field, f"no status: set `{field}` (e.g. proposed, active, deprecated)")]


def untyped_properties(contract: Contract) -> list[Problem]:
    hint = _where(contract, "logicalType or physicalType", "type")
    return [
        (prop.field, f"{obj.name}.{prop.name} has no type: set {hint}")
        for obj, prop in contract.all_properties()
        if not prop.typed
    ]


def tables_without_key(contract: Contract) -> list[Problem]:
    return [
        (obj.field, f"table {obj.name} has no primary key and no unique property")
        for obj in contract.objects
        if obj.properties and not any(prop.primary_key or prop.unique for prop in obj.properties)
    ]


def no_quality_rule(contract: Contract) -> list[Problem]:
    if contract.all_quality():
        return []
    field = _where(contract, "schema", "models")
    return [
        (field, "no quality rule: add at least one `quality` entry (e.g. rowCount, nullValues)")
    ]


def no_freshness_sla(contract: Contract) -> list[Problem]:
    if any(item.property.lower() in FRESHNESS for item in contract.sla):
        return []
    field = _where(contract, "slaProperties", "servicelevels")
    return [(field, "no freshness or latency SLA for data that feeds a live model")]


def unclassified_personal_data(contract: Contract) -> list[Problem]:
    return [
        (prop.field, f"{obj.name}.{prop.name} looks like personal data but has no classification")
        for obj, prop in contract.all_properties()
        if looks_personal(prop.name) and not prop.classification and not prop.pii
    ]


def missing_description(contract: Contract) -> list[Problem]:
    if contract.description:
        return []
    field = _where(contract, "description", "info.description")
    return [(field, f"no description: say what the data is for in `{field}`")]


def missing_support(contract: Contract) -> list[Problem]:
    if contract.support:
        return []
    field = _where(contract, "support", "info.contact")
    return [(field, f"no support channel: add `{field}` so consumers know where to ask")]
