from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.hygiene._common import listing_note, size_text, stored_outside_git


class LargeFilesCommitted(Rule):
    meta = RuleMeta(
        id="HYG-003",
        title="No large files in git",
        category=Category.HYGIENE,
        severity=Severity.MEDIUM,
        rationale=(
            "Git keeps every version of every file, so one large blob makes every clone, CI "
            "checkout and container build slower for the life of the repository, and GitHub "
            "refuses files over 100 MB. Large artifacts (datasets, models, archives, media) "
            "belong in git LFS, DVC or an artifact store."
        ),
        passes_when="No file larger than `max_mb` (default 5 MB) of any kind is committed "
        "outside git LFS or DVC.",
        remediation="Move the file to git LFS (`git lfs track`, `git lfs migrate import` to "
        "rewrite history) or DVC, or out of the repository into an artifact store.",
        references=(
            "https://docs.github.com/en/repositories/working-with-files/managing-large-files/about-large-files-on-github",
            "https://git-lfs.com/",
        ),
    )

    class Options(NoOptions):
        max_mb: float = Field(5.0, gt=0, description="Largest acceptable file, in MB (10^6 bytes).")

    def evaluate(self, ctx: RuleContext) -> Verdict:
        limit = int(self.options.max_mb * 1_000_000)
        findings = [
            FindingDraft(
                message=f"{size_text(fact.size)} {fact.kind.value} file committed to git "
                f"(limit {self.options.max_mb:g} MB)",
                path=fact.path,
                evidence=(f"{fact.path}: {fact.size} bytes",),
            )
            for fact in ctx.facts.files.values()
            if fact.size > limit and stored_outside_git(ctx, fact) is None
        ]
        unseen = ctx.facts.git.stand_ins
        if not findings and unseen:
            return Verdict.unknown(
                f"no file over {self.options.max_mb:g} MB in view, but {len(unseen)} committed "
                "file(s) have no content in this clone (replacement refs stand in for them): "
                "their size cannot be seen",
                list(unseen[:10]),
            )
        return Verdict.from_findings(
            findings,
            "{count} file(s) larger than " + f"{self.options.max_mb:g} MB committed to git",
            f"no file larger than {self.options.max_mb:g} MB committed to git",
            listing_note(ctx),
        )
