"""Turn a mask of failing rows into a data-test result: counts and up to five example rows.

Shared by the column, key, quality and foreign-key checks so every result reads the same
way. Values of personal or restricted fields are shown as ``***``, never as written.
"""

from __future__ import annotations

from typing import Any

from prodready.models import ContractDataTest, Status
from prodready.secrets import mask_secrets

MAX_EXAMPLES = 5
MAX_VALUE = 40
MASK = "***"


def outcome(
    check: str,
    target: str,
    bad: Any,
    shown: list[tuple[str, Any, bool]],
    fail: str,
    ok: str,
    field: str | None = None,
) -> ContractDataTest:
    """``bad``: boolean Series of failing rows; ``shown``: (column, Series, masked) per example.

    ``fail`` may hold ``{failed}`` and ``{rows}``; they are replaced literally, so braces in
    contract content (a pattern like ``^[A-Z]{3}$``) are never read as placeholders.
    """
    failed = int(bad.sum())
    rows = len(bad)
    if not failed:
        return ContractDataTest(
            check=check,
            target=target,
            status=Status.PASS,
            message=ok,
            rows=rows,
            failed=0,
            field=field,
        )
    return ContractDataTest(
        check=check,
        target=target,
        status=Status.FAIL,
        message=fail.replace("{failed}", str(failed)).replace("{rows}", str(rows)),
        rows=rows,
        failed=failed,
        examples=examples(bad, shown),
        field=field,
    )


def examples(bad: Any, shown: list[tuple[str, Any, bool]]) -> list[str]:
    found = []
    for position in [index for index, flag in enumerate(bad.tolist()) if flag][:MAX_EXAMPLES]:
        values = ", ".join(
            f"{column}={MASK if masked else _show(series.iloc[position])}"
            for column, series, masked in shown
        )
        found.append(f"row {position + 1}: {values}" if values else f"row {position + 1}")
    return found


def _show(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "null"
    text = mask_secrets(repr(value))  # before shortening, which would hide it from the mask
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 3] + "..."


def unknown(check: str, target: str, reason: str, field: str | None = None) -> ContractDataTest:
    return ContractDataTest(
        check=check, target=target, status=Status.UNKNOWN, message=reason, field=field
    )
