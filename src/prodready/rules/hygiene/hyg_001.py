from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.hygiene._common import (
    is_sample_path,
    listing_note,
    size_text,
    stored_outside_git,
)
from prodready.scanners.facts import FileKind


class DataFilesCommitted(Rule):
    meta = RuleMeta(
        id="HYG-001",
        title="Data files are not committed to git",
        category=Category.HYGIENE,
        severity=Severity.MEDIUM,
        rationale=(
            "Datasets committed to git bloat every clone forever (history keeps each version), "
            "cannot be versioned or lineage-tracked alongside the model that was trained on "
            "them, and often carry personal data into every fork. Data belongs in data "
            "versioning (DVC, git LFS, a lakehouse table with versions): Sculley et al. 2015 "
            "(data dependencies cost more than code dependencies) and the ML Test Score "
            "(Breck et al. 2017, Infra 1: training is reproducible from versioned inputs)."
        ),
        passes_when="No data file (CSV, Parquet, NumPy, SQLite, ...) of at least `min_bytes` "
        "(default 10 kB) is committed outside git LFS or DVC, leaving aside tests, fixtures, "
        "samples and examples folders.",
        remediation="Track the dataset with DVC (`dvc add data/raw.csv` then commit the .dvc "
        "file) or git LFS (`git lfs track '*.csv'`), remove it from the index "
        "(`git rm --cached`), and keep only a small sample under tests/fixtures or data/samples.",
        references=(
            "https://dvc.org/doc/start/data-management/data-versioning",
            "https://git-lfs.com/",
        ),
    )

    class Options(NoOptions):
        min_bytes: int = Field(10_000, ge=0, description="Smaller data files are tolerated.")

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = [
            FindingDraft(
                message=f"data file of {size_text(fact.size)} committed to git",
                path=fact.path,
                evidence=(f"{fact.path}: {fact.size} bytes",),
            )
            for fact in ctx.facts.of_kind(FileKind.DATA)
            if fact.size >= self.options.min_bytes
            and not is_sample_path(fact.path)
            and stored_outside_git(ctx, fact) is None
        ]
        unseen = [
            path
            for path in ctx.facts.git.stand_ins
            if path in ctx.facts.files and ctx.facts.files[path].kind == FileKind.DATA
        ]
        if not findings and unseen:
            return Verdict.unknown(
                f"{len(unseen)} committed data file(s) have no content in this clone "
                "(replacement refs stand in for them): their size cannot be seen",
                unseen[:10],
            )
        return Verdict.from_findings(
            findings,
            "{count} data file(s) committed to git",
            "no data files committed to git",
            listing_note(ctx),
        )
