"""Feature facts of one module: column lists, feature functions, and what fitted objects became.

These are what training/serving skew is judged from (the SKEW rules): a list of
feature names written twice, a feature function defined in two places, a
preprocessor fitted and then lost while the model trained on its output is
saved. The facts say what the syntax shows; the rules decide what it means.

The fitted-object pass follows names within one scope (a function body, or the
module's top level, where a notebook's cells run in order): ``t = Scaler()``,
``X2 = t.fit_transform(X)``, ``m.fit(X2, y)``, ``joblib.dump(m, ...)``. A name
handed anywhere else (an argument, a container, an attribute, a return) is marked
as escaping, since it may be saved or shipped by code this pass cannot follow.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_COLUMNS = 200
# Name words that mark a list of feature or column names (``FEATURES``, ``cat_cols``).
COLUMN_WORDS = frozenset(
    {
        "feature", "features", "feat", "feats", "col", "cols", "column", "columns",
        "categorical", "categoricals", "numerical", "numericals", "numeric", "continuous",
        "ordinal", "predictors",
    }
)  # fmt: skip
# Function names that compute features: only these are fingerprinted (every function is costly).
FEATURE_FUNCTION = re.compile(
    r"featur|preprocess|prepar|transform|encod|clean|normali[sz]|vectori[sz]|tokeni[sz]|engineer"
)
_TRANSFORMER_MODULES = (
    "sklearn.preprocessing.",
    "sklearn.feature_extraction.",
    "sklearn.impute.",
    "sklearn.decomposition.",
    "sklearn.feature_selection.",
    "sklearn.compose.",
    "category_encoders.",
)
_TRANSFORMER_CLASS = re.compile(
    r"(Scaler|Encoder|Imputer|Vectorizer|Discretizer|Binarizer|Normalizer|Transformer|PCA|SVD)$"
)
_FIT = frozenset({"fit", "partial_fit"})
_FIT_OUTPUT = frozenset({"fit_transform", "fit_resample"})
_TRANSFORM = frozenset({"transform", "fit_transform", "inverse_transform", "fit_resample"})
# Calls that persist the object they are given (first argument or the named keyword).
_DUMPS = (
    "joblib.dump", "pickle.dump", "pickle.dumps", "dill.dump", "dill.dumps", "cloudpickle.dump",
    "cloudpickle.dumps", "torch.save", "skops.io.dump", "skops.io.dumps",
)  # fmt: skip
_MLFLOW = re.compile(r"^mlflow\.\w+\.(log_model|save_model)$")
_BENTOML = re.compile(r"^bentoml\.\w+\.save_model$")
_SAVE_KWARGS = ("sk_model", "model", "value", "obj", "xgb_model", "lgb_model", "pytorch_model")
_METHOD_SAVES = frozenset({"save_model", "save", "save_pretrained", "dump_model"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnListFact:
    """``NAME = ["a", "b"]``: a literal list or tuple of strings bound to a feature-like name."""

    name: str
    line: int
    values: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureFunctionFact:
    """A function whose name says it computes features; ``digest`` fingerprints its body."""

    name: str
    qualname: str  # Class.method for a method
    line: int
    digest: str
    statements: int
    method: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FittedFact:
    """An object fitted in this module and what became of it, within its scope.

    ``inputs`` are the transformers (by ``name@line``) whose output it was fitted on;
    ``saved`` the lines of calls that persist it; ``escapes`` says it was handed to
    other code, which may persist or ship it.
    """

    name: str  # "" for an object fitted where it is built: ``Scaler().fit_transform(X)``
    line: int
    cls: str
    transformer: bool
    scope: str
    fits: list[int] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    saved: list[int] = field(default_factory=list)
    escapes: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureFacts:
    columns: list[ColumnListFact] = field(default_factory=list)
    functions: list[FeatureFunctionFact] = field(default_factory=list)
    fitted: list[FittedFact] = field(default_factory=list)


def feature_facts(tree: ast.Module, aliases: dict[str, str], fit_lines: set[int]) -> FeatureFacts:
    """``fit_lines`` are the lines of the module's fit calls: objects are followed only in the
    scopes that hold one (following costs several walks of a scope)."""
    columns: list[ColumnListFact] = []
    functions: list[FeatureFunctionFact] = []
    scopes: list[tuple[str, list[ast.stmt]]] = [("<module>", tree.body)] if fit_lines else []
    for statement, owner in _statements(tree.body, None):
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            end = statement.end_lineno or statement.lineno
            if any(statement.lineno <= line <= end for line in fit_lines):
                scopes.append((statement.name, statement.body))
            if FEATURE_FUNCTION.search(statement.name.lower()):
                functions.append(_function(statement, owner))
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            columns.extend(_column_lists(statement))
    fitted: list[FittedFact] = []
    for scope, body in scopes:
        fitted.extend(_Flow(scope, aliases).run(body))
    return FeatureFacts(columns=columns, functions=functions, fitted=fitted)


def _statements(body: list[ast.stmt], owner: str | None) -> Iterator[tuple[ast.stmt, str | None]]:
    """Every statement, nested ones included, with the class it sits directly in (if any)."""
    for statement in body:
        yield statement, owner
        inner_owner = statement.name if isinstance(statement, ast.ClassDef) else None
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(statement, name, None)
            if isinstance(inner, list):
                yield from _statements(inner, inner_owner)
        for handler in getattr(statement, "handlers", []) or []:
            yield from _statements(handler.body, None)
        for case in getattr(statement, "cases", []) or []:
            yield from _statements(case.body, None)


def _column_lists(statement: ast.Assign | ast.AnnAssign) -> Iterator[ColumnListFact]:
    value = statement.value
    if not isinstance(value, ast.List | ast.Tuple) or not value.elts:
        return
    if len(value.elts) > MAX_COLUMNS or not all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    for target in targets:
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
        if name and COLUMN_WORDS & set(name.lower().split("_")):
            values = [e.value for e in value.elts]  # type: ignore[attr-defined]
            yield ColumnListFact(name=name, line=statement.lineno, values=values)


def _function(
    node: ast.FunctionDef | ast.AsyncFunctionDef, owner: str | None
) -> FeatureFunctionFact:
    """The body fingerprinted without name, docstring, decorators or a leading ``self``."""
    method = owner is not None
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    args = [a.arg for a in node.args.posonlyargs + node.args.args]
    if method and args and args[0] in ("self", "cls"):
        args = args[1:]
    text = ast.dump(ast.Module(body=body, type_ignores=[])) + repr(args)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return FeatureFunctionFact(
        name=node.name,
        qualname=f"{owner}.{node.name}" if owner else node.name,
        line=node.lineno,
        digest=digest,
        statements=sum(1 for _ in _statements(body, None)),
        method=method,
    )


@dataclass
class _Object:
    name: str
    line: int
    cls: str
    transformer: bool
    fits: list[int] = field(default_factory=list)
    inputs: set[str] = field(default_factory=set)
    saved: list[int] = field(default_factory=list)
    escapes: bool = False

    @property
    def key(self) -> str:
        return f"{self.name or self.cls.rsplit('.', 1)[-1]}@{self.line}"


class _Flow:
    """Names and fitted objects through one scope's statements, in order."""

    def __init__(self, scope: str, aliases: dict[str, str]) -> None:
        self.scope = scope
        self.aliases = aliases
        self.bound: dict[str, _Object] = {}  # name -> object it holds now
        self.derived: dict[str, set[str]] = {}  # name -> transformer keys its value came from
        self.objects: list[_Object] = []
        self.made: dict[int, _Object] = {}  # id of a constructor call -> the object it makes
        self.nested: list[tuple[ast.AST, dict[str, _Object]]] = []  # defs and what was bound

    def run(self, body: list[ast.stmt]) -> list[FittedFact]:
        for statement in body:
            self._statement(statement)
        if any(o.fits for o in self.objects):  # only then do nested bodies matter
            for node, bound in self.nested:
                used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                for name in used & bound.keys():
                    bound[name].escapes = True
        return [
            FittedFact(
                name=o.name,
                line=o.line,
                cls=o.cls,
                transformer=o.transformer,
                scope=self.scope,
                fits=sorted(set(o.fits)),
                inputs=sorted(o.inputs),
                saved=sorted(set(o.saved)),
                escapes=o.escapes,
            )
            for o in self.objects
            if o.fits
        ]

    def _statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            self.nested.append((node, dict(self.bound)))  # its body may use any name bound now
            return
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            self._assign(targets, node.value)
            return
        if isinstance(node, ast.Expr):
            self._expression(node.value)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self._statement(child)
            elif isinstance(child, ast.expr):
                self._expression(child)
            elif isinstance(child, ast.excepthandler | ast.match_case):
                for inner in child.body:
                    self._statement(inner)

    def _assign(self, targets: list[ast.expr], value: ast.expr) -> None:
        built = self._built(value)
        self._expression(value)
        sources = self._sources(value)
        for target in targets:
            if isinstance(target, ast.Name):
                if built is not None:
                    self.bound[target.id] = built
                    built.name = built.name or target.id
                else:
                    self.bound.pop(target.id, None)
                self.derived[target.id] = set(sources)
            elif isinstance(target, ast.Tuple | ast.List):
                for element in target.elts:
                    if isinstance(element, ast.Name):
                        self.bound.pop(element.id, None)
                        self.derived[element.id] = set(sources)
            else:  # self.scaler = scaler, d["m"] = m: handed on
                self._escape_names(value)
                self._expression(target)

    def _built(self, value: ast.expr) -> _Object | None:
        """``Cls(...)`` or ``Cls(...).fit(...)``: the new object the name is bound to."""
        call = value
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _FIT
        ):
            call = call.func.value  # fit returns the estimator itself
        return self._made(call) if isinstance(call, ast.Call) else None

    def _made(self, call: ast.Call) -> _Object | None:
        """The object a constructor call makes (one per call node), or None for other calls."""
        if id(call) in self.made:
            return self.made[id(call)]
        cls = self._dotted(call.func)
        if not cls or not cls.rsplit(".", 1)[-1][:1].isupper():
            return None
        transformer = cls.startswith(_TRANSFORMER_MODULES) or bool(
            _TRANSFORMER_CLASS.search(cls.rsplit(".", 1)[-1])
        )
        obj = _Object(name="", line=call.lineno, cls=cls, transformer=transformer)
        self.objects.append(obj)
        self.made[id(call)] = obj
        return obj

    def _expression(self, node: ast.expr) -> None:
        """Fits, saves and escapes in one expression, from one walk of it."""
        nodes = list(ast.walk(node))
        for sub in nodes:
            if isinstance(sub, ast.Call):
                self._call(sub)
        if self.bound:
            self._escapes_in(nodes)

    def _call(self, call: ast.Call) -> None:
        func = call.func
        name = self._dotted(func) or ""
        if self._is_save(name):
            for obj in self._saved_objects(call, bentoml=bool(_BENTOML.match(name))):
                obj.saved.append(call.lineno)
            return
        if not isinstance(func, ast.Attribute):
            return
        obj = self._receiver(func.value)
        if obj is None:
            return
        if func.attr in _FIT | _FIT_OUTPUT:
            obj.fits.append(call.lineno)
            obj.inputs |= self._call_sources(call)
        elif func.attr in _METHOD_SAVES:
            obj.saved.append(call.lineno)

    def _saved_objects(self, call: ast.Call, bentoml: bool) -> list[_Object]:
        args = call.args[1:2] if bentoml else call.args[:1]
        args += [kw.value for kw in call.keywords if kw.arg in _SAVE_KWARGS]
        found = []
        for arg in args:
            for sub in ast.walk(arg):  # (scaler, model), {"model": model}: each is saved
                if isinstance(sub, ast.Name) and sub.id in self.bound:
                    found.append(self.bound[sub.id])
        return found

    def _sources(self, value: ast.expr) -> set[str]:
        """Transformers whose output flows into ``value``: through names and transform calls."""
        found: set[str] = set()
        for sub in ast.walk(value):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                found |= self.derived.get(sub.id, set())
            elif (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in _TRANSFORM
            ):
                obj = self._receiver(sub.func.value)
                if obj is not None and obj.transformer:
                    found.add(obj.key)
        return found

    def _receiver(self, node: ast.expr) -> _Object | None:
        if isinstance(node, ast.Name):
            return self.bound.get(node.id)
        if isinstance(node, ast.Call):  # Scaler().fit_transform(X): fitted where it is built
            return self._made(node)
        return None

    def _call_sources(self, call: ast.Call) -> set[str]:
        found: set[str] = set()
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            found |= self._sources(arg)
        return found

    def _escapes_in(self, nodes: list[ast.AST]) -> None:
        """A bound name used other than as a method receiver, an attribute read or a saved
        argument is handed on."""
        kept: set[int] = set()
        for sub in nodes:
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                kept.add(id(sub.value))  # t.fit(...), t.mean_
            elif isinstance(sub, ast.Call) and self._is_save(self._dotted(sub.func) or ""):
                for arg in [*sub.args, *(kw.value for kw in sub.keywords)]:
                    kept |= {id(n) for n in ast.walk(arg)}
        for sub in nodes:
            if (
                isinstance(sub, ast.Name)
                and isinstance(sub.ctx, ast.Load)
                and sub.id in self.bound
                and id(sub) not in kept
            ):
                self.bound[sub.id].escapes = True

    def _escape_names(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in self.bound:
                self.bound[sub.id].escapes = True

    @staticmethod
    def _is_save(name: str) -> bool:
        return name.startswith(_DUMPS) or bool(_MLFLOW.match(name) or _BENTOML.match(name))

    def _dotted(self, node: ast.expr) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.aliases.get(node.id, node.id))
        return ".".join(reversed(parts))
