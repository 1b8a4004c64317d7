from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules._common import judge_sources


class CommentedOutCode(Rule):
    """Blocks of three or more comment lines that parse as Python statements."""

    meta = RuleMeta(
        id="CODE-005",
        title="No commented-out code",
        category=Category.CODE_HEALTH,
        severity=Severity.LOW,
        rationale=(
            "Commented-out code is dead experimental code paths kept 'just in case' (Sculley et al. "
            "2015): readers cannot tell whether it is the old, the new or the right version, it "
            "rots as the live code changes, and version control already keeps the history."
        ),
        passes_when="No run of three or more comment lines in a source module or notebook parses "
        "as Python statements (assignments, calls, imports, control flow).",
        remediation="Delete the commented-out code (git keeps it); if it is an alternative worth "
        "keeping, make it a real option behind a configuration flag, with a test.",
        references=(
            SCULLEY_2015,
            "https://docs.astral.sh/ruff/rules/commented-out-code/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = [
            FindingDraft(
                message=f"commented-out code on lines {start}-{end}{ctx.location_note(path)}",
                path=path,
                line=start,
                evidence=(f"{path}:{start} to line {end}",),
            )
            for path, unit in ctx.source_units.items()
            for start, end in unit.commented_code_blocks
        ]
        return judge_sources(
            ctx,
            findings,
            fail="{count} block(s) of commented-out code",
            ok="no commented-out code blocks",
        )
