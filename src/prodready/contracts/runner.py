"""Run every sample test of every contract: per table, then foreign keys and SLAs across tables.

Foreign keys need both tables loaded, so all samples are read first (each bounded by
the size limit) and the cross-table checks run last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prodready.contracts.outcome import outcome, unknown
from prodready.contracts.pii import must_mask
from prodready.contracts.readers import Sample, SampleError, read_sample
from prodready.contracts.samples import SampleSpec, sample_specs
from prodready.contracts.sla import sla_tests
from prodready.models import ContractDataTest, ContractSample
from prodready.models.contract_facts import ContractFacts, ContractSamples
from prodready.models.contract_view import Contract, ForeignKey, SchemaObject


@dataclass
class _Loaded:
    spec: SampleSpec
    obj: SchemaObject | None = None
    sample: Sample | None = None
    error: str | None = None
    tests: list[ContractDataTest] = field(default_factory=list)


def run_sample_tests(
    root: Path, facts: ContractFacts | None, limit: int, now: dt.datetime | None = None
) -> ContractSamples:
    """Every contract's sample data tested against it; contracts without a sample left out."""
    contracts = facts.contracts() if facts is not None else []
    if not contracts:
        return {}
    checked = check_samples(root, contracts, facts.sample_mapping if facts else {}, limit, now)
    return {path: tuple(samples) for path, samples in checked.items()}


def check_samples(
    root: Path,
    contracts: list[Contract],
    mapping: dict[str, str],
    limit: int,
    now: dt.datetime | None = None,
) -> dict[str, list[ContractSample]]:
    """Sample reports by contract path; contracts without a sample are left out."""
    from prodready.contracts.datatests import check_table

    now = now or dt.datetime.now(dt.UTC)
    loaded: dict[str, list[_Loaded]] = {}
    for contract in contracts:
        for spec in sample_specs(root, contract, mapping):
            item = _load(root, contract, spec, limit)
            if item.sample is not None and item.obj is not None:
                try:
                    item.tests.extend(check_table(item.obj, item.sample))
                except Exception as error:  # one odd file must not stop the audit
                    item.sample, item.error = None, f"could not be tested: {error!r}"
            loaded.setdefault(contract.path, []).append(item)
    tables = {
        name.lower(): item
        for items in loaded.values()
        for item in items
        if item.sample is not None and item.obj is not None
        for name in {item.obj.name, item.obj.physical_name or item.obj.name}
    }
    for contract in contracts:
        items = loaded.get(contract.path, [])
        try:
            for item in items:
                if item.sample is not None and item.obj is not None:
                    item.tests.extend(_foreign_keys(item.obj, item.sample, tables))
            _add_sla(contract, items, now)
        except Exception as error:  # cross-table checks are extras: report, never stop the audit
            for item in items:
                item.tests.append(unknown("cross-table checks", item.spec.table or "", repr(error)))
    return {path: [_report(item) for item in items] for path, items in loaded.items()}


def _load(root: Path, contract: Contract, spec: SampleSpec, limit: int) -> _Loaded:
    if spec.error:
        return _Loaded(spec, error=spec.error)
    obj = next((o for o in contract.objects if o.name == spec.table), None)
    if obj is None:
        return _Loaded(spec, error=f"no table '{spec.table}' in {contract.path}")
    try:
        sample = read_sample(root, spec, [prop.column for prop in obj.columns()], limit)
    except SampleError as error:
        return _Loaded(spec, obj=obj, error=str(error))
    except Exception as error:  # a reader bug on one odd file must not stop the audit
        return _Loaded(spec, obj=obj, error=f"could not be read: {error!r}")
    return _Loaded(spec, obj=obj, sample=sample)


def _foreign_keys(
    obj: SchemaObject, sample: Sample, tables: dict[str, _Loaded]
) -> list[ContractDataTest]:
    tests = []
    for key in obj.foreign_keys:
        target = f"{obj.name}.{key.column}"
        other = tables.get(key.table.lower())
        if key.column not in sample.frame.columns:
            continue
        if other is None or other.sample is None:
            tests.append(
                unknown(
                    "foreign key", target, f"{key.table} has no sample to check against", key.field
                )
            )
            continue
        tests.append(_foreign_key(obj, sample, key, other, target))
    return tests


def _foreign_key(
    obj: SchemaObject, sample: Sample, key: ForeignKey, other: _Loaded, target: str
) -> ContractDataTest:
    frame = other.sample.frame if other.sample is not None else None
    if frame is None or key.target_column not in frame.columns:
        return unknown(
            "foreign key",
            target,
            f"{key.table}.{key.target_column} is not in its sample",
            key.field,
        )
    known = {str(value) for value in frame[key.target_column].dropna()}
    series = sample.frame[key.column]
    bad = series.notna() & ~series.map(lambda value: str(value) in known).astype(bool)
    prop = next((p for p in obj.properties if key.column in (p.column, p.name)), None)
    shown = [(key.column, series, must_mask(prop) if prop else False)]
    where = f"{key.table}.{key.target_column}"
    return outcome(
        "foreign key",
        target,
        bad,
        shown,
        f"{{failed}} of {{rows}} rows reference a {where} missing from its sample",
        f"every value exists in {where}",
        key.field,
    )


def _add_sla(contract: Contract, items: list[_Loaded], now: dt.datetime) -> None:
    frames: dict[str, Any] = {}
    owners: dict[str, _Loaded] = {}
    for item in items:
        if item.sample is not None and item.obj is not None:
            for name in {item.obj.name, item.obj.physical_name or item.obj.name}:
                frames[name] = item.sample.frame
                owners[name] = item
    for table, test in sla_tests(contract, frames, now):
        owners[table].tests.append(test)


def _report(item: _Loaded) -> ContractSample:
    sample = item.sample
    notes = "; ".join(sample.notes) if sample is not None else ""
    return ContractSample(
        path=item.spec.path,
        table=item.spec.table,
        format=item.spec.format,
        source=item.spec.source + (f"; {notes}" if notes else ""),
        rows=sample.rows if sample is not None else 0,
        sampled=sample.sampled if sample is not None else None,
        error=item.error,
        tests=item.tests,
    )
