from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.graph.dependencies import has_manifest, is_backport, unused_declarations
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.architecture._common import has_code, repo_graph


class UnusedDeclarations(Rule):
    """Runtime dependencies nothing imports or runs."""

    meta = RuleMeta(
        id="ARCH-008",
        title="Every declared runtime dependency is used",
        category=Category.ARCHITECTURE,
        severity=Severity.LOW,
        rationale=(
            "A runtime dependency nothing uses still gets installed, scanned, upgraded and "
            "shipped in every image: attack surface and resolver conflicts for no benefit. "
            "Unused dependencies are the dependency debt of Sculley et al. 2015."
        ),
        passes_when="Every runtime dependency is imported somewhere in the repository (code, "
        "tests, notebooks), or named as a command in a Dockerfile, CI job, Makefile, Procfile or "
        "pipeline; plugins, type stubs, dev tools and packages other libraries load for you "
        "(pyarrow, openpyxl, database drivers...) are not judged; lock files are not judged.",
        remediation="Remove the dependency, or move it to the extra or dev group where it is "
        "actually needed.",
        references=(
            SCULLEY_2015,
            "https://peps.python.org/pep-0621/#dependencies-optional-dependencies",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not has_code(ctx):
            return Verdict.not_applicable("no Python code")
        graph = repo_graph(ctx)
        if not has_manifest(graph):
            return Verdict.not_applicable("no dependency manifest")
        findings = [
            FindingDraft(
                message=_message(item.dist),
                path=item.manifest or None,
                line=_line_of(ctx, item.manifest, item.dist),
                evidence=(f"declared in {item.manifest}",),
            )
            for item in unused_declarations(graph, ctx.facts)
        ]
        return Verdict.from_findings(
            findings,
            "{count} declared runtime dependenc(ies) never used",
            "every declared runtime dependency is imported or run",
        )


def _message(dist: str) -> str:
    if is_backport(dist):
        return (
            f"`{dist}` is a declared runtime dependency, but `{dist}` is in the standard "
            "library: the backport is installed for nothing"
        )
    return f"`{dist}` is a declared runtime dependency that nothing imports or runs"


def _line_of(ctx: RuleContext, path: str, dist: str) -> int | None:
    """The line that declares ``dist``, for the finding's location."""
    import re

    name = "[-_.]".join(re.escape(part) for part in dist.split("-"))
    pattern = re.compile(rf"(?i)(^|[\"'\s]){name}\b")
    for number, line in enumerate(ctx.facts.texts.get(path, "").splitlines(), start=1):
        if pattern.search(line):
            return number
    return None
