"""Test one table of sample data against its schema object: columns, types and constraints.

Each check reports pass or fail with counts and example rows (see ``outcome``). A check
that cannot be run on this data (a nested type in a CSV, an unknown type name, a bad
regular expression) is ``unknown`` with the reason, never a pass.
"""

from __future__ import annotations

from typing import Any

from prodready.contracts.outcome import outcome, unknown
from prodready.contracts.patterns import PatternError, compile_pattern
from prodready.contracts.pii import must_mask
from prodready.contracts.quality import quality_tests
from prodready.contracts.readers import Sample
from prodready.contracts.types import NESTED, family, text_matches, value_matches
from prodready.models import ContractDataTest, Status
from prodready.models.contract_view import Property, SchemaObject


def check_table(obj: SchemaObject, sample: Sample) -> list[ContractDataTest]:
    frame = sample.frame
    found: dict[str, tuple[Property, str]] = {}
    missing: list[str] = []
    for prop in obj.columns():
        column = next((name for name in (prop.column, prop.name) if name in frame.columns), None)
        if column is None:
            missing.append(prop.column)
        else:
            found[prop.name] = (prop, column)
    tests = [_columns_present(obj, missing), _no_unexpected(obj, frame, found)]
    for prop, column in found.values():
        series = frame[column]
        shown = [(column, series, must_mask(prop))]
        target = f"{obj.name}.{prop.name}"
        tests.extend(_column_tests(prop, series, shown, target, sample.text))
        tests.extend(quality_tests(prop.quality, target, frame, series, shown, sample))
    tests.extend(_primary_key(obj, frame, found))
    tests.extend(quality_tests(obj.quality, obj.name, frame, None, [], sample))
    return tests


def _columns_present(obj: SchemaObject, missing: list[str]) -> ContractDataTest:
    return ContractDataTest(
        check="columns present",
        target=obj.name,
        status=Status.FAIL if missing else Status.PASS,
        message=f"missing column(s): {', '.join(missing)}"
        if missing
        else "every contract column is present",
        failed=len(missing),
        field=obj.field,
    )


def _no_unexpected(
    obj: SchemaObject, frame: Any, found: dict[str, tuple[Property, str]]
) -> ContractDataTest:
    known = {column for _, column in found.values()}
    extra = [str(column) for column in frame.columns if column not in known]
    return ContractDataTest(
        check="no unexpected columns",
        target=obj.name,
        status=Status.FAIL if extra else Status.PASS,
        message=f"column(s) not in the contract: {', '.join(extra)}"
        if extra
        else "no column outside the contract",
        failed=len(extra),
        field=obj.field,
    )


def _column_tests(
    prop: Property, series: Any, shown: list[tuple[str, Any, bool]], target: str, text: bool
) -> list[ContractDataTest]:
    present = series.notna()
    tests = [_type(prop, series, present, shown, target, text)]
    if prop.required:
        tests.append(
            outcome(
                "required",
                target,
                ~present,
                shown,
                "{failed} of {rows} rows are null",
                "no nulls",
                prop.field,
            )
        )
    if prop.unique:
        tests.append(_unique(prop, series, present, shown, target))
    if prop.enum:
        allowed = {str(value) for value in prop.enum}
        bad = present & ~series.map(lambda value: str(value) in allowed).astype(bool)
        tests.append(
            outcome(
                "enum",
                target,
                bad,
                shown,
                f"{{failed}} of {{rows}} rows hold a value outside {sorted(allowed)}",
                "every value is allowed",
                prop.field,
            )
        )
    tests.extend(_range(prop, series, present, shown, target))
    tests.extend(_length(prop, series, present, shown, target))
    tests.extend(_pattern(prop, series, present, shown, target))
    return [test for test in tests if test is not None]


def _type(
    prop: Property,
    series: Any,
    present: Any,
    shown: list[tuple[str, Any, bool]],
    target: str,
    text: bool,
) -> ContractDataTest | None:
    if not prop.typed:
        return None
    declared = prop.logical_type or prop.physical_type
    kind = family(prop.logical_type, prop.physical_type)
    if kind is None:
        return unknown(
            "type", target, f"type '{declared}' is not one prodready can check", prop.field
        )
    if kind in NESTED and text:
        return unknown("type", target, f"{kind} values cannot be checked in a CSV file", prop.field)
    if text:
        fits = series.map(lambda value: text_matches(kind, str(value)))
    else:
        fits = series.map(lambda value: value_matches(kind, value))
    bad = present & ~fits.astype(bool)
    return outcome(
        "type",
        target,
        bad.astype(bool),
        shown,
        f"{{failed}} of {{rows}} rows are not {kind} (declared '{declared}')",
        f"every value reads as {kind}",
        prop.field,
    )


def _unique(
    prop: Property, series: Any, present: Any, shown: list[tuple[str, Any, bool]], target: str
) -> ContractDataTest:
    try:
        duplicated = series.duplicated(keep="first")
    except TypeError:
        return unknown("unique", target, "values are not comparable (nested data)", prop.field)
    return outcome(
        "unique",
        target,
        present & duplicated,
        shown,
        "{failed} rows repeat an earlier value",
        "no duplicates",
        prop.field,
    )


def _range(
    prop: Property, series: Any, present: Any, shown: list[tuple[str, Any, bool]], target: str
) -> list[ContractDataTest]:
    bounds = _bounds(prop)
    if all(bound is None for bound in bounds):
        return []
    import pandas as pd

    temporal = family(prop.logical_type, prop.physical_type) in ("date", "timestamp")

    def convert(values: Any) -> Any:
        if temporal:
            return pd.to_datetime(values, errors="coerce", utc=True, format="ISO8601")
        return pd.to_numeric(values, errors="coerce")

    limits = []
    for bound in bounds:
        converted = None if bound is None else convert(pd.Series([bound])).iloc[0]
        if bound is not None and pd.isna(converted):
            return [unknown("range", target, f"bound {bound!r} cannot be compared", prop.field)]
        limits.append(converted)
    values = convert(series)
    bad = pd.Series(False, index=series.index)
    for limit, test in zip(limits, (values.lt, values.gt, values.le, values.ge), strict=True):
        if limit is not None:
            bad |= test(limit).fillna(False).astype(bool)
    described = _describe_bounds(bounds)
    return [
        outcome(
            "range",
            target,
            bad & present,
            shown,
            f"{{failed}} of {{rows}} rows are outside {described}",
            f"every value is within {described}",
            prop.field,
        )
    ]


def _bounds(prop: Property) -> tuple[Any, Any, Any, Any]:
    """(minimum, maximum, exclusive minimum, exclusive maximum); ODCS v3.0 booleans understood."""
    low, high = prop.minimum, prop.maximum
    low_open, high_open = prop.exclusive_minimum, prop.exclusive_maximum
    if isinstance(low_open, bool):
        low, low_open = (None, low) if low_open else (low, None)
    if isinstance(high_open, bool):
        high, high_open = (None, high) if high_open else (high, None)
    return low, high, low_open, high_open


def _describe_bounds(bounds: tuple[Any, Any, Any, Any]) -> str:
    low, high, low_open, high_open = bounds
    left = f"[{low}" if low is not None else f"({low_open}" if low_open is not None else "(-inf"
    right = f"{high}]" if high is not None else f"{high_open})" if high_open is not None else "inf)"
    return f"{left}, {right}"


def _length(
    prop: Property, series: Any, present: Any, shown: list[tuple[str, Any, bool]], target: str
) -> list[ContractDataTest]:
    if prop.min_length is None and prop.max_length is None:
        return []
    lengths = series.map(lambda value: len(str(value)))
    bad = present & False  # an all-False mask on the same index
    if prop.min_length is not None:
        bad |= present & (lengths < prop.min_length)
    if prop.max_length is not None:
        bad |= present & (lengths > prop.max_length)
    limits = f"{prop.min_length if prop.min_length is not None else 0}..{prop.max_length if prop.max_length is not None else ''}"
    return [
        outcome(
            "length",
            target,
            bad.astype(bool),
            shown,
            f"{{failed}} of {{rows}} rows have a length outside {limits}",
            f"every length is within {limits}",
            prop.field,
        )
    ]


def _pattern(
    prop: Property, series: Any, present: Any, shown: list[tuple[str, Any, bool]], target: str
) -> list[ContractDataTest]:
    if not prop.pattern:
        return []
    try:
        compiled = compile_pattern(prop.pattern)
    except PatternError as error:
        return [
            unknown(
                "pattern", target, f"pattern is not a valid regular expression: {error}", prop.field
            )
        ]
    bad = present & ~series.map(
        lambda value: value is not None and bool(compiled.search(str(value)))
    ).astype(bool)
    return [
        outcome(
            "pattern",
            target,
            bad,
            shown,
            f"{{failed}} of {{rows}} rows do not match {prop.pattern!r}",
            f"every value matches {prop.pattern!r}",
            prop.field,
        )
    ]


def _primary_key(
    obj: SchemaObject, frame: Any, found: dict[str, tuple[Property, str]]
) -> list[ContractDataTest]:
    keys = sorted(
        (prop for prop, _ in found.values() if prop.primary_key),
        key=lambda prop: prop.primary_key_position or 0,
    )
    if not keys:
        return []
    columns = [found[prop.name][1] for prop in keys]
    shown = [(found[prop.name][1], frame[found[prop.name][1]], must_mask(prop)) for prop in keys]
    nulls = frame[columns].isna().any(axis=1)
    try:
        duplicated = frame[columns].duplicated(keep="first") & ~nulls
    except TypeError:
        return [
            unknown(
                "primary key",
                obj.name,
                "key values are not comparable (nested data)",
                keys[0].field,
            )
        ]
    return [
        outcome(
            "primary key",
            obj.name,
            nulls | duplicated,
            shown,
            f"{{failed}} of {{rows}} rows have a null or repeated key ({', '.join(columns)})",
            f"every key ({', '.join(columns)}) is set and distinct",
            keys[0].field,
        )
    ]
