from __future__ import annotations

from prodready.engine.context import RuleContext, imported_modules
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_CODE_SMELLS
from prodready.rules._common import judge_sources
from prodready.rules.sites import finding_at

# pandas methods that return None when called with ``inplace=True``, in every pandas version.
# Deliberately a closed list: since pandas 3.0 (PDEP-8) fillna, replace, where, mask, clip,
# interpolate, ffill and bfill return the object, and elsewhere ``inplace=True`` may return it
# (``torch.nn.functional.relu``) or build one (``torch.nn.ReLU(inplace=True)``).
PANDAS_INPLACE_NONE = frozenset(
    {
        "dropna",
        "drop",
        "drop_duplicates",
        "rename",
        "rename_axis",
        "reset_index",
        "set_index",
        "sort_values",
        "sort_index",
        "query",
        "eval",
    }
)


class InplaceResultAssigned(Rule):
    """``df = df.dropna(inplace=True)``: the method returns None, so ``df`` becomes None.

    Only the direct assignment is proven by the facts. Mixing ``df.dropna(inplace=True)`` and
    ``df = df.fillna(0)`` on the same name is not judged: the scanner does not record which
    name an assignment binds.
    """

    meta = RuleMeta(
        id="SMELL-002",
        title="The result of an inplace=True call is not assigned",
        category=Category.ML_SMELLS,
        severity=Severity.MEDIUM,
        rationale=(
            "A pandas method called with `inplace=True` modifies the object and returns None, so "
            "`df = df.dropna(inplace=True)` replaces the data with None and the pipeline fails "
            "later, far from the cause (or, in a notebook, after the cell has destroyed the "
            "frame). Zhang et al. 2022, 'Code Smells for Machine Learning Applications', list "
            "'In-Place APIs Misused'; pandas discourages `inplace` altogether."
        ),
        passes_when="No pandas method that returns None with `inplace=True` (dropna, drop, "
        "drop_duplicates, rename, rename_axis, reset_index, set_index, sort_values, sort_index, "
        "query, eval) has its result assigned, in source modules or notebooks.",
        remediation="Either assign the returned copy without inplace (`df = df.dropna()`), or "
        "call it for its effect only (`df.dropna(inplace=True)`); prefer the first.",
        references=(
            ML_CODE_SMELLS,
            "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.dropna.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        for path, unit in ctx.source_units.items():
            modules = imported_modules(unit)
            for call in unit.calls:
                receiver, _, method = call.name.rpartition(".")
                if (
                    call.assigned
                    and call.kwargs.get("inplace") == "True"
                    and method in PANDAS_INPLACE_NONE
                    and receiver
                    and receiver.split(".")[0] not in modules
                ):
                    findings.append(
                        finding_at(
                            ctx,
                            path,
                            call.line,
                            f"the result of `{_shown(call.name)}(..., inplace=True)` is "
                            "assigned, but it is None",
                        )
                    )
        return judge_sources(
            ctx,
            findings,
            fail="{count} assignment(s) of an inplace=True call's result (None)",
            ok="no inplace=True call has its result assigned",
        )


def _shown(name: str) -> str:
    """The callee as written; a computed receiver (``df["a"].fillna``) shows as ``<expr>``."""
    return name.replace("?", "<expr>")
