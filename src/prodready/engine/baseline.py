"""The baseline of accepted debt: findings by stable fingerprint, so only new ones fail the gate.

Fingerprints leave out line numbers (rule + file + normalized code), so a
finding that moves keeps its entry; a repository-wide finding is keyed by its
rule, not by the counts in its message. Accepted findings stay failed and in
the score: the baseline changes what the gate judges, never what the
repository is. The file is written sorted and stable so it diffs well in review.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from prodready.errors import ProdreadyError
from prodready.models import BaselineEntry, BaselineReport, Finding, RuleResult, Status, Suppression

BASELINE_FILE = ".prodready-baseline.json"


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    created_by: str
    created_at: str
    entries: list[BaselineEntry]


def entries_from(results: list[RuleResult]) -> list[BaselineEntry]:
    entries = [
        BaselineEntry(
            fingerprint=f.fingerprint, rule_id=f.rule_id, path=f.location.path, message=f.message
        )
        for result in results
        if result.status in (Status.FAIL, Status.SUPPRESSED)
        for f in result.findings
        if f.suppression is None or f.suppression.kind == "baseline"
    ]
    return sorted(entries, key=_order)


def merged(current: list[BaselineEntry], existing: BaselineFile | None) -> list[BaselineEntry]:
    """Today's entries plus the existing file's entries not found today (kept unless pruned)."""
    if existing is None:
        return current
    seen = {entry.fingerprint for entry in current}
    kept = [entry for entry in existing.entries if entry.fingerprint not in seen]
    return sorted([*current, *kept], key=_order)


def _order(entry: BaselineEntry) -> tuple[str, str, str, str]:
    """Sorted by rule, then file: the file diffs well in review."""
    return (entry.rule_id, entry.path or "", entry.fingerprint, entry.message)


def render(entries: list[BaselineEntry], created_by: str, created_at: str) -> str:
    document = BaselineFile(created_by=created_by, created_at=created_at, entries=entries)
    return json.dumps(document.model_dump(), indent=2, sort_keys=True) + "\n"


def load(path: Path) -> BaselineFile:
    try:
        return BaselineFile.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ProdreadyError(f"{path}: cannot read baseline: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ProdreadyError(f"{path}: not UTF-8 (byte {error.start})") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise ProdreadyError(
            f"{path}: not a prodready baseline ({where}: {first['msg']})"
        ) from error


def apply_baseline(
    results: list[RuleResult], baseline: BaselineFile, label: str
) -> tuple[list[RuleResult], BaselineReport]:
    """Mark findings present in the baseline (as many times as it lists them) as accepted debt.

    An entry counts as fixed only when its rule was evaluated and did not find it again.
    """
    remaining = Counter(entry.fingerprint for entry in baseline.entries)
    accepted = new = 0
    updated = []
    for result in results:
        findings: list[Finding] = []
        for finding in result.findings:
            if (
                finding.suppression is None
                and result.status == Status.FAIL
                and remaining[finding.fingerprint] > 0
            ):
                remaining[finding.fingerprint] -= 1
                accepted += 1
                finding = finding.model_copy(
                    update={
                        "suppression": Suppression(
                            kind="baseline", reason="accepted debt in the baseline", source=label
                        )
                    }
                )
            elif finding.suppression is None and result.status == Status.FAIL:
                new += 1
            findings.append(finding)
        # accepted debt is still debt: the rule stays failed and in the score
        updated.append(result.model_copy(update={"findings": findings}))
    evaluated = {result.rule_id for result in results if result.status != Status.NOT_APPLICABLE}
    fixed = []
    for entry in baseline.entries:
        if entry.rule_id in evaluated and remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            fixed.append(entry)
    return updated, BaselineReport(path=label, baselined=accepted, new=new, fixed=fixed)
