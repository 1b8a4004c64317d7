"""Changed-files mode: list findings in files changed since a ref, plus repo-level ones.

Only the finding list is limited. Every rule keeps its status, so the score and
band stay the whole repository's verdict, and what is left out is counted (and
fingerprinted) so no report, and no comparison, mistakes it for fixed.
"""

from __future__ import annotations

from prodready.models import ChangedScope, RuleResult, Status


def limit_to_changed(
    results: list[RuleResult], changed: set[str], ref: str
) -> tuple[list[RuleResult], ChangedScope]:
    limited = []
    hidden: list[str] = []
    for result in results:
        if result.status != Status.FAIL:
            limited.append(result)
            continue
        listed = [f.location.path is None or f.location.path in changed for f in result.findings]
        kept = [f for f, shown in zip(result.findings, listed, strict=True) if shown]
        hidden += [
            f.fingerprint for f, shown in zip(result.findings, listed, strict=True) if not shown
        ]
        update: dict[str, object] = {"findings": kept}
        if not kept:
            update["message"] = f"{result.message} (only in files not changed since {ref})"
        limited.append(result.model_copy(update=update))
    scope = ChangedScope(
        ref=ref, files=len(changed), hidden=len(hidden), hidden_fingerprints=sorted(hidden)
    )
    return limited, scope
