from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.scanners.facts import CommitFacts, GitFacts

BOT_MARKER = "[bot]"  # dependabot[bot], github-actions[bot], renovate[bot]
_SHOWN = 5
_BALANCED = 0.1  # a rewrite adds and deletes the same lines, give or take a tenth


class BusFactor(Rule):
    """Bus factor: the fewest people who wrote most of the source, by lines they added.

    "Touched the file" makes a licence-header sweep a co-author of every file; lines
    added do not, and a sweep's lines are set aside as well. One person's addresses
    are one author (the scanner joins them by ``.mailmap`` and by name).
    """

    meta = RuleMeta(
        id="OWN-002",
        title="Knowledge of the code is spread over several people",
        category=Category.OWNERSHIP,
        severity=Severity.MEDIUM,
        rationale=(
            "When one or two people wrote most of the code, their leaving stalls the system: "
            "nobody else can fix the model service at 3 a.m. or safely retrain. The bus (truck) "
            "factor counts how many people would have to leave before most of the code has "
            "no author left (Avelino et al. 2016, 'A novel approach for estimating truck "
            "factors'); measured here by lines added, as code-authorship studies do, so that "
            "one-line edits across every file do not make co-authors. Sculley et al. 2015 "
            "list such team knowledge silos among ML technical debt."
        ),
        passes_when="The bus factor is at least `min_bus_factor` (default 2): the fewest "
        "authors whose lines added, together, are more than half of all lines humans added "
        "to the Python source files and notebooks present today (tests, docs and examples "
        "left aside; renames followed; bots left out). One person's addresses count once "
        "(joined by `.mailmap`, a shared address or the same name). A mass edit is a commit "
        "that modifies at least `mass_edit_min_files` (5) source files and at least half of "
        "them, mechanically: adding a median of at most `mass_edit_max_lines` (20) lines to "
        "each (a licence-header sweep), or replacing lines one for one (lines added and "
        "deleted within 10% of each other: line endings flipped, a re-indent). Its lines in "
        "the files it modifies are not authorship (files it creates still are). Histories "
        "with `min_commits` (10) commits or fewer, shallow clones, non-git folders and "
        "unreadable histories are unknown. When some line counts cannot be read (content "
        "missing from a partial clone), it fails only if the authors of those changes and the "
        "people who added most of the counted lines are still fewer than `min_bus_factor`, "
        "and is unknown otherwise.",
        remediation="Spread ownership: pair on and review changes to the files only one person "
        "touches, rotate who retrains and deploys the model, and document the critical paths "
        "so a second person can own them (name them in CODEOWNERS).",
        references=(
            "https://arxiv.org/abs/1604.06766",
            SCULLEY_2015,
        ),
    )

    class Options(NoOptions):
        min_bus_factor: int = Field(2, ge=1, description="Smallest acceptable bus factor.")
        min_commits: int = Field(
            10, ge=0, description="Histories with this many commits or fewer are too thin to judge."
        )
        mass_edit_min_files: int = Field(
            5, ge=2, description="Source files a commit must modify to be a mass edit."
        )
        mass_edit_max_lines: int = Field(
            20, ge=0, description="Median lines a mass edit adds to each file it modifies."
        )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        git = ctx.facts.git
        if not git.available:
            return Verdict.unknown(f"no git history to judge authorship: {git.reason}")
        if git.history_error:
            return Verdict.unknown(f"the git history could not be read: {git.history_error}")
        if git.shallow:
            return Verdict.unknown(
                "shallow clone: the history is cut off, so authorship cannot be judged "
                "(run `git fetch --unshallow`)"
            )
        if git.commits <= self.options.min_commits:
            return Verdict.unknown(
                f"only {git.commits} commit(s) in the history: too thin to judge "
                f"(more than {self.options.min_commits} needed)"
            )
        sources = {
            path for path in {*ctx.facts.python, *ctx.facts.notebooks} if ctx.is_source_path(path)
        }
        if not sources:
            return Verdict.not_applicable("no Python source files or notebooks")
        tally = tally_authorship(git, sources, self.options)
        if not tally.commits:
            return Verdict.unknown(
                f"none of the {len(sources)} source file(s) has human commits in the scanned history"
            )
        evidence = _evidence(tally, git)
        if unseen := len(sources - tally.files):
            evidence.append(f"{unseen} source file(s) without human commits in the scanned history")
        if tally.uncounted:
            return self._without_line_counts(tally, git, evidence)
        if not tally.total:
            return Verdict.unknown(
                "the humans' commits to the source files add no lines in the scanned history"
            )
        factor, needed = tally.bus_factor()
        share = sum(tally.lines[author] for author in needed) / tally.total
        who = ", ".join(_name(git, author) for author in needed)
        summary = (
            f"{who} {'alone ' if factor == 1 else 'together '}added {share:.0%} of the "
            f"{tally.total:,} lines humans added to {len(tally.files)} source file(s)"
        )
        if factor < self.options.min_bus_factor:
            return Verdict.failed(f"bus factor {factor}: {summary}", evidence=evidence)
        return Verdict.passed(
            f"bus factor {factor} (at least {self.options.min_bus_factor}): no one alone "
            f"added more than half of the {tally.total:,} lines in {len(tally.files)} "
            "source file(s)",
            evidence,
        )

    def _without_line_counts(self, tally: Tally, git: GitFacts, evidence: list[str]) -> Verdict:
        """Some lines are unknown: fail only when no count they could have changes the verdict.

        Whatever lines the unreadable changes added, they went to their own authors.
        When the people who already added most of the counted lines, together with
        every author of an unreadable change, are fewer than ``min_bus_factor``, those
        few still cover more than half of every possible total.
        """
        _, needed = tally.bus_factor() if tally.total else (0, [])
        few = sorted({*needed, *tally.uncounted_authors})
        lost = (
            f"the line counts of {len(tally.uncounted)} source file(s) could not be read "
            f"({git.history_note or 'their content is missing from the clone'})"
        )
        if len(few) < self.options.min_bus_factor:
            who = ", ".join(_name(git, author) for author in few)
            return Verdict.failed(
                f"bus factor at most {len(few)}: {who} added more than half of the lines "
                f"to the source files whatever the unreadable changes added ({lost})",
                evidence=evidence,
            )
        authors = sorted(tally.uncounted_authors)
        evidence.append(
            "changes whose lines could not be counted are by "
            + ", ".join(_name(git, author) for author in authors[:_SHOWN])
            + (f" and {len(authors) - _SHOWN} more" if len(authors) > _SHOWN else "")
        )
        return Verdict.unknown(f"authorship by lines cannot be judged: {lost}", evidence)


@dataclass
class MassEdit:
    sha: str
    author: str
    modified: int
    median_added: float
    how: str


@dataclass
class Tally:
    """Lines each person added to the source files, and what was set aside."""

    lines: Counter[str] = field(default_factory=Counter)
    commits: Counter[str] = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)
    uncounted: set[str] = field(default_factory=set)  # source files with unreadable line counts
    uncounted_authors: set[str] = field(default_factory=set)  # who made those changes
    mass_edits: list[MassEdit] = field(default_factory=list)
    discounted: int = 0  # lines set aside as mass edits
    bots: int = 0  # bot commits to the source, left out

    @property
    def total(self) -> int:
        return sum(self.lines.values())

    def ranking(self) -> list[tuple[str, int]]:
        return sorted(self.lines.items(), key=lambda item: (-item[1], item[0]))

    def bus_factor(self) -> tuple[int, list[str]]:
        """The fewest authors whose lines added are more than half of all, and who they are."""
        needed: list[str] = []
        covered = 0
        for author, lines in self.ranking():
            needed.append(author)
            covered += lines
            if covered * 2 > self.total:
                break
        return len(needed), needed


def tally_authorship(git: GitFacts, sources: set[str], options: BusFactor.Options) -> Tally:
    tally = Tally()
    for commit in git.log:
        changes = [change for change in commit.changes if change.path in sources]
        if not changes:
            continue
        if _is_bot(git, commit.author):
            tally.bots += 1
            continue
        tally.commits[commit.author] += 1
        mass = _mass_edit(commit, sources, options)
        if mass is not None:
            tally.mass_edits.append(mass)
        for change in changes:
            tally.files.add(change.path)
            if change.added is None:
                tally.uncounted.add(change.path)
                tally.uncounted_authors.add(commit.author)
            elif mass is not None and not change.created:
                tally.discounted += change.added
            else:
                tally.lines[commit.author] += change.added
    return tally


def _mass_edit(
    commit: CommitFacts, sources: set[str], options: BusFactor.Options
) -> MassEdit | None:
    """The commit modifies most source files mechanically: a header sweep or a rewrite.

    Mechanical is few lines added to each file (a licence header, a renamed import),
    or every line replaced by another (line endings flipped, a re-indent): lines
    added and deleted within ``_BALANCED`` of each other.
    """
    modified = [c for c in commit.changes if c.path in sources and not c.created]
    if len(modified) < max(options.mass_edit_min_files, len(sources) / 2):
        return None
    if any(change.added is None or change.deleted is None for change in modified):
        return None
    added = [change.added or 0 for change in modified]
    median = statistics.median(added)
    total_added, total_deleted = sum(added), sum(change.deleted or 0 for change in modified)
    if median <= options.mass_edit_max_lines:
        return MassEdit(commit.sha, commit.author, len(modified), median, "few lines each")
    if abs(total_added - total_deleted) <= _BALANCED * total_added:
        return MassEdit(commit.sha, commit.author, len(modified), median, "every line replaced")
    return None


def _is_bot(git: GitFacts, author: str) -> bool:
    return BOT_MARKER in author or BOT_MARKER in git.names.get(author, "")


def _name(git: GitFacts, author: str) -> str:
    return git.names.get(author, author)


def _evidence(tally: Tally, git: GitFacts) -> list[str]:
    total = tally.total
    lines = [
        f"{_name(git, author)}: {count / total:.0%} of the lines added to source files "
        f"({count:,} of {total:,}), {tally.commits[author]} commit(s) to them"
        for author, count in tally.ranking()[:_SHOWN]
        if total
    ]
    if len(tally.lines) > _SHOWN:
        lines.append(f"... and {len(tally.lines) - _SHOWN} more author(s)")
    shown = {author for author, _ in tally.ranking()[:_SHOWN]}
    for author, joined in git.identities.items():
        if author in shown:
            lines.append(f"{_name(git, author)} is one person under: {', '.join(joined)}")
    for mass in tally.mass_edits[:3]:
        lines.append(
            f"mass edit set aside: {mass.sha[:10]} by {_name(git, mass.author)} modified "
            f"{mass.modified} source file(s), {mass.how} (a median of "
            f"{mass.median_added:g} line(s) added per file)"
        )
    if len(tally.mass_edits) > 3:
        lines.append(f"... and {len(tally.mass_edits) - 3} more mass edit(s)")
    if tally.discounted:
        lines.append(f"{tally.discounted:,} line(s) of mass edits not counted as authorship")
    if tally.bots:
        lines.append(f"{tally.bots} bot commit(s) to the source left out")
    if git.truncated:
        lines.append(f"judged on the most recent {git.commits} commits only")
    if git.history_note:
        lines.append(f"history: {git.history_note}")
    return lines
