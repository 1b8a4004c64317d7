from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity


class NotebookOutputsCommitted(Rule):
    """Notebooks under docs/ and examples/ are left aside: rendered docs keep outputs on purpose."""

    meta = RuleMeta(
        id="HYG-004",
        title="Notebooks are committed without outputs",
        category=Category.HYGIENE,
        severity=Severity.LOW,
        rationale=(
            "Cell outputs make notebook diffs unreadable and reviews meaningless, bloat the "
            "history with images, and leak data samples, customer records or tokens printed "
            "while exploring; they also show results the committed code may no longer "
            "produce (Pimentel et al. 2019, 'A large-scale study about quality and "
            "reproducibility of Jupyter notebooks')."
        ),
        passes_when="No notebook outside docs, examples and tests has a code cell with outputs.",
        remediation="Clear outputs before committing: `jupyter nbconvert --clear-output "
        "--inplace`, or install `nbstripout --install` / the nbstripout pre-commit hook.",
        references=(
            "https://github.com/kynan/nbstripout",
            "https://doi.org/10.1109/MSR.2019.00077",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        notebooks = {
            path: nb for path, nb in ctx.facts.notebooks.items() if ctx.is_source_path(path)
        }
        if not notebooks:
            return Verdict.not_applicable("no notebooks outside docs, examples and tests")
        findings = [
            FindingDraft(
                message=f"{nb.cells_with_outputs} code cell(s) committed with outputs",
                path=path,
                evidence=(f"{path}: {nb.cells_with_outputs} of {nb.code_cells} code cells",),
            )
            for path, nb in notebooks.items()
            if nb.cells_with_outputs > 0
        ]
        unreadable = sorted(path for path, nb in notebooks.items() if nb.parse_error)
        if not findings and unreadable:
            return Verdict.unknown(
                f"could not read {len(unreadable)} notebook(s): {', '.join(unreadable[:5])}",
                unreadable,
            )
        return Verdict.from_findings(
            findings,
            "{count} notebook(s) committed with outputs",
            f"{len(notebooks)} notebook(s) committed without outputs",
        )
