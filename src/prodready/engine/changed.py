"""Changed-files mode: keep findings in files changed since a ref, plus repo-level ones."""

from __future__ import annotations

from prodready.models import RuleResult, Status


def limit_to_changed(results: list[RuleResult], changed: set[str], ref: str) -> list[RuleResult]:
    limited = []
    for result in results:
        if result.status != Status.FAIL:
            limited.append(result)
            continue
        kept = [f for f in result.findings if f.location.path is None or f.location.path in changed]
        if kept:
            limited.append(result.model_copy(update={"findings": kept}))
        else:
            limited.append(
                result.model_copy(
                    update={
                        "status": Status.NOT_APPLICABLE,
                        "original_status": Status.FAIL,
                        "message": f"{result.message} (only in files not changed since {ref})",
                        "findings": [],
                    }
                )
            )
    return limited
