"""ODCS library quality metrics on sample data, compared with their operators.

Metrics: ``rowCount``, ``nullValues``, ``missingValues``, ``invalidValues``,
``duplicateValues`` (``unit: percent`` compares the share of rows). SQL rules need the
warehouse they were written for and custom rules their engine: both are ``unknown``,
never a pass. ``text`` rules are documentation and are not tested.
"""

from __future__ import annotations

from typing import Any

from prodready.contracts.outcome import outcome, unknown
from prodready.contracts.patterns import PatternError, compile_pattern
from prodready.models import ContractDataTest, Status
from prodready.models.contract_view import QualityRule

COMPARE = {
    "mustBe": ("=", lambda value, limit: value == limit),
    "mustNotBe": ("!=", lambda value, limit: value != limit),
    "mustBeGreaterThan": (">", lambda value, limit: value > limit),
    "mustBeGreaterOrEqualTo": (">=", lambda value, limit: value >= limit),
    "mustBeLessThan": ("<", lambda value, limit: value < limit),
    "mustBeLessOrEqualTo": ("<=", lambda value, limit: value <= limit),
    "mustBeBetween": ("between", lambda value, limit: limit[0] <= value <= limit[1]),
    "mustNotBeBetween": ("not between", lambda value, limit: not limit[0] <= value <= limit[1]),
}
COLUMN_METRICS = ("nullValues", "missingValues", "invalidValues")


def quality_tests(
    rules: list[QualityRule],
    target: str,
    frame: Any,
    series: Any | None,
    shown: list[tuple[str, Any, bool]],
    sample: Any,
) -> list[ContractDataTest]:
    tests = []
    for rule in rules:
        test = _one(rule, target, frame, series, shown, sample)
        if test is not None:
            tests.append(test)
    return tests


def _one(
    rule: QualityRule,
    target: str,
    frame: Any,
    series: Any | None,
    shown: list[tuple[str, Any, bool]],
    sample: Any,
) -> ContractDataTest | None:
    check = f"quality:{rule.metric or rule.type}"
    if rule.type == "text":
        return None
    if rule.type == "sql":
        return unknown(
            check,
            target,
            "SQL rule: needs the warehouse it queries; not run on samples",
            rule.field,
        )
    if rule.type != "library":
        engine = rule.engine or rule.type
        return unknown(check, target, f"custom rule for {engine}: not run on samples", rule.field)
    if rule.operator not in COMPARE:
        return unknown(
            check, target, "no operator (mustBe, mustBeLessThan ...) to compare with", rule.field
        )
    if rule.metric == "rowCount":
        return _row_count(rule, target, frame, sample, check)
    bad = _failing_rows(rule, frame, series)
    if isinstance(bad, str):
        return unknown(check, target, bad, rule.field)
    return _compare(rule, target, bad, shown, check)


def _failing_rows(rule: QualityRule, frame: Any, series: Any | None) -> Any:
    """The rows the metric counts, or a reason it cannot be computed here."""
    metric, arguments = rule.metric, rule.arguments
    if metric == "duplicateValues":
        columns = arguments.get("properties")
        data = series if series is not None else frame[columns] if columns else frame
        try:
            return data.duplicated(keep="first") & (data.notna() if series is not None else True)
        except (TypeError, KeyError) as error:
            return f"duplicates cannot be counted: {error}"
    if metric not in COLUMN_METRICS:
        return f"metric '{metric}' is not one prodready computes"
    if series is None:
        return f"{metric} needs a column: put the rule on a property"
    if metric == "nullValues":
        return series.isna()
    if metric == "missingValues":
        listed = {str(value) for value in arguments.get("missingValues", [""]) if value is not None}
        return series.isna() | series.map(lambda value: str(value) in listed).astype(bool)
    valid = arguments.get("validValues")
    pattern = arguments.get("pattern")
    if valid is None and pattern is None:
        return "invalidValues needs arguments.validValues or arguments.pattern"
    allowed = {str(value) for value in valid or [] if value is not None}
    try:
        compiled = compile_pattern(str(pattern)) if pattern else None
    except PatternError as error:
        return f"arguments.pattern is not a valid regular expression: {error}"

    def invalid(value: Any) -> bool:
        text = str(value)
        return not ((valid is not None and text in allowed) or (compiled and compiled.search(text)))

    return series.notna() & series.map(invalid).astype(bool)


def _compare(
    rule: QualityRule, target: str, bad: Any, shown: list[tuple[str, Any, bool]], check: str
) -> ContractDataTest:
    rows = len(bad)
    count = int(bad.sum())
    percent = (rule.unit or "").lower() in ("percent", "%")
    value = round(100 * count / rows, 2) if percent and rows else count
    symbol, test = COMPARE[rule.operator or ""]
    try:
        passed = bool(test(value, rule.threshold))
    except (TypeError, IndexError):
        return unknown(
            check, target, f"threshold {rule.threshold!r} cannot be compared", rule.field
        )
    shown_value = f"{value}%" if percent else str(value)
    message = f"{rule.metric} = {shown_value}, must be {symbol} {rule.threshold}"
    result = outcome(
        check, target, bad if not passed else bad & False, shown, message, message, rule.field
    )
    return result.model_copy(
        update={"failed": count, "status": Status.PASS if passed else Status.FAIL}
    )


def _row_count(
    rule: QualityRule, target: str, frame: Any, sample: Any, check: str
) -> ContractDataTest:
    if sample.sampled:
        return unknown(
            check, target, f"row count of the whole file unknown ({sample.sampled})", rule.field
        )
    symbol, test = COMPARE[rule.operator or ""]
    rows = len(frame)
    try:
        passed = bool(test(rows, rule.threshold))
    except (TypeError, IndexError):
        return unknown(
            check, target, f"threshold {rule.threshold!r} cannot be compared", rule.field
        )
    return ContractDataTest(
        check=check,
        target=target,
        status=Status.PASS if passed else Status.FAIL,
        message=f"rowCount = {rows}, must be {symbol} {rule.threshold}",
        rows=rows,
        failed=None if passed else rows,
        field=rule.field,
    )
