from __future__ import annotations

from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules._common import judge_sources
from prodready.rules.sites import finding_at


class WildcardImports(Rule):
    """``from x import *`` in shipped code; a package re-exporting its own modules is fine."""

    meta = RuleMeta(
        id="CODE-004",
        title="No wildcard imports",
        category=Category.CODE_HEALTH,
        severity=Severity.LOW,
        rationale=(
            "`from module import *` hides where every name comes from, lets a library upgrade "
            "silently shadow a local name, and defeats linters and static analysis (PEP 8; "
            "Pyflakes F403/F405). It is typical of code copied out of notebooks, and it also "
            "blinds prodready's own checks, which cannot resolve such names."
        ),
        passes_when="No source module or notebook has `from x import *`, except an `__init__.py` "
        "re-exporting its own package's modules (`from .models import *`, or "
        "`from pkg.models import *` in `pkg/__init__.py`).",
        remediation="Import the names you use explicitly (`from sklearn.ensemble import "
        "RandomForestClassifier`) or import the module (`import numpy as np`).",
        references=(
            "https://peps.python.org/pep-0008/#imports",
            "https://docs.astral.sh/ruff/rules/undefined-local-with-import-star/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        for path, unit in ctx.source_units.items():
            package = _top_package(ctx, path) if PurePosixPath(path).name == "__init__.py" else None
            for fact in unit.imports:
                if not fact.star or (
                    package is not None and (fact.level > 0 or fact.module.split(".")[0] == package)
                ):
                    continue
                statement = f"from {'.' * fact.level}{fact.module} import *"
                findings.append(finding_at(ctx, path, fact.line, f"wildcard import `{statement}`"))
        return judge_sources(
            ctx, findings, fail="{count} wildcard import(s)", ok="no wildcard imports"
        )


def _top_package(ctx: RuleContext, init_path: str) -> str:
    """Name of the top-level package an ``__init__.py`` belongs to (walking up while the
    parent folder has an ``__init__.py`` too), so ``from pkg.models import *`` in
    ``pkg/__init__.py`` is known to re-export the package's own module."""
    folder = PurePosixPath(init_path).parent
    if str(folder) == ".":
        return ""  # the repository root is the package: only relative imports are its own
    while str(folder.parent) != "." and f"{folder.parent}/__init__.py" in ctx.facts.files:
        folder = folder.parent
    return folder.name
