"""Def-use analysis for data leakage over one parsed module or notebook (cells in order).

Each scope (the module's top level, each function) is read once, statement by
statement, as straight-line code: branches one after the other, a loop body once.
Every value carries which rows it holds (``Rows``: roots, split sides, the
preprocessing fits it went through) and, for estimators, the fit that trained them
last. Values are followed through names, indexing (``X[train_idx]``, ``.iloc``,
column selection), ``concat``/``hstack``, row-preserving pandas and NumPy calls,
``train_test_split``, splitters' ``split`` loops, ``Pipeline`` and the searches.
Anything else (an unknown call, a loaded model) starts a fresh root: its relation to
other data is not known, so no event involving it can prove a leak.

The result is facts only (``LeakageFacts``); the LEAK rules judge them. Nothing here
imports or runs the audited code.
"""

from __future__ import annotations

import ast
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from prodready.scanners.leakage_facts import (
    EvalFlow,
    FitFlow,
    LeakageFacts,
    ReportFlow,
    Rows,
    SelectFlow,
    SplitFlow,
)

# Classes whose fit learns statistics of the rows it sees (scikit-learn, imbalanced-learn,
# category_encoders): fitted on test rows, they carry them into training.
PREPROCESSORS = frozenset(
    {
        "StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler",
        "QuantileTransformer", "PowerTransformer", "KBinsDiscretizer",
        "OneHotEncoder", "OrdinalEncoder", "TargetEncoder",
        "SimpleImputer", "KNNImputer", "IterativeImputer",
        "SelectKBest", "SelectPercentile", "SelectFpr", "SelectFdr", "SelectFwe",
        "GenericUnivariateSelect", "SelectFromModel", "RFE", "RFECV",
        "SequentialFeatureSelector", "VarianceThreshold",
        "PCA", "IncrementalPCA", "KernelPCA", "TruncatedSVD", "FastICA", "NMF",
        "FactorAnalysis", "TfidfVectorizer", "CountVectorizer", "TfidfTransformer",
        "ColumnTransformer",
        "SMOTE", "ADASYN", "BorderlineSMOTE", "SVMSMOTE", "KMeansSMOTE", "SMOTENC",
        "SMOTEN", "RandomOverSampler", "SMOTETomek", "SMOTEENN",
    }
)  # fmt: skip
# Transformers that learn nothing from the rows' values that could leak (stateless, or only
# the label vocabulary): their fits are not events, their outputs keep the rows.
STATELESS = frozenset(
    {
        "LabelEncoder", "LabelBinarizer", "MultiLabelBinarizer", "Normalizer", "Binarizer",
        "FunctionTransformer", "PolynomialFeatures", "HashingVectorizer", "SplineTransformer",
    }
)  # fmt: skip
PIPELINES = frozenset({"Pipeline", "make_pipeline", "ImbPipeline"})
SEARCHES = frozenset(
    {
        "GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV",
        "BayesSearchCV",
    }
)  # fmt: skip
SPLITTERS = frozenset(
    {
        "KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold", "RepeatedKFold",
        "RepeatedStratifiedKFold", "TimeSeriesSplit", "LeaveOneOut", "LeavePOut",
        "ShuffleSplit", "StratifiedShuffleSplit", "GroupShuffleSplit",
    }
)  # fmt: skip
CV_FUNCTIONS = frozenset({"cross_val_score", "cross_validate", "cross_val_predict"})
FIT_METHODS = frozenset({"fit", "fit_transform", "fit_resample"})
EVAL_METHODS = frozenset(
    {"predict", "predict_proba", "predict_log_proba", "decision_function", "score", "evaluate"}
)
TRANSFORM_METHODS = frozenset({"transform", "inverse_transform"})
EARLY_STOPPING = frozenset({"EarlyStopping", "ModelCheckpoint", "early_stopping"})
# Calls and methods whose result holds the same rows as their data arguments.
ROW_FUNCTIONS = frozenset(
    {
        "DataFrame", "Series", "array", "asarray", "asanyarray", "log", "log1p", "sqrt", "exp",
        "abs", "square", "nan_to_num", "get_dummies", "where", "column_stack", "hstack",
        "vstack", "concatenate", "concat", "stack", "tensor", "from_numpy",
        "convert_to_tensor", "float32", "float64", "to_categorical", "ravel", "squeeze",
    }
)  # fmt: skip
ROW_METHODS = frozenset(
    {
        "copy", "astype", "fillna", "replace", "to_numpy", "reshape", "apply", "map",
        "applymap", "rename", "reset_index", "set_index", "select_dtypes", "assign", "round",
        "abs", "clip", "ravel", "flatten", "toarray", "todense", "to_frame", "filter",
        "squeeze", "interpolate", "ffill", "bfill", "transpose_columns", "add_prefix",
        "add_suffix", "reindex_like", "infer_objects", "convert_dtypes", "log1p", "join",
    }
)  # fmt: skip
ROW_SUBSET_METHODS = frozenset(
    {"dropna", "drop_duplicates", "sample", "head", "tail", "query", "nlargest", "nsmallest"}
)
ROW_ATTRIBUTES = frozenset({"values", "data", "target", "loc", "iloc", "array", "A", "str"})
MUTATORS = frozenset({"append", "extend", "update", "insert", "add", "setdefault"})
SELECT_FUNCTIONS = frozenset(
    {"max", "min", "sorted", "argmax", "argmin", "nanargmax", "nanargmin", "amax", "amin"}
)
SELECT_METHODS = frozenset(
    {"idxmax", "idxmin", "argmax", "argmin", "max", "min", "sort_values", "nlargest"}
)
REPORT_FUNCTIONS = frozenset({"print", "display", "log_metric", "log_metrics", "log", "info"})
# Builtins that read their arguments without changing an estimator's state.
PURE_CALLS = frozenset(
    {
        "print", "display", "len", "type", "isinstance", "str", "repr", "list", "dict",
        "tuple", "enumerate", "zip", "range", "sorted", "max", "min", "sum", "round", "id",
        "hasattr", "getattr", "format", "set", "iter", "next", "float", "int", "bool",
    }
)  # fmt: skip
_SIDES = ("train", "test")
_STACKS = frozenset({"concat", "concatenate", "vstack", "hstack", "column_stack", "stack"})


@dataclass(eq=False)
class _Obj:
    """An estimator, splitter or callback object: its class and the fit that trained it last."""

    cls: str = ""
    role: str = "model"  # preprocessor | model | stateless | splitter
    fit: int | None = None
    early_stopping: bool = False


@dataclass(frozen=True)
class _V:
    full: frozenset[str] = frozenset()
    part: frozenset[str] = frozenset()
    sides: frozenset[tuple[int, str]] = frozenset()
    through: frozenset[int] = frozenset()
    scores: frozenset[int] = frozenset()  # evaluations whose score it is (or holds)
    preds: frozenset[int] = frozenset()  # evaluations whose predictions it is
    ctors: frozenset[str] = frozenset()
    obj: _Obj | None = None
    columns: bool = False
    index: bool = False
    items: tuple[_V, ...] | None = None
    fields: tuple[tuple[object, _V], ...] | None = None  # a dict literal's constant keys
    folds: int | None = None  # the split index a splitter's ``split`` iterates

    def rows(self) -> Rows:
        return Rows(
            full=sorted(self.full),
            part=sorted(self.part - self.full),
            sides=sorted(self.sides),  # type: ignore[arg-type]
            through=sorted(self.through),
        )


_EMPTY = _V()


def _union(*values: _V) -> _V:
    if not values:
        return _EMPTY
    return _V(
        full=frozenset().union(*(v.full for v in values)),
        part=frozenset().union(*(v.part for v in values)),
        sides=frozenset().union(*(v.sides for v in values)),
        through=frozenset().union(*(v.through for v in values)),
        scores=frozenset().union(*(v.scores for v in values)),
        preds=frozenset().union(*(v.preds for v in values)),
        ctors=frozenset().union(*(v.ctors for v in values)),
        columns=all(v.columns for v in values),
        index=any(v.index for v in values),
    )


def _subset(value: _V, root: str, sides: frozenset[tuple[int, str]] = frozenset()) -> _V:
    """Some rows of ``value``: every row of a new root, some rows of the old ones."""
    return _V(
        full=frozenset({root}),
        part=value.full | value.part,
        sides=value.sides | sides,
        through=value.through,
        scores=value.scores,
        preds=value.preds,
    )


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


@dataclass
class _Loop:
    fits: bool = False
    evals: list[int] = field(default_factory=list)
    compares: list[int] = field(default_factory=list)


@dataclass
class _Events:
    splits: list[SplitFlow] = field(default_factory=list)
    fits: list[FitFlow] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)  # EvalFlow fields; ``repeated`` set late
    selections: list[SelectFlow | None] = field(default_factory=list)
    reports: list[ReportFlow] = field(default_factory=list)


def extract_leakage(tree: ast.Module, cells: Sequence[int] = ()) -> LeakageFacts:
    """The data-flow events of one module (or a notebook's code cells joined in order).

    ``cells`` are the first line of each code cell in that joined code; they only label
    events, since cells are read in order as one program.
    """
    try:
        return _extract(tree, cells)
    except RecursionError:
        return LeakageFacts(cells=list(cells), incomplete=True)


def _extract(tree: ast.Module, cells: Sequence[int]) -> LeakageFacts:
    events = _Events()
    aliases, modules = _imports(tree)
    scopes: list[tuple[str, list[ast.stmt], list[str]]] = [("m", tree.body, [])]
    while scopes:
        name, body, params = scopes.pop(0)
        flow = _Scope(name, events, aliases, modules)
        for param in params:
            flow.env[param] = flow.fresh_name(param)
        flow.block(body)
        scopes.extend(flow.nested)
    return LeakageFacts(
        cells=list(cells),
        splits=events.splits,
        fits=events.fits,
        evals=[EvalFlow(**fields) for fields in events.evals],
        selections=[s for s in events.selections if s is not None],
        reports=events.reports,
    )


def cell_of(facts: LeakageFacts, line: int) -> int | None:
    """1-based code cell holding ``line``, None for a module."""
    return bisect_right(facts.cells, line) if facts.cells else None


def _imports(tree: ast.Module) -> tuple[dict[str, str], frozenset[str]]:
    """``from x import A as B``: B -> A, so classes are known by their own names; and the
    names imports bind, so ``callbacks.EarlyStopping(...)`` reads as a library call."""
    aliases: dict[str, str] = {}
    names: set[str] = set(_LIBRARY_ROOTS)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return aliases, frozenset(names)


class _Scope:
    """One scope's walk: an environment of values, events appended to the shared lists."""

    def __init__(
        self, name: str, events: _Events, aliases: dict[str, str], modules: frozenset[str]
    ) -> None:
        self.name = name
        self.modules = modules
        self.events = events
        self.aliases = aliases
        self.env: dict[str, _V] = {}
        self.attrs: dict[str, _V] = {}  # ``self.model``, ``models['rf']``: by their text
        self.versions: dict[str, int] = {}
        self.loops: list[_Loop] = []
        self.nested: list[tuple[str, list[ast.stmt], list[str]]] = []

    def is_module(self, dotted: str) -> bool:
        """A dotted name rooted in an imported module (not rebound in this scope)."""
        base = dotted.split(".", 1)[0]
        return base in self.modules and base not in self.env

    # roots -------------------------------------------------------------------------
    def fresh(self, node: ast.AST) -> _V:
        return _V(full=frozenset({self.root(node)}))

    def root(self, node: ast.AST) -> str:
        return f"{self.name}:{node.lineno}:{node.col_offset}"  # type: ignore[attr-defined]

    def fresh_name(self, text: str) -> _V:
        base = text.split(".", 1)[0].split("[", 1)[0]
        return _V(full=frozenset({f"{self.name}:{text}@{self.versions.get(base, 0)}"}))

    # statements --------------------------------------------------------------------
    def block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.stmt(statement)

    def stmt(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Assign):
            value = self.expr(node.value)
            for target in node.targets:
                self.bind(target, value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.bind(node.target, self.expr(node.value))
        elif isinstance(node, ast.AugAssign):
            value = self.expr(node.value)
            if isinstance(node.target, ast.Name):
                self.env[node.target.id] = _union(self.expr(node.target), value)
            else:
                self.bind(node.target, value)
        elif isinstance(node, ast.Expr):
            value = self.expr(node.value)
            if isinstance(node.value, ast.Name | ast.Attribute | ast.Subscript) and value.scores:
                self.report(node.lineno, value)  # a notebook cell's last line is displayed
        elif isinstance(node, ast.Return) and node.value is not None:
            value = self.expr(node.value)
            if value.scores:
                self.report(node.lineno, value)
        elif isinstance(node, ast.If):
            self.expr(node.test)
            self.block(node.body)
            self.block(node.orelse)
        elif isinstance(node, ast.For | ast.AsyncFor):
            self.loop_over(node.target, node.iter, node.body, node.orelse)
        elif isinstance(node, ast.While):
            self.loops.append(_Loop())
            self.expr(node.test)
            self.block(node.body)
            self.end_loop()
            self.block(node.orelse)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                value = self.expr(item.context_expr)
                if item.optional_vars is not None:
                    self.bind(
                        item.optional_vars,
                        self.fresh(item.context_expr) if not value.obj else value,
                    )
            self.block(node.body)
        elif isinstance(node, ast.Try):
            for part in (node.body, *[h.body for h in node.handlers], node.orelse, node.finalbody):
                self.block(part)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [
                a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
            ]
            self.nested.append((f"{node.name}@{node.lineno}", node.body, params))
            self.env.pop(node.name, None)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.stmt(item)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.env.pop(target.id, None)

    def loop_over(
        self, target: ast.expr, iterable: ast.expr, body: list[ast.stmt], orelse: list[ast.stmt]
    ) -> None:
        self.loops.append(_Loop())
        self.bind_loop_target(target, iterable)
        self.block(body)
        self.end_loop()
        self.block(orelse)

    def bind_loop_target(self, target: ast.expr, iterable: ast.expr) -> None:
        if (
            isinstance(iterable, ast.Call)
            and isinstance(iterable.func, ast.Name)
            and iterable.func.id == "enumerate"
            and iterable.args
            and isinstance(target, ast.Tuple)
            and len(target.elts) == 2
        ):
            self.bind(target.elts[0], _EMPTY)
            self.bind_loop_target(target.elts[1], iterable.args[0])
            return
        value = self.expr(iterable)
        if value.folds is not None and isinstance(target, ast.Tuple) and len(target.elts) == 2:
            for element, side in zip(target.elts, _SIDES, strict=True):
                self.bind(element, _V(index=True, sides=frozenset({(value.folds, side)})))
            return
        self.bind_fresh(target)

    def bind_fresh(self, target: ast.expr) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.bind_fresh(element)
        else:
            self.bind(target, self.fresh(target))

    def end_loop(self) -> None:
        loop = self.loops.pop()
        if loop.fits:
            for index in loop.evals:
                self.events.evals[index]["repeated"] = True
            if self.loops:
                self.loops[-1].fits = True
        else:
            for index in loop.compares:
                self.events.selections[index] = None
        if self.loops:
            self.loops[-1].evals.extend(loop.evals)

    def bind(self, target: ast.expr, value: _V) -> None:
        if isinstance(target, ast.Name):
            self.versions[target.id] = self.versions.get(target.id, 0) + 1
            self.env[target.id] = value
            prefix = (f"{target.id}.", f"{target.id}[")
            for key in [k for k in self.attrs if k.startswith(prefix)]:
                del self.attrs[key]
        elif isinstance(target, ast.Tuple | ast.List):
            elements = target.elts
            if value.items is not None and len(value.items) == len(elements):
                for element, item in zip(elements, value.items, strict=True):
                    self.bind(element, item)
                return
            for position, element in enumerate(elements):
                self.bind(element, _V(
                    full=frozenset(f"{r}#{position}" for r in value.full),
                    part=frozenset(f"{r}#{position}" for r in value.part),
                    sides=value.sides, through=value.through, scores=value.scores,
                ))  # fmt: skip
        elif isinstance(target, ast.Starred):
            self.bind(target.value, _union(value))
        elif isinstance(target, ast.Subscript | ast.Attribute):
            base = _base_name(target)
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                self.attrs[ast.unparse(target)] = value
            elif base is not None and base in self.env:  # df["x"] = ..., results[k] = score
                old = self.env[base]
                self.env[base] = replace(
                    old, through=old.through | value.through, scores=old.scores | value.scores
                )

    def report(self, line: int, value: _V) -> None:
        self.events.reports.append(ReportFlow(line=line, evals=sorted(value.scores)))

    # expressions -------------------------------------------------------------------
    def expr(self, node: ast.expr) -> _V:
        if isinstance(node, ast.Name):
            return self.env.get(node.id) or self.fresh_name(node.id)
        if isinstance(node, ast.Constant):
            return _V(columns=isinstance(node.value, str))
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = tuple(self.expr(e) for e in node.elts)
            return replace(_union(*items), items=items) if items else _V(items=())
        if isinstance(node, ast.Dict):
            values = [self.expr(v) for v in node.values]
            keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
            known = None not in keys
            fields = tuple(zip(keys, values, strict=True)) if known else None
            return replace(_union(*values), fields=fields)
        if isinstance(node, ast.BinOp):
            return _union(self.expr(node.left), self.expr(node.right))
        if isinstance(node, ast.UnaryOp):
            return self.expr(node.operand)
        if isinstance(node, ast.BoolOp):
            return _union(*[self.expr(v) for v in node.values])
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.IfExp):
            self.expr(node.test)
            return _union(self.expr(node.body), self.expr(node.orelse))
        if isinstance(node, ast.JoinedStr):
            return replace(_union(*[self.expr(v) for v in node.values]), columns=True)
        if isinstance(node, ast.FormattedValue):
            return self.expr(node.value)
        if isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp):
            return self.comprehension(node)
        if isinstance(node, ast.NamedExpr):
            value = self.expr(node.value)
            self.bind(node.target, value)
            return value
        if isinstance(node, ast.Starred | ast.Await):
            return self.expr(node.value)
        return _EMPTY

    def comprehension(
        self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp
    ) -> _V:
        self.loops.append(_Loop())
        columns = False
        for generator in node.generators:
            source = self.expr(generator.iter)
            columns = columns or source.columns
            self.bind_fresh(generator.target)
            for condition in generator.ifs:
                self.expr(condition)
        if isinstance(node, ast.DictComp):
            value = _union(self.expr(node.key), self.expr(node.value))
        else:
            value = self.expr(node.elt)
        self.end_loop()
        return _V(scores=value.scores, columns=columns or value.columns)

    def compare(self, node: ast.Compare) -> _V:
        operands = [self.expr(node.left), *[self.expr(c) for c in node.comparators]]
        value = _union(*operands)
        ordered = all(isinstance(op, ast.Gt | ast.Lt | ast.GtE | ast.LtE) for op in node.ops)
        constants = [node.left, *node.comparators]
        if (
            ordered
            and self.loops
            and value.scores
            and not any(isinstance(c, ast.Constant) for c in constants)
        ):
            self.loops[-1].compares.append(len(self.events.selections))
            self.events.selections.append(
                SelectFlow(line=node.lineno, how="compared in a loop", evals=sorted(value.scores))
            )
        return _V(scores=value.scores)

    def attribute(self, node: ast.Attribute) -> _V:
        text = ast.unparse(node)
        if text in self.attrs:
            return self.attrs[text]
        base = self.expr(node.value)
        if node.attr == "columns":
            return _V(columns=True)
        if node.attr in ROW_ATTRIBUTES and base.obj is None:
            return replace(base, items=None, columns=False)
        return replace(self.fresh_name(text), scores=base.scores)

    def subscript(self, node: ast.Subscript) -> _V:
        base = self.expr(node.value)
        key = node.slice
        if (
            base.items is not None
            and isinstance(key, ast.Constant)
            and isinstance(key.value, int)
            and -len(base.items) <= key.value < len(base.items)
        ):
            return base.items[key.value]
        if base.fields is not None:
            constant = key.value if isinstance(key, ast.Constant) else None
            return dict(base.fields).get(constant) or self.fresh(node)
        if base.items is not None:
            return self.fresh(node)  # a tuple or list indexed by a computed position
        if base.obj is not None:
            return _EMPTY
        first = key.elts[0] if isinstance(key, ast.Tuple) and key.elts else key
        if isinstance(key, ast.Tuple) and _whole_slice(first):
            return replace(base, items=None, columns=False)  # X[:, cols]: every row
        selector = self.expr(first)
        if isinstance(first, ast.Slice):
            return _subset(base, self.root(node))
        if selector.columns and not (
            isinstance(first, ast.Constant) and not isinstance(first.value, str)
        ):
            return replace(base, items=None, columns=False, scores=base.scores | selector.scores)
        return _subset(base, self.root(node), selector.sides if selector.index else frozenset())

    # calls -------------------------------------------------------------------------
    def call(self, node: ast.Call) -> _V:
        func = node.func
        if isinstance(func, ast.Attribute):
            return self.method(node, func)
        name = func.id if isinstance(func, ast.Name) else ""
        name = self.aliases.get(name, name)
        args = [self.expr(a) for a in node.args]
        kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
        return self.function(node, name, args, kwargs)

    def function(self, node: ast.Call, name: str, args: list[_V], kwargs: dict[str, _V]) -> _V:
        scores = frozenset().union(*(v.scores for v in (*args, *kwargs.values())))
        preds = frozenset().union(*(v.preds for v in (*args, *kwargs.values())))
        if name == "train_test_split" and args and not _starred(node):
            return self.split_call(node, args)
        if name in CV_FUNCTIONS and len(args) >= 2:
            return self.cross_validation(node, name, args[0], args[1])
        if name in PIPELINES:
            steps = (
                args[-1]
                if name != "Pipeline"
                else (args[0] if args else kwargs.get("steps", _EMPTY))
            )
            last = steps.items[-1] if steps.items else None
            if name == "Pipeline" and last is not None:
                last = last.items[-1] if last.items else None
            role = last.obj.role if last is not None and last.obj is not None else "model"
            return _V(obj=_Obj(cls=name, role="model" if role == "splitter" else role))
        if name in ROW_FUNCTIONS and args:
            data = args[0].items if name in _STACKS and args[0].items else args
            return replace(_union(*data), items=None, columns=False, scores=scores, preds=preds)
        if name[:1].isupper() or name in EARLY_STOPPING:
            return self.construct(name, node, kwargs)
        if name in SELECT_FUNCTIONS and scores:
            self.select(node, f"`{name}`", scores)
        if name in REPORT_FUNCTIONS and scores:
            self.report(node.lineno, _V(scores=scores))
        if name.endswith(("_score", "_error")) or name in ("classification_report", "log_loss"):
            return _V(scores=scores | preds, sides=frozenset().union(*(a.sides for a in args)))
        if name not in PURE_CALLS:
            for value in (*args, *kwargs.values()):
                if value.obj is not None:  # handed to code not in view: its state is unknown
                    value.obj.fit = None
        return replace(self.fresh(node), scores=scores, preds=preds)

    def construct(self, name: str, node: ast.Call, kwargs: dict[str, _V]) -> _V:
        cls = _last(name)
        role = (
            "preprocessor" if cls in PREPROCESSORS
            else "stateless" if cls in STATELESS
            else "splitter" if cls in SPLITTERS
            else "model"
        )  # fmt: skip
        keywords = {k.arg for k in node.keywords}
        stops = "early_stopping_rounds" in keywords or bool(
            kwargs.get("callbacks", _EMPTY).ctors & EARLY_STOPPING
        )
        return _V(obj=_Obj(cls=cls, role=role, early_stopping=stops), ctors=frozenset({cls}))

    def split_call(self, node: ast.Call, arrays: list[_V]) -> _V:
        index = len(self.events.splits)
        self.events.splits.append(
            SplitFlow(
                line=node.lineno, call="train_test_split", kind="holdout", rows=arrays[0].rows()
            )
        )
        items: list[_V] = []
        for position, array in enumerate(arrays):
            for side in _SIDES:
                root = f"{self.name}:{node.lineno}:{node.col_offset}:{position}{side}"
                items.append(
                    _subset(replace(array, scores=frozenset()), root, frozenset({(index, side)}))
                )
        return _V(items=tuple(items))

    def cross_validation(self, node: ast.Call, call: str, estimator: _V, data: _V) -> _V:
        """Folds made inside the call: a split, a fit on each train fold, a score on each test fold."""
        index = len(self.events.splits)
        self.events.splits.append(
            SplitFlow(line=node.lineno, call=call, kind="cv", rows=data.rows())
        )
        obj = estimator.obj or _Obj()
        target = ast.unparse(node.args[0])
        train = _subset(data, f"{self.name}:{node.lineno}:cv-train", frozenset({(index, "train")}))
        test = _subset(data, f"{self.name}:{node.lineno}:cv-test", frozenset({(index, "test")}))
        fit = self.record_fit(
            node, target, obj, "fit", train, ast.unparse(node.args[1]), keep=False
        )
        evaluation = self.record_eval(node, target, "score", test, ast.unparse(node.args[1]), fit)
        return _V(scores=frozenset({evaluation}))

    def method(self, node: ast.Call, func: ast.Attribute) -> _V:
        name = func.attr
        receiver = func.value
        args = [self.expr(a) for a in node.args]
        kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
        if name in FIT_METHODS | EVAL_METHODS | TRANSFORM_METHODS | {"split"}:
            obj = self.object_of(receiver, create=name in FIT_METHODS | EVAL_METHODS)
            if obj is not None:
                return self.estimator_call(node, receiver, obj, name, args, kwargs)
        base = self.expr(receiver)
        scores = base.scores.union(*(v.scores for v in (*args, *kwargs.values())))
        preds = base.preds.union(*(v.preds for v in (*args, *kwargs.values())))
        module = _dotted(receiver)
        if module and self.is_module(module):
            return self.function(node, name, args, kwargs)
        if base.obj is not None:
            return _V(scores=scores)
        if name in MUTATORS and isinstance(receiver, ast.Name | ast.Attribute | ast.Subscript):
            self.bind_mutation(receiver, _V(scores=scores))
            return _EMPTY
        if name in SELECT_METHODS and base.scores:
            self.select(node, f"`.{name}()`", base.scores)
            return _V(scores=scores)
        if name == "drop":
            keywords = {k.arg: k.value for k in node.keywords}
            axis = keywords.get("axis", node.args[1] if len(node.args) > 1 else None)
            by_column = "columns" in keywords or (
                isinstance(axis, ast.Constant) and axis.value in (1, "columns")
            )
            return (
                replace(base, items=None, scores=scores)
                if by_column
                else _subset(base, self.root(node))
            )
        if name in ROW_METHODS:
            return replace(base, items=None, columns=False, scores=scores)
        if name in ROW_SUBSET_METHODS:
            return _subset(base, self.root(node))
        if name in ("info", "log_metric", "log_metrics", "log") and scores:
            self.report(node.lineno, _V(scores=scores))
        return replace(self.fresh(node), scores=scores, preds=preds)

    def bind_mutation(self, receiver: ast.expr, value: _V) -> None:
        base = _base_name(receiver)
        if base is not None and base in self.env:
            old = self.env[base]
            self.env[base] = replace(old, scores=old.scores | value.scores)

    def object_of(self, receiver: ast.expr, create: bool) -> _Obj | None:
        """The estimator a method is called on: tracked by name, by text, or built inline."""
        if isinstance(receiver, ast.Call):
            value = self.expr(receiver)
            return value.obj if value.obj is not None else (_Obj() if create else None)
        if isinstance(receiver, ast.Name):
            value = self.env.get(receiver.id)
            if value is not None and value.obj is not None:
                return value.obj
            if not create or self.is_module(receiver.id):
                return None
            obj = _Obj()
            self.env[receiver.id] = _V(obj=obj)
            return obj
        if isinstance(receiver, ast.Attribute | ast.Subscript):
            text = ast.unparse(receiver)
            value = self.attrs.get(text)
            if value is not None and value.obj is not None:
                return value.obj
            if not create or self.is_module(_dotted(receiver) or ""):
                return None
            obj = _Obj()
            self.attrs[text] = _V(obj=obj)
            return obj
        return None

    def estimator_call(
        self,
        node: ast.Call,
        receiver: ast.expr,
        obj: _Obj,
        name: str,
        args: list[_V],
        kwargs: dict[str, _V],
    ) -> _V:
        target = ast.unparse(receiver)
        data = args[0] if args else kwargs.get("X", kwargs.get("x", _EMPTY))
        data_text = ast.unparse(node.args[0]) if node.args else ""
        if name == "split":
            if obj.role != "splitter" or not args:
                return self.fresh(node)
            index = len(self.events.splits)
            kind = "holdout" if "ShuffleSplit" in obj.cls else "kfold"
            self.events.splits.append(
                SplitFlow(line=node.lineno, call=f"{obj.cls}.split", kind=kind, rows=data.rows())
            )
            return _V(folds=index)
        if name in TRANSFORM_METHODS:
            through = {obj.fit} if obj.role == "preprocessor" and obj.fit is not None else set()
            return replace(data, items=None, columns=False, through=data.through | through)
        if name in EVAL_METHODS:
            index = self.record_eval(node, target, name, data, data_text, obj.fit)
            if name in ("score", "evaluate"):
                return _V(scores=data.scores | {index}, sides=data.sides)
            return replace(data, items=None, fields=None, columns=False, preds=data.preds | {index})
        # a fit
        if obj.role == "stateless":
            return replace(data, items=None, columns=False) if name != "fit" else _V(obj=obj)
        if obj.cls in SEARCHES and data is not _EMPTY:
            self.cross_validation_search(node, target, data, data_text)
        early = None
        if (
            obj.early_stopping
            or "early_stopping_rounds" in kwargs
            or (kwargs.get("callbacks", _EMPTY).ctors & EARLY_STOPPING)
        ):
            held_out = kwargs.get("validation_data") or kwargs.get("eval_set")
            early = held_out.rows() if held_out is not None else None
        fit = self.record_fit(node, target, obj, name, data, data_text, early=early)
        if name == "fit":
            return _V(obj=obj)
        mark = frozenset({fit}) if obj.role == "preprocessor" else frozenset()
        if name == "fit_resample" and len(args) >= 2:
            items = tuple(replace(a, items=None, through=a.through | mark) for a in args[:2])
            return _V(items=items)
        return replace(data, items=None, columns=False, through=data.through | mark)

    def cross_validation_search(
        self, node: ast.Call, target: str, data: _V, data_text: str
    ) -> None:
        index = len(self.events.splits)
        self.events.splits.append(
            SplitFlow(line=node.lineno, call="search", kind="cv", rows=data.rows())
        )
        train = _subset(data, f"{self.name}:{node.lineno}:cv-train", frozenset({(index, "train")}))
        test = _subset(data, f"{self.name}:{node.lineno}:cv-test", frozenset({(index, "test")}))
        fit = self.record_fit(node, target, _Obj(cls="search"), "fit", train, data_text, keep=False)
        self.record_eval(node, target, "score", test, data_text, fit)

    def record_fit(
        self,
        node: ast.Call,
        target: str,
        obj: _Obj,
        method: str,
        data: _V,
        data_text: str,
        keep: bool = True,
        early: Rows | None = None,
    ) -> int:
        index = len(self.events.fits)
        self.events.fits.append(
            FitFlow(
                line=node.lineno,
                target=target,
                cls=obj.cls,
                role="preprocessor" if obj.role == "preprocessor" else "model",
                method=method,
                data=data_text,
                rows=data.rows(),
                early_stopping_on=early,
            )
        )
        if keep:
            obj.fit = index
        if self.loops and obj.role != "preprocessor":
            self.loops[-1].fits = True
        return index

    def record_eval(
        self, node: ast.Call, target: str, method: str, data: _V, data_text: str, fit: int | None
    ) -> int:
        index = len(self.events.evals)
        self.events.evals.append(
            {"line": node.lineno, "target": target, "method": method, "data": data_text,
             "fit": fit, "rows": data.rows()}
        )  # fmt: skip
        if self.loops:
            self.loops[-1].evals.append(index)
        return index

    def select(self, node: ast.Call, how: str, scores: frozenset[int]) -> None:
        self.events.selections.append(SelectFlow(line=node.lineno, how=how, evals=sorted(scores)))


_LIBRARY_ROOTS = frozenset(
    {"np", "numpy", "pd", "pandas", "sklearn", "torch", "tf", "tensorflow", "keras", "scipy",
     "preprocessing", "model_selection", "metrics", "math", "mlflow", "wandb", "logging",
     "logger", "log", "lgb", "xgb", "feature_selection", "decomposition", "impute", "pipeline",
     "linear_model", "ensemble", "svm", "tree", "neighbors", "imblearn", "os", "json", "plt",
     "sns", "random"}
)  # fmt: skip


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _base_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _whole_slice(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Slice)
        and node.lower is None
        and node.upper is None
        and node.step is None
    )


def _starred(node: ast.Call) -> bool:
    return any(isinstance(a, ast.Starred) for a in node.args)
