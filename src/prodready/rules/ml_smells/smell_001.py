from __future__ import annotations

import ast

from prodready.engine.context import RuleContext, imported_modules
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_CODE_SMELLS
from prodready.rules._common import judge_sources
from prodready.rules.sites import finding_at
from prodready.scanners.facts import PythonFacts

# Methods only pandas objects have (not dicts, lists or numpy arrays): calling one on a name
# proves that name holds a DataFrame or Series.
PANDAS_ONLY_METHODS = frozenset(
    {
        "dropna",
        "fillna",
        "groupby",
        "iterrows",
        "itertuples",
        "drop_duplicates",
        "value_counts",
        "reset_index",
        "set_index",
        "sort_values",
        "sort_index",
        "pivot_table",
        "isna",
        "isnull",
        "notna",
        "notnull",
        "to_csv",
        "to_parquet",
        "to_excel",
        "head",
        "tail",
        "describe",
    }
)
INDEXERS = frozenset({"loc", "iloc", "ix"})
MASK_METHODS = frozenset({"isin", "isna", "isnull", "notna", "notnull", "between", "duplicated"})


class ChainedAssignment(Rule):
    """``df[a][b] = v`` where the syntax proves the first selection is a pandas or numpy copy.

    Nested dicts and lists use the same syntax correctly (``config["a"]["b"] = 1``), so a
    chain is flagged only with proof: a ``.loc``/``.iloc`` first step, a boolean mask in the
    first step (in a unit importing pandas or numpy), or a base that pandas-only methods are
    called on in the same file (``df.dropna(...)``).
    """

    meta = RuleMeta(
        id="SMELL-001",
        title="No pandas chained assignment",
        category=Category.ML_SMELLS,
        severity=Severity.MEDIUM,
        rationale=(
            "`df[mask]['col'] = v` assigns into the temporary result of the first selection: "
            "with a mask or `.loc` that is a copy, so the DataFrame is silently left unchanged "
            "(pandas' SettingWithCopyWarning), and under Copy-on-Write (default in pandas 3) no "
            "chained assignment ever writes through. Listed as 'Chain Indexing' in Zhang et al. "
            "2022, 'Code Smells for Machine Learning Applications'."
        ),
        passes_when="No assignment target in source modules or notebooks indexes twice "
        "(`x[a][b] = v`) where the first step provably selects from a pandas or numpy object.",
        remediation="Assign in one indexing step: `df.loc[mask, 'col'] = v` (or "
        "`df.loc[row, 'col']`); for a new frame, `sub = df[mask].copy()` and assign on `sub`.",
        references=(
            "https://pandas.pydata.org/docs/user_guide/copy_on_write.html",
            "https://pandas.pydata.org/docs/user_guide/indexing.html#returning-a-view-versus-a-copy",
            ML_CODE_SMELLS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        for path, unit in ctx.source_units.items():
            facts = _UnitFacts(unit)
            for pattern in unit.patterns:
                if pattern.kind != "chained_assignment":
                    continue
                proof = facts.proof(pattern.detail)
                if proof:
                    findings.append(
                        finding_at(
                            ctx,
                            path,
                            pattern.line,
                            f"chained assignment `{pattern.detail} = ...` may write into "
                            "a temporary copy",
                            proof,
                        )
                    )
        return judge_sources(
            ctx,
            findings,
            fail="{count} chained assignment(s) on pandas objects",
            ok="no chained assignment on pandas or numpy objects",
        )


class _UnitFacts:
    def __init__(self, unit: PythonFacts) -> None:
        modules = imported_modules(unit)
        self.arrays = bool(modules & {"pandas", "numpy", "modin"})
        self.receivers: dict[str, str] = {}
        for call in unit.calls:
            receiver, _, method = call.name.rpartition(".")
            if receiver and "?" not in receiver and method in PANDAS_ONLY_METHODS:
                self.receivers.setdefault(receiver, call.name)

    def proof(self, detail: str) -> str | None:
        """Why the first selection of this chained target is a pandas/numpy copy, if provable."""
        try:
            target = ast.parse(detail, mode="eval").body
        except SyntaxError:  # a target cut short by the scanner proves nothing
            return None
        if not isinstance(target, ast.Subscript) or not isinstance(target.value, ast.Subscript):
            return None
        first = target.value
        while isinstance(first.value, ast.Subscript):
            first = first.value
        if isinstance(first.value, ast.Attribute) and first.value.attr in INDEXERS:
            return f"the first step selects with `.{first.value.attr}[...]`, a pandas indexer"
        if self.arrays and _is_mask(first.slice):
            return "the first step selects with a boolean mask, which returns a copy"
        base = _dotted(first.value)
        if base in self.receivers:
            return f"`{base}` is a pandas object: `{self.receivers[base]}(...)` is called on it"
        return None


def _is_mask(node: ast.expr) -> bool:
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd | ast.BitOr):
        return _is_mask(node.left) or _is_mask(node.right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return _is_mask(node.operand)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in MASK_METHODS
    )


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None
