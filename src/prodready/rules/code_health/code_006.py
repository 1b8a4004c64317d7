from __future__ import annotations

from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.sites import finding_at
from prodready.scanners.facts import FileKind

# Packages whose only job is importing .ipynb files as modules (testbook, for tests, is fine).
NOTEBOOK_IMPORTERS = frozenset({"import_ipynb", "nbimporter", "ipynb", "importnb"})


class NotebooksOutOfSourcePath(Rule):
    """Notebooks shipped inside a Python package, or imported by code as modules."""

    meta = RuleMeta(
        id="CODE-006",
        title="Notebooks are kept out of the source path",
        category=Category.CODE_HEALTH,
        severity=Severity.MEDIUM,
        rationale=(
            "Notebooks carry hidden state, out-of-order execution and outputs, and cannot be "
            "linted, reviewed or unit-tested like modules (Pimentel et al. 2019, 'A large-scale "
            "study about quality and reproducibility of Jupyter notebooks'). Production code that "
            "imports a notebook, or a package that ships one, makes that untestable code part of "
            "the system: the prototype becomes the product (Sculley et al. 2015)."
        ),
        passes_when="No notebook sits in a Python package directory (a folder with "
        "`__init__.py`) and no source code imports notebooks through import_ipynb, nbimporter, "
        "ipynb or importnb. (`%run other.ipynb` magics are not visible to this check.)",
        remediation="Move the reusable code out of the notebook into a module of the package, "
        "import it from the notebook, and keep notebooks in a top-level `notebooks/` folder.",
        references=(
            "https://doi.org/10.1109/MSR.2019.00077",
            SCULLEY_2015,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        notebooks = sorted(
            fact.path
            for fact in ctx.facts.of_kind(FileKind.NOTEBOOK)
            if ctx.is_source_path(fact.path)
        )
        findings = [
            FindingDraft(
                message=f"notebook inside the Python package `{PurePosixPath(path).parent}`",
                path=path,
                evidence=(f"{_package_init(path)} makes its folder a package",),
            )
            for path in notebooks
            if _package_init(path) in ctx.facts.files
        ]
        for path, unit in ctx.source_units.items():
            for fact in unit.imports:
                top = fact.module.split(".")[0]
                if fact.level == 0 and top in NOTEBOOK_IMPORTERS:
                    findings.append(
                        finding_at(
                            ctx,
                            path,
                            fact.line,
                            f"code imports notebooks as modules through `{fact.module}`",
                        )
                    )
        if findings:
            return Verdict.failed(
                f"{len(findings)} notebook(s) inside packages or notebook import(s)", findings
            )
        if not notebooks:
            return Verdict.passed("no notebooks in the source path and no notebook imports")
        blind = ctx.unparsable_sources
        if blind:
            return Verdict.unknown(
                "no notebook inside a package, but notebook imports cannot be ruled out in "
                f"{len(blind)} source file(s) that could not be parsed (see CODE-007)",
                blind,
            )
        return Verdict.passed(
            f"{len(notebooks)} notebook(s), none inside a Python package or imported by code",
            notebooks[:10],
        )


def _package_init(path: str) -> str:
    parent = PurePosixPath(path).parent
    return "__init__.py" if str(parent) == "." else f"{parent}/__init__.py"
