"""Reduce one audit to the point a trend keeps, and find the aspects that flipped between points."""

from __future__ import annotations

from collections import Counter

from prodready.aspects import ASPECTS
from prodready.models import AspectStatus, AuditResult
from prodready.trend.model import SEVERITIES, AspectFlip, FlipDirection, RevisionPoint
from prodready.trend.revisions import Revision

MALFORMED_CONFIG_RULE = "HYG-006"
MAX_NOTES = 10


def point_from_result(revision: Revision, result: AuditResult) -> RevisionPoint:
    counts = Counter(f.severity.value for f in result.findings() if f.suppression is None)
    return RevisionPoint(
        **_identity(revision),
        score=result.score,
        band=result.band,
        kind=result.project.kind.value,
        categories={c.category.value: c.score for c in result.categories},
        aspects={name: aspect.status for name, aspect in result.aspects.items()},
        findings={severity: counts.get(severity, 0) for severity in SEVERITIES},
        notes=_notes(result),
    )


def failed_point(revision: Revision, problem: str) -> RevisionPoint:
    return RevisionPoint(**_identity(revision), problem=problem)


def _identity(revision: Revision) -> dict[str, object]:
    return {
        "rev": revision.label,
        "sha": revision.sha,
        "short_sha": revision.sha[:10],
        "date": revision.date,
        "subject": revision.subject,
        "tags": list(revision.tags),
    }


def _notes(result: AuditResult) -> list[str]:
    """What was broken at this revision, so a score drop from a broken config is explained."""
    notes = []
    if result.checklist is not None and result.checklist.error:
        notes.append(f"checklist: {result.checklist.error}")
    for rule in result.results:
        if rule.rule_id != MALFORMED_CONFIG_RULE:
            continue
        for finding in rule.findings:
            where = finding.location.path or "repository"
            if finding.location.line:
                where += f":{finding.location.line}"
            notes.append(f"malformed config {where}: {finding.message}")
    notes += [f"engine: {error.source}: {error.message}" for error in result.errors]
    notes = [" ".join(note.split()) for note in notes]  # one line each: tables and CSV cells
    if len(notes) > MAX_NOTES:
        notes = [*notes[: MAX_NOTES - 1], f"... and {len(notes) - MAX_NOTES + 1} more"]
    return notes


def with_flips(points: list[RevisionPoint]) -> list[RevisionPoint]:
    """Each audited point with the aspects that changed since the previous audited point."""
    flipped = []
    previous: RevisionPoint | None = None
    for point in points:
        if point.audited and previous is not None:
            point = point.model_copy(update={"flips": flips_between(previous, point)})
        flipped.append(point)
        if point.audited:
            previous = point
    return flipped


def flips_between(before: RevisionPoint, after: RevisionPoint) -> list[AspectFlip]:
    flips = []
    for name in sorted(set(before.aspects) | set(after.aspects)):
        old = before.aspects.get(name, AspectStatus.UNKNOWN)
        new = after.aspects.get(name, AspectStatus.UNKNOWN)
        if old != new:
            flips.append(
                AspectFlip(aspect=name, before=old, after=new, direction=_direction(name, old, new))
            )
    return flips


def _direction(name: str, old: AspectStatus, new: AspectStatus) -> FlipDirection:
    if AspectStatus.UNKNOWN in (old, new):
        return FlipDirection.CHANGED
    spec = ASPECTS.get(name)
    good = AspectStatus.NO if spec is not None and spec.inverted else AspectStatus.YES
    return FlipDirection.IMPROVED if new == good else FlipDirection.REGRESSED
