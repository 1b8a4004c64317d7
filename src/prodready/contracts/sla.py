"""Freshness and retention SLAs against the newest and oldest timestamp of a sample.

A committed sample is a snapshot, so these results are marked ``indicative``: they tell
whether the sample *looks* like data that meets the promise, never fail the data rule.
ODCS writes freshness as ``latency`` (or ``freshness``) with ``value`` + ``unit`` and an
``element`` ``table.column``; the Data Contract Specification as ``threshold: 25h`` or an
ISO 8601 duration (``P1Y``) with a ``timestampField``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from prodready.contracts.outcome import unknown
from prodready.models import ContractDataTest, Status
from prodready.models.contract_view import Contract, SlaProperty

UNITS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "seconds": 1,
    "min": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
    "mo": 2_592_000,
    "month": 2_592_000,
    "months": 2_592_000,
    "y": 31_536_000,
    "yr": 31_536_000,
    "year": 31_536_000,
    "years": 31_536_000,
}
_ISO_DURATION = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)
_SIMPLE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")


def freshness_kinds(contract: Contract) -> tuple[str, ...]:
    """ODCS calls freshness ``latency``; in the DCS, latency is processing delay, not age."""
    return ("freshness", "latency") if contract.format == "odcs" else ("freshness",)


def duration(value: Any, unit: str | None) -> dt.timedelta | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = UNITS.get((unit or "").lower())
        return dt.timedelta(seconds=value * seconds) if seconds else None
    text = str(value or "").strip()
    iso = _ISO_DURATION.match(text.upper())
    if iso and any(iso.groups()):
        years, months, weeks, days, hours, minutes, seconds = (int(g or 0) for g in iso.groups())
        return dt.timedelta(
            days=years * 365 + months * 30 + weeks * 7 + days,
            hours=hours,
            minutes=minutes,
            seconds=seconds,
        )
    simple = _SIMPLE.match(text)
    if simple:
        factor = UNITS.get(simple.group(2).lower()) or (60 if simple.group(2) == "m" else None)
        return dt.timedelta(seconds=float(simple.group(1)) * factor) if factor else None
    return None


def sla_tests(
    contract: Contract, tables: dict[str, Any], now: dt.datetime
) -> list[tuple[str, ContractDataTest]]:
    """(table, test) for each freshness/retention SLA whose table has a sample."""
    found = []
    for item in contract.sla:
        kind = item.property.lower()
        if kind in freshness_kinds(contract):
            newest = True
        elif kind == "retention":
            newest = False
        else:
            continue
        table, column = _element(item, tables)
        if table is None:
            continue
        found.append((table, _test(item, kind, table, column, tables[table], newest, now)))
    return found


def _element(item: SlaProperty, tables: dict[str, Any]) -> tuple[str | None, str | None]:
    element = (item.element or "").split(",")[0].strip()
    if "." in element:
        table, _, column = element.rpartition(".")
        table = table.rpartition(".")[2]
        return (table, column) if table in tables else (None, None)
    if len(tables) == 1 and element:
        return next(iter(tables)), element
    return None, None


def _test(
    item: SlaProperty,
    kind: str,
    table: str,
    column: str | None,
    frame: Any,
    newest: bool,
    now: dt.datetime,
) -> ContractDataTest:
    import pandas as pd

    check = "freshness" if newest else "retention"
    target = f"{table}.{column}"
    limit = duration(item.value, item.unit)
    if limit is None:
        return unknown(
            check, target, f"cannot read the SLA {item.value!r} {item.unit or ''}", item.field
        )
    if column not in frame.columns:
        return unknown(check, target, f"column {column} is not in the sample", item.field)
    stamps = pd.to_datetime(frame[column], errors="coerce", utc=True, format="ISO8601").dropna()
    if stamps.empty:
        return unknown(check, target, f"no readable timestamp in {column}", item.field)
    edge = stamps.max() if newest else stamps.min()
    age = now - edge.to_pydatetime()
    which = "newest" if newest else "oldest"
    message = (
        f"{which} {column} is {edge.isoformat()}, {age.total_seconds() / 86400:.1f} days old"
        f" (SLA {kind} {item.value} {item.unit or ''}".rstrip()
        + "); indicative on a sample"
    )
    return ContractDataTest(
        check=check,
        target=target,
        status=Status.PASS if age <= limit else Status.FAIL,
        message=message,
        rows=len(frame),
        indicative=True,
        field=item.field,
    )
