from __future__ import annotations

from collections import Counter

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity

BOT_MARKER = "[bot]"  # dependabot[bot], github-actions[bot], renovate[bot]


class BusFactor(Rule):
    """Truck factor after Avelino et al. (2016), simplified to the facts git gives us.

    An author of a file is anyone who committed to it in the scanned history (bots left
    out). Authors are ranked by how many source files they authored and removed in that
    order until more than half of the source files have no author left; the bus factor is
    how many were removed. Counting every committer as an author can only overestimate
    the bus factor compared with the paper's degree-of-authorship, never underestimate it.
    """

    meta = RuleMeta(
        id="OWN-002",
        title="Knowledge of the code is spread over several people",
        category=Category.OWNERSHIP,
        severity=Severity.MEDIUM,
        rationale=(
            "When one or two people wrote most of the code, their leaving stalls the system: "
            "nobody else can fix the model service at 3 a.m. or safely retrain. The truck "
            "factor (Avelino et al. 2016, 'A novel approach for estimating truck factors') "
            "counts how many authors must leave before more than half of the files have no "
            "author left; Sculley et al. 2015 list such team knowledge silos among ML "
            "technical debt."
        ),
        passes_when="The bus factor over the Python source files and notebooks (tests, docs "
        "and examples left aside) is at least `min_bus_factor` (default 2). Histories with "
        "`min_commits` (default 10) commits or fewer, shallow clones and non-git folders are "
        "unknown.",
        remediation="Spread ownership: pair on and review changes to the files only one person "
        "touches, rotate who retrains and deploys the model, and document the critical paths "
        "so a second person can own them (name them in CODEOWNERS).",
        references=(
            "https://arxiv.org/abs/1604.06766",
            "https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems",
        ),
    )

    class Options(NoOptions):
        min_bus_factor: int = Field(2, ge=1, description="Smallest acceptable bus factor.")
        min_commits: int = Field(
            10, ge=0, description="Histories with this many commits or fewer are too thin to judge."
        )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        git = ctx.facts.git
        if not git.available:
            return Verdict.unknown(f"no git history to judge authorship: {git.reason}")
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
        sources = sorted(
            path for path in {*ctx.facts.python, *ctx.facts.notebooks} if ctx.is_source_path(path)
        )
        if not sources:
            return Verdict.not_applicable("no Python source files or notebooks")
        authored = {
            path: authors
            for path in sources
            if path in git.files
            and (authors := frozenset(a for a in git.files[path].authors if BOT_MARKER not in a))
        }
        if not authored:
            return Verdict.unknown(
                f"none of the {len(sources)} source file(s) has human commits in the scanned history"
            )
        factor, removed, ranking = truck_factor(authored)
        evidence = _evidence(ranking, authored, git.authors, git.truncated, git.commits)
        if len(authored) < len(sources):
            evidence.append(
                f"{len(sources) - len(authored)} source file(s) left out: no human commits "
                "in the scanned history"
            )
        total = len(authored)
        if factor < self.options.min_bus_factor:
            return Verdict.failed(
                f"bus factor {factor}: without {', '.join(removed)} more than half of the "
                f"{total} source file(s) would have no author left",
                evidence=evidence,
            )
        return Verdict.passed(
            f"bus factor {factor} (at least {self.options.min_bus_factor}) over {total} "
            "source file(s)",
            evidence,
        )


def truck_factor(files: dict[str, frozenset[str]]) -> tuple[int, list[str], list[tuple[str, int]]]:
    """Bus factor, the authors removed to reach it, and the ranking (author, files authored)."""
    counts = Counter(author for authors in files.values() for author in authors)
    ranking = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    removed: list[str] = []
    for author, _ in ranking:
        removed.append(author)
        gone = set(removed)
        orphaned = sum(1 for authors in files.values() if authors <= gone)
        if orphaned * 2 > len(files):
            break
    return len(removed), removed, ranking


def _evidence(
    ranking: list[tuple[str, int]],
    files: dict[str, frozenset[str]],
    commits: dict[str, int],
    truncated: bool,
    scanned: int,
) -> list[str]:
    lines = [
        f"{author}: author of {count}/{len(files)} source file(s), "
        f"{commits.get(author, 0)} commit(s) in all"
        for author, count in ranking[:5]
    ]
    if len(ranking) > 5:
        lines.append(f"... and {len(ranking) - 5} more author(s)")
    if truncated:
        lines.append(f"judged on the most recent {scanned} commits only")
    return lines
