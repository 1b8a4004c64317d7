"""Readiness over time: audit past revisions from git history and show how readiness moved.

``run_trend`` chooses the revisions (``revisions``), checks each out into a
scratch repository that never touches the user's work tree (``snapshot``),
audits them sharing one fact cache (``runner``), and returns a ``TrendResult``
(``model``) that the table, CSV, JSON and HTML outputs render (``render``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from prodready import __version__
from prodready.config import Settings
from prodready.models import Category
from prodready.trend.model import TrendResult
from prodready.trend.points import with_flips
from prodready.trend.revisions import (
    History,
    Revision,
    open_history,
    select_last,
    select_revs,
    select_tags,
)
from prodready.trend.runner import Progress, audit_all
from prodready.trend.snapshot import Source

__all__ = ["Selection", "TrendResult", "choose_revisions", "run_trend"]


@dataclass(frozen=True)
class Selection:
    """Exactly one of: ``tags`` (optionally a glob in ``match``), ``last`` N, or ``revs``."""

    tags: bool = False
    match: str | None = None
    last: int | None = None
    revs: list[str] = field(default_factory=list)

    @property
    def mode(self) -> str:
        return "tags" if self.tags else "last" if self.last is not None else "revs"

    @property
    def requested(self) -> list[str]:
        if self.tags:
            return [self.match or "*"]
        return [str(self.last)] if self.last is not None else list(self.revs)


def choose_revisions(history: History, selection: Selection) -> list[Revision]:
    if selection.tags:
        return select_tags(history, selection.match)
    if selection.last is not None:
        return select_last(history, selection.last)
    return select_revs(history, selection.revs)


TREND_GIT_WINDOW = 5000


def run_trend(
    root: Path,
    selection: Selection,
    settings: Settings,
    jobs: int = 0,
    progress: Progress | None = None,
    processes: bool = True,
) -> TrendResult:
    """Raises ProdreadyError for a missing repository, history or revision; never for a revision's content."""
    root = root.resolve()
    history = open_history(root)
    try:
        revisions = choose_revisions(history, selection)
        source = Source(history.objects_dir, history.shallow_file, root.name)
    finally:
        history.repo.close()  # its git cat-file processes are not needed while auditing
    # Without --no-cache revisions share the user's cache; with it, a cache for this run only.
    cache_dir = root / ".prodready" / "cache" if settings.cache else None
    # One yardstick for every revision: today's settings, and no baseline (accepted debt is debt).
    # Each revision reads its own history (an ancestor cannot reuse a descendant's log), so
    # unless git_window says otherwise each reads at most its newest TREND_GIT_WINDOW commits.
    window = settings.git_window or TREND_GIT_WINDOW
    settings = settings.model_copy(update={"baseline": None, "cache": True, "git_window": window})
    points = audit_all(revisions, settings, source, cache_dir, jobs, progress, processes)
    points = with_flips(points)
    failed = [point.rev for point in points if not point.audited]
    notes = list(history.notes)
    if failed:
        notes.append(f"{len(failed)} revision(s) could not be audited: {', '.join(failed)}")
    seen = {name for point in points for name in point.categories}
    return TrendResult(
        tool_version=__version__,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        repo=root.name,
        branch=history.branch,
        head=history.head,
        selection=selection.mode,  # type: ignore[arg-type]
        requested=selection.requested,
        profile=settings.profile,
        shallow=history.shallow,
        notes=notes,
        categories=[category.value for category in Category if category.value in seen],
        revisions=points,
    )
