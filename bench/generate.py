"""Build a large, seeded, synthetic ML repository with a git history, for the benchmark.

The same parameters always build the same tree and the same history: every
random choice comes from one ``random.Random(seed)`` and commit dates are fixed
numbers, never the clock. The history goes through one ``git fast-import``
stream, which writes hundreds of commits over thousands of files in seconds.

Each Python module is a header (docstring, imports, logger, one constant) and a
list of top-level blocks (functions, classes, settings). A module first enters
the history with some of its blocks; every later commit that touches it adds
blocks and moves its constant, and its last version is the full module, so the
checked-out tree is exactly what was generated.

Run on its own to build a repository: ``python bench/generate.py DEST``.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import math
import random
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1
PACKAGE = "acme_ml"
DEFAULT_SEED = 20240601
INITIAL_SHARE = 0.6
MIN_MODULE_LINES, MAX_MODULE_LINES = 20, 250
START_TIME = 1_672_650_000  # 2023-01-02, so the history is the same on every run

AUTHORS: tuple[tuple[str, str, str, int], ...] = (
    ("Ana Souza", "ana.souza@acme.example", "-0300", 9),
    ("Bram de Vries", "bram@acme.example", "+0100", 7),
    ("Chen Wei", "chen.wei@acme.example", "+0800", 6),
    ("Divya Nair", "divya.nair@acme.example", "+0530", 5),
    ("Emeka Obi", "emeka.obi@acme.example", "+0100", 3),
    ("Fatima Zahra", "fatima.z@acme.example", "+0000", 3),
    ("Gustav Berg", "gustav.berg@acme.example", "+0100", 2),
    ("Hana Sato", "hana.sato@acme.example", "+0900", 1),
)

DOMAINS = (
    "orders", "customers", "sessions", "churn", "revenue", "clicks", "inventory", "claims",
    "transactions", "users", "events", "prices", "loans", "sensors", "tickets",
)  # fmt: skip
TOPICS = (
    "features", "loaders", "cleaning", "training", "metrics", "encoders", "splits", "schemas",
    "reports", "drift", "tuning", "scoring", "io", "windows", "sampling", "registry", "export",
    "validation",
)  # fmt: skip
SUBPACKAGES = (
    "data", "features", "models", "training", "evaluation", "serving", "pipelines", "monitoring",
    "utils", "io", "loaders", "validation", "transforms", "encoders", "metrics", "registry",
    "tuning", "ensembles", "experiments", "reports", "schemas", "storage", "jobs", "api", "drift",
    "sampling", "text", "tabular", "timeseries", "ranking", "forecasting", "clients", "adapters",
)  # fmt: skip
VERBS = (
    "load", "clean", "build", "compute", "encode", "normalize", "aggregate", "score", "split",
    "validate", "merge", "filter", "summarize", "rank", "resample", "impute", "select", "export",
)  # fmt: skip
NOUNS = ("features", "frame", "labels", "metrics", "window", "report", "batch", "stats", "weights")
CLASS_KINDS = ("Transformer", "Encoder", "Scaler", "Imputer", "Selector", "Clipper", "Binner")
COLUMNS = (
    "amount", "quantity", "price", "age", "tenure", "score", "duration", "region", "channel",
    "segment", "discount", "visits", "balance", "latency", "rating", "country",
)  # fmt: skip
ESTIMATORS = (
    ("LogisticRegression", "sklearn.linear_model", "max_iter={n}, C={c}"),
    ("RandomForestClassifier", "sklearn.ensemble", "n_estimators={n}, random_state=seed"),
    ("GradientBoostingClassifier", "sklearn.ensemble", "learning_rate={c}, random_state=seed"),
    ("HistGradientBoostingClassifier", "sklearn.ensemble", "max_iter={n}"),
    ("ExtraTreesClassifier", "sklearn.ensemble", "n_estimators={n}, n_jobs=-1"),
)
COMMENTS = (
    "Work on a copy: callers keep using their frame afterwards.",
    "NOTE: upstream sends numbers as strings on some days.",
    "TODO: move this threshold into the experiment config.",
    "Guard against the empty partitions the nightly job produces.",
    "Keep the raw column around for the audit trail.",
    "The order matters here: imputation must run before scaling.",
    "Cheap check first; the expensive one only runs on the rest.",
    "Matches what the serving path does, see the feature store docs.",
    "FIXME: this double counts refunds issued on the same day.",
    "Values above the limit are almost always data entry errors.",
)
SUMMARIES = (
    "{verb} the {domain} {noun} used by the downstream jobs",
    "Helpers that {verb} {domain} {noun} before training",
    "{verb} and check the {domain} {noun} of one batch",
    "Shared steps to {verb} {domain} data for the {topic} stage",
)
TOUCH_MESSAGES = (
    "Fix {name} edge case on empty input",
    "Refactor {name}",
    "Tune {name} defaults",
    "Handle missing values in {name}",
    "Speed up {name}",
    "Log more context in {name}",
    "Add a {name} step for the new schema",
)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Layout:
    packages: list[str]  # dotted names, parents before children
    modules: list[str]  # dotted names of the non-__init__ source modules, in build order
    tests: list[str]  # repo-relative paths under tests/


def plan_layout(rng: random.Random, total: int) -> Layout:
    """Split ``total`` Python files into nested packages, their modules and tests."""
    test_count = max(1, round(total * 0.08))
    source_count = max(2, total - test_count)
    package_count = max(1, source_count // 14)
    packages = [PACKAGE]
    children: defaultdict[str, set[str]] = defaultdict(set)
    while len(packages) < package_count:
        parents = [p for p in packages if p.count(".") < 3]
        parent = rng.choices(parents, weights=[3.0 ** -p.count(".") for p in parents])[0]
        free = [name for name in SUBPACKAGES if name not in children[parent]]
        name = _unique(rng.choice(free or SUBPACKAGES), children[parent])
        packages.append(f"{parent}.{name}")
    stems: defaultdict[str, set[str]] = defaultdict(set)
    modules = []
    for _ in range(source_count - package_count):
        package = rng.choice(packages)
        stem = _unique(f"{rng.choice(DOMAINS)}_{rng.choice(TOPICS)}", stems[package])
        modules.append(f"{package}.{stem}")
    tests = ["tests/conftest.py"]
    test_names: set[str] = set()
    for _ in range(test_count - 1):
        folder = rng.choice(("unit", "unit", "integration"))
        tests.append(f"tests/{folder}/{_unique(f'test_{rng.choice(DOMAINS)}', test_names)}.py")
    return Layout(packages, modules, tests)


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    taken.add(candidate)
    return candidate


def module_path(dotted: str) -> str:
    return "src/" + dotted.replace(".", "/") + ".py"


def init_path(package: str) -> str:
    return "src/" + package.replace(".", "/") + "/__init__.py"


# --------------------------------------------------------------------------- code writing


class Code:
    """Lines of Python and an indentation cursor."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def add(self, *lines: str) -> None:
        pad = "    " * self.depth
        self.lines.extend(pad + line if line else "" for line in lines)

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self.add(header)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1


@dataclass(frozen=True)
class Exported:
    module: str
    name: str
    kind: str  # frame | train | util | class | settings


class Imports:
    """The import lines a module needs, added as code uses them."""

    def __init__(self) -> None:
        self.stdlib: set[str] = {"import logging"}
        self.third: set[str] = set()
        self.local: defaultdict[str, set[str]] = defaultdict(set)

    def use_local(self, item: Exported) -> None:
        self.local[item.module].add(item.name)

    def render(self) -> list[str]:
        groups = [_merged(self.stdlib), _merged(self.third)]
        groups.append(
            [
                f"from {module} import {', '.join(sorted(names))}"
                for module, names in sorted(self.local.items())
            ]
        )
        lines: list[str] = []
        for group in groups:
            if group:
                lines.extend([*group, ""])
        return lines


def _merged(lines: set[str]) -> list[str]:
    """Sorted imports, isort style, with one ``from`` line per module."""
    plain = sorted(line for line in lines if line.startswith("import "))
    names: defaultdict[str, set[str]] = defaultdict(set)
    for line in lines - set(plain):
        module, _, imported = line.removeprefix("from ").partition(" import ")
        names[module].update(name.strip() for name in imported.split(","))
    merged = [f"from {m} import {', '.join(sorted(n))}" for m, n in sorted(names.items())]
    return sorted(plain + merged, key=lambda line: line.split()[1])


@dataclass
class Source:
    """A module as header + blocks, renderable at any of its versions."""

    head: list[str]
    blocks: list[list[str]]
    tail: list[str] = field(default_factory=list)
    limit: int | None = None

    def text(self, version: int = 1, versions: int = 1) -> str:
        shown = math.ceil(len(self.blocks) * version / versions)
        parts = list(self.head)
        if self.limit is not None:
            parts += [f"DEFAULT_LIMIT = {self.limit + versions - version}", "", ""]
        for block in self.blocks[: max(1, shown)]:
            parts += [*block, "", ""]
        parts += self.tail
        return "\n".join(parts).rstrip("\n") + "\n"

    def line_count(self) -> int:
        return self.text().count("\n")


@dataclass
class Scope:
    """What a function body may refer to."""

    rng: random.Random
    imports: Imports
    name: str
    domain: str
    columns: list[str]
    callable: list[Exported]


def _columns(rng: random.Random) -> list[str]:
    return rng.sample(COLUMNS, 4)


def _condition(scope: Scope) -> str:
    rng = scope.rng
    return rng.choice(
        (
            "total > limit",
            "column in result.columns",
            "result.empty",
            f"len(result) < {rng.randint(2, 500)}",
            "not result.empty",
            "result[column].isna().any()",
            f"total % {rng.randint(2, 9)} == 0",
            f"limit > {rng.randint(1, 100)}",
            f'"{rng.choice(scope.columns)}" not in result',
        )
    )


def _simple(code: Code, scope: Scope) -> None:
    rng = scope.rng
    c1, c2 = rng.sample(scope.columns, 2)
    roll = rng.random()
    if roll < 0.05 and scope.callable:
        _call_repo_function(code, scope)
        return
    if roll < 0.06:
        code.add(f"print(result.describe())  # debug {scope.domain}")
        return
    if roll < 0.065:
        code.add(
            f'result.to_csv("/home/{rng.choice(AUTHORS)[1].split("@")[0]}/scratch/{scope.domain}.csv")'
        )
        return
    if rng.random() < 0.12:
        scope.imports.third.add("import numpy as np")
        code.add(f'result["{c1}_log"] = np.log1p(result["{c1}"].clip(lower=0))')
        return
    statements = (
        "result = result.dropna(subset=[column])",
        f"result[column] = result[column].fillna({rng.choice((0, -1, 0.0, 1))})",
        f"result = result[result[column] > {rng.randint(0, 50)}]",
        f"result = result.sort_values(column, ascending={rng.choice((True, False))})",
        f'result["{c2}"] = result["{c1}"].astype(float) * {rng.choice((0.5, 1.5, 2, 100))}',
        "total += int(result[column].notna().sum())",
        "result = result.drop_duplicates(subset=[column])",
        "result = result.reset_index(drop=True)",
        f'result["{c1}_rank"] = result["{c1}"].rank(pct=True)',
        "total += len(result)",
        f"result = result.head(limit * {rng.randint(2, 20)})",
        f'result["{c1}"] = pd.to_numeric(result["{c1}"], errors="coerce")',
        f'result = result.rename(columns={{"{c1}": "{c1}_raw"}})',
        f'result["{c2}"] = result["{c1}"].rolling(window={rng.randint(2, 30)}, min_periods=1).mean()',
        f'logger.debug("{scope.name}: %d rows after {c1}", len(result))',
        f'result = result.groupby(column, as_index=False).agg({{"{c1}": "{rng.choice(("sum", "mean", "max"))}"}})',
    )
    code.add(rng.choice(statements))


def _call_repo_function(code: Code, scope: Scope) -> None:
    item = scope.rng.choice(scope.callable)
    scope.imports.use_local(item)
    if item.kind == "frame":
        code.add(f"result = {item.name}(result, column)")
    elif item.kind == "util":
        code.add(f"total += int({item.name}(result[column].dropna().tolist(), limit))")
    elif item.kind == "class":
        code.add(f"result = {item.name}(column=column).fit(result).transform(result)")
    elif item.kind == "settings":
        code.add(f"limit = min(limit, {item.name}().limit)")
    else:
        code.add(f'metrics = {item.name}(result, target="{scope.rng.choice(scope.columns)}")')
        code.add('total += int(metrics.get("accuracy", 0.0) * 100)')


def _statements(code: Code, scope: Scope, budget: int, depth: int = 0) -> None:
    """About ``budget`` lines of pandas-flavoured statements, nesting up to three deep."""
    rng = scope.rng
    start = len(code.lines)
    while len(code.lines) - start < budget:
        roll = rng.random()
        if depth < 3 and roll < 0.16:
            _if_block(code, scope, depth)
        elif depth < 2 and roll < 0.23:
            _for_block(code, scope, depth)
        elif depth < 2 and roll < 0.27:
            _try_block(code, scope)
        elif roll < 0.33:
            code.add(f"# {rng.choice(COMMENTS)}")
            _simple(code, scope)
        else:
            _simple(code, scope)


def _if_block(code: Code, scope: Scope, depth: int) -> None:
    rng = scope.rng
    with code.block(f"if {_condition(scope)}:"):
        _statements(code, scope, rng.randint(1, 3), depth + 1)
    while rng.random() < 0.3:
        with code.block(f"elif {_condition(scope)}:"):
            _statements(code, scope, rng.randint(1, 2), depth + 1)
    if rng.random() < 0.45:
        with code.block("else:"):
            _statements(code, scope, rng.randint(1, 2), depth + 1)


def _for_block(code: Code, scope: Scope, depth: int) -> None:
    rng = scope.rng
    keys = ", ".join(f'"{c}"' for c in rng.sample(scope.columns, 3))
    with code.block(f"for key in ({keys}):"):
        if rng.random() < 0.5:
            with code.block("if key not in result.columns:"):
                code.add("continue")
        code.add(
            rng.choice(
                (
                    "result[key] = result[key].fillna(0)",
                    "total += int(result[key].nunique())",
                    'logger.debug("column %s has %d values", key, result[key].nunique())',
                    "result[key] = result[key].clip(upper=limit)",
                )
            )
        )
        if rng.random() < 0.4:
            _statements(code, scope, 1, depth + 1)


def _try_block(code: Code, scope: Scope) -> None:
    with code.block("try:"):
        code.add("result[column] = result[column].astype(float)")
    with code.block("except (TypeError, ValueError) as error:"):
        code.add('logger.warning("cannot convert %s: %s", column, error)')
        if scope.rng.random() < 0.5:
            code.add("total -= 1")


def _docstring(code: Code, summary: str, rng: random.Random) -> None:
    summary = summary[0].upper() + summary[1:] + "."
    if rng.random() < 0.5:
        code.add(f'"""{summary}"""')
        return
    code.add(f'"""{summary}', "")
    code.add(
        f"Rows without a value in ``column`` count against ``limit``; {rng.choice(COMMENTS).lower()}"
    )
    code.add('"""')


def frame_function(scope: Scope, budget: int) -> list[str]:
    rng = scope.rng
    code = Code()
    scope.imports.third.add("import pandas as pd")
    signature = (
        f'frame: pd.DataFrame, column: str = "{scope.columns[0]}", limit: int = DEFAULT_LIMIT'
    )
    with code.block(f"def {scope.name}({signature}) -> pd.DataFrame:"):
        _docstring(code, f"{scope.name.replace('_', ' ')} for the {scope.domain} data", rng)
        code.add("result = frame.copy()", "total = 0")
        _statements(code, scope, budget)
        code.add(f'logger.info("{scope.name}: kept %d rows (score %d)", len(result), total)')
        code.add("return result")
    return code.lines


def train_function(scope: Scope, budget: int) -> list[str]:
    rng = scope.rng
    imports = scope.imports
    estimator, module, params = rng.choice(ESTIMATORS)
    params = params.format(n=rng.choice((100, 200, 500)), c=rng.choice((0.1, 0.5, 1.0)))
    imports.third.update(
        {
            "import pandas as pd",
            f"from {module} import {estimator}",
            "from sklearn.model_selection import train_test_split",
            "from sklearn.pipeline import Pipeline",
            "from sklearn.preprocessing import StandardScaler",
            "from sklearn.metrics import accuracy_score, f1_score, roc_auc_score",
        }
    )
    seeded = "random_state=seed, " if rng.random() > 0.15 else ""
    code = Code()
    signature = f'frame: pd.DataFrame, target: str = "label", seed: int = {rng.choice((0, 7, 42))}'
    with code.block(f"def {scope.name}({signature}) -> dict[str, float]:"):
        code.add(f'"""Fit a {estimator} on the {scope.domain} data and return held-out metrics."""')
        code.add("features = frame.drop(columns=[target])", "labels = frame[target]")
        code.add("stratify = labels if labels.value_counts().min() >= 2 else None")
        code.add("x_train, x_test, y_train, y_test = train_test_split(")
        code.add(
            f"    features, labels, test_size={rng.choice((0.2, 0.25, 0.3))}, {seeded}stratify=stratify",
            ")",
        )
        code.add("model = Pipeline(", "    [", '        ("scale", StandardScaler()),')
        code.add(f'        ("model", {estimator}({params})),', "    ]", ")")
        code.add("model.fit(x_train, y_train)", "predictions = model.predict(x_test)")
        code.add('metrics = {"accuracy": float(accuracy_score(y_test, predictions))}')
        with code.block("if labels.nunique() == 2:"):
            code.add("scores = model.predict_proba(x_test)[:, 1]")
            code.add('metrics["roc_auc"] = float(roc_auc_score(y_test, scores))')
        with code.block("else:"):
            code.add('metrics["f1_macro"] = float(f1_score(y_test, predictions, average="macro"))')
        if budget > 12:
            imports.third.add("from sklearn.model_selection import cross_val_score")
            code.add(f"# {rng.choice(COMMENTS)}")
            with code.block(f"if len(frame) > {rng.choice((1000, 5000, 20000))}:"):
                code.add(
                    f"folds = cross_val_score(model, features, labels, cv={rng.randint(3, 10)})"
                )
                code.add('metrics["cv_mean"] = float(folds.mean())')
        with code.block("for name, value in sorted(metrics.items()):"):
            code.add(f'logger.info("{scope.name} %s=%.4f", name, value)')
        if rng.random() < 0.1:
            imports.third.add("import joblib")
            code.add(f'joblib.dump(model, "/tmp/{scope.domain}_model.joblib")')
        code.add("return metrics")
    return code.lines


def util_function(scope: Scope, budget: int) -> list[str]:
    rng = scope.rng
    code = Code()
    with code.block(f"def {scope.name}(values: list[float], limit: int = DEFAULT_LIMIT) -> float:"):
        code.add(
            f'"""{rng.choice(VERBS).capitalize()} a robust summary of the {scope.domain} values."""'
        )
        with code.block("if not values:"):
            code.add("return 0.0")
        code.add("total = 0.0")
        with code.block("for index, value in enumerate(values):"):
            with code.block("if index >= limit:"):
                code.add("break")
            with code.block(f"if value < {rng.randint(-5, 0)}:"):
                code.add(f"total -= value * {rng.choice((0.5, 2, 10))}")
            for bound in sorted(rng.sample(range(1, 1000), rng.randint(0, 3 + budget // 10))):
                with code.block(f"elif value > {bound}:"):
                    code.add(f"total += math.log1p(value) * {rng.randint(1, 9)}")
            with code.block("else:"):
                code.add("total += value")
        if rng.random() < 0.5:
            code.add(f"step = {rng.randint(2, 9)}")
            with code.block("while step > 1 and total > limit:"):
                code.add("total /= step", "step -= 1")
        code.add("return total / max(len(values), 1)")
    scope.imports.stdlib.add("import math")
    return code.lines


def transformer_class(scope: Scope, budget: int) -> list[str]:
    rng = scope.rng
    name = scope.name
    scope.imports.third.add("import pandas as pd")
    code = Code()
    with code.block(f"class {name}:"):
        code.add(
            f'"""Learn {scope.domain} column statistics in ``fit``; apply them in ``transform``."""',
            "",
        )
        with code.block(
            f'def __init__(self, column: str = "{scope.columns[0]}", limit: int = DEFAULT_LIMIT) -> None:'
        ):
            code.add(
                "self.column = column", "self.limit = limit", "self.stats_: dict[str, float] = {}"
            )
        code.add("")
        with code.block(f"def fit(self, frame: pd.DataFrame) -> {name}:"):
            code.add('"""Learn the statistics ``transform`` uses."""')
            code.add("values = frame[self.column].dropna()")
            code.add('self.stats_["mean"] = float(values.mean()) if len(values) else 0.0')
            code.add('self.stats_["std"] = float(values.std()) if len(values) > 1 else 1.0')
            code.add("return self")
        code.add("")
        with code.block("def transform(self, frame: pd.DataFrame) -> pd.DataFrame:"):
            with code.block("if not self.stats_:"):
                code.add(f'raise RuntimeError("{name} must be fitted before transform")')
            code.add(
                "result = frame.copy()", "column = self.column", "limit = self.limit", "total = 0"
            )
            _statements(code, scope, budget)
            code.add(
                'result[column] = (result[column] - self.stats_["mean"]) / (self.stats_["std"] or 1.0)'
            )
            code.add("return result")
        if rng.random() < 0.6:
            code.add("")
            with code.block("def fit_transform(self, frame: pd.DataFrame) -> pd.DataFrame:"):
                code.add("return self.fit(frame).transform(frame)")
        if rng.random() < 0.4:
            code.add("")
            code.add("@property")
            with code.block("def is_fitted(self) -> bool:"):
                code.add("return bool(self.stats_)")
        if rng.random() < 0.4:
            code.add("")
            with code.block("def __repr__(self) -> str:"):
                code.add(f'return f"{name}(column={{self.column!r}}, limit={{self.limit}})"')
    return code.lines


def settings_class(scope: Scope, budget: int) -> list[str]:
    del budget  # settings are always the same size
    rng = scope.rng
    scope.imports.stdlib.update({"from dataclasses import dataclass", "from pathlib import Path"})
    columns = ", ".join(f'"{c}"' for c in scope.columns[:3])
    code = Code()
    code.add("@dataclass(frozen=True)")
    with code.block(f"class {scope.name}:"):
        code.add(f'"""Where the {scope.domain} job reads and writes, and its limits."""', "")
        code.add(f'source: Path = Path("data/raw/{scope.domain}.parquet")')
        code.add('target: str = "label"', "limit: int = DEFAULT_LIMIT")
        code.add(f"columns: tuple[str, ...] = ({columns})")
        code.add(f"sample_rate: float = {rng.choice((0.1, 0.25, 1.0))}", "")
        with code.block("def output_path(self, run_id: str) -> Path:"):
            code.add('return self.source.parent.parent / "processed" / f"{run_id}.parquet"')
    return code.lines


def commented_out_code(scope: Scope) -> list[str]:
    c1 = scope.rng.choice(scope.columns)
    return [
        f'# frame = pd.read_csv("data/{scope.domain}.csv")',
        f'# frame = frame[frame["{c1}"] > 0]',
        f'# frame["{c1}"] = frame["{c1}"].fillna(0)',
        "# print(frame.shape)",
    ]


BLOCK_KINDS = (
    ("frame", frame_function, 0.45),
    ("util", util_function, 0.2),
    ("class", transformer_class, 0.17),
    ("train", train_function, 0.1),
    ("settings", settings_class, 0.08),
)


def source_module(
    rng: random.Random, dotted: str, available: list[Exported]
) -> tuple[Source, list[Exported]]:
    """One module of about 20 to 250 lines and what it exports."""
    target = int(rng.triangular(MIN_MODULE_LINES, MAX_MODULE_LINES, 30))
    imports = Imports()
    domain, topic = dotted.rsplit(".", 1)[1].split("_", 1)
    callable_ = rng.sample(available, min(len(available), rng.choice((0, 1, 2, 3, 4))))
    blocks: list[list[str]] = []
    exported: list[Exported] = []
    names: set[str] = set()
    used = 18  # docstring, imports, logger and constant
    while used < target or not blocks:
        kind, build, _ = rng.choices(BLOCK_KINDS, weights=[w for *_, w in BLOCK_KINDS])[0]
        if kind == "settings" and any(item.kind == kind for item in exported):
            kind, build = "frame", frame_function  # one settings class per module
        name = _unique(_block_name(rng, kind, domain), names)
        scope = Scope(rng, imports, name, domain, _columns(rng), callable_)
        budget = max(2, min(40, target - used - 8))
        block = build(scope, rng.randint(2, budget))
        if blocks and used + len(block) > MAX_MODULE_LINES:
            break
        if rng.random() < 0.04:
            block = [*commented_out_code(scope), *block]
        blocks.append(block)
        used += len(block) + 2
        exported.append(Exported(dotted, name, kind))
    tail = _main_guard(domain, exported) if rng.random() < 0.08 else []
    summary = rng.choice(SUMMARIES).format(
        verb=rng.choice(VERBS), domain=domain, noun=rng.choice(NOUNS), topic=topic
    )
    head = [f'"""{summary[0].upper()}{summary[1:]}.', "", f"{rng.choice(COMMENTS)}", '"""', ""]
    head += ["from __future__ import annotations", "", *imports.render()]
    head += ["logger = logging.getLogger(__name__)", ""]
    source = Source(head, blocks, tail, limit=rng.choice((5, 10, 50, 100, 1000)))
    while len(blocks) > 1 and source.line_count() > MAX_MODULE_LINES:
        blocks.pop()
        exported.pop()
    return source, exported


def _block_name(rng: random.Random, kind: str, domain: str) -> str:
    if kind == "class":
        return f"{domain.capitalize()}{rng.choice(CLASS_KINDS)}"
    if kind == "settings":
        return f"{domain.capitalize()}Settings"
    if kind == "train":
        return f"train_{domain}_{rng.choice(('model', 'classifier', 'baseline', 'ranker'))}"
    return f"{rng.choice(VERBS)}_{domain}_{rng.choice(NOUNS)}"


def _main_guard(domain: str, exported: list[Exported]) -> list[str]:
    frames = [item.name for item in exported if item.kind == "frame"]
    if not frames:
        return []
    return [
        'if __name__ == "__main__":',
        "    logging.basicConfig(level=logging.INFO)",
        f'    data = pd.read_csv("data/{domain}.csv")',
        f"    print({frames[0]}(data).head())",
    ]


def init_module(rng: random.Random, package: str, exported: list[Exported]) -> Source:
    """A package ``__init__`` that re-exports a few names of its own modules."""
    own = [item for item in exported if item.module.rsplit(".", 1)[0] == package]
    chosen = sorted(
        rng.sample(own, min(len(own), rng.randint(0, 5))), key=lambda i: (i.module, i.name)
    )
    names: dict[str, Exported] = {item.name: item for item in chosen}
    title = package.rsplit(".", 1)[-1].replace("_", " ")
    head = [f'"""The {title} package of {PACKAGE}.', "", rng.choice(COMMENTS), '"""', ""]
    by_module: defaultdict[str, list[str]] = defaultdict(list)
    for item in names.values():
        by_module[item.module].append(item.name)
    head += [
        f"from {module} import {', '.join(sorted(n))}" for module, n in sorted(by_module.items())
    ]
    if names:
        head += ["", "__all__ = [", *[f'    "{n}",' for n in sorted(names)], "]"]
    return Source(head, [])


def test_module(rng: random.Random, exported: list[Exported]) -> Source:
    """Pytest tests for a few functions of one source module."""
    testable = [item for item in exported if item.kind in ("frame", "util", "class")]
    module = rng.choice(testable).module if testable else PACKAGE
    targets = [item for item in testable if item.module == module][:4]
    columns = _columns(rng)
    head = [f'"""Tests for ``{module}``."""', "", "from __future__ import annotations", ""]
    head += ["import pandas as pd", "import pytest", ""]
    if targets:
        head += [f"from {module} import {', '.join(sorted({t.name for t in targets}))}", "", ""]
    fixture = Code()
    fixture.add("@pytest.fixture")
    with fixture.block("def frame() -> pd.DataFrame:"):
        fixture.add("return pd.DataFrame(", "    {")
        fixture.add(*[f'        "{c}": [1.0, 2.0, None, {rng.randint(3, 99)}.0],' for c in columns])
        fixture.add('        "label": [0, 1, 0, 1],', "    }", ")")
    blocks = [fixture.lines, *[_test_block(rng, item, columns[0]) for item in targets]]
    return Source(head, blocks)


def _test_block(rng: random.Random, item: Exported, column: str) -> list[str]:
    code = Code()
    if item.kind == "util":
        with code.block(f"def test_{item.name}_is_zero_on_empty_input() -> None:"):
            code.add(f"assert {item.name}([]) == 0.0")
        code.add("", "")
        code.add('@pytest.mark.parametrize("limit", [1, 3, 10])')
        with code.block(f"def test_{item.name}_returns_a_float(limit: int) -> None:"):
            code.add(
                f"assert isinstance({item.name}([1.0, 2.0, {rng.randint(3, 50)}.0], limit), float)"
            )
        return code.lines
    if item.kind == "class":
        header = f"def test_{item.name.lower()}_needs_fit(frame: pd.DataFrame) -> None:"
        with code.block(header), code.block("with pytest.raises(RuntimeError):"):
            code.add(f'{item.name}(column="{column}").transform(frame)')
        return code.lines
    with code.block(
        f"def test_{item.name}_keeps_at_most_the_input_rows(frame: pd.DataFrame) -> None:"
    ):
        code.add(f'result = {item.name}(frame, "{column}")')
        code.add("assert isinstance(result, pd.DataFrame)")
        code.add("assert len(result) <= len(frame)")
    return code.lines


def conftest_module() -> Source:
    head = ['"""Fixtures shared by every test."""', "", "from __future__ import annotations", ""]
    head += ["import numpy as np", "import pytest", ""]
    fixture = [
        '@pytest.fixture(scope="session")',
        "def rng() -> np.random.Generator:",
        "    return np.random.default_rng(0)",
    ]
    return Source(head, [fixture])


# --------------------------------------------------------------------------- other files


def notebook(rng: random.Random, index: int, exported: list[Exported]) -> tuple[str, str]:
    domain = rng.choice(DOMAINS)
    frames = [item for item in exported if item.kind == "frame"] or [
        Exported(PACKAGE, "print", "frame")
    ]
    cells: list[dict[str, object]] = [
        _markdown_cell(
            f"# {domain.capitalize()} exploration\n\nFirst look at the {domain} extract."
        )
    ]
    cells.append(
        _code_cell(
            [
                "import pandas as pd\n",
                "import matplotlib.pyplot as plt\n",
                "\n",
                f'df = pd.read_csv("data/{domain}.csv")\n',
                "df.head()",
            ],
            1,
        )
    )
    for count in range(2, rng.randint(12, 30)):
        item = rng.choice(frames)
        column = rng.choice(COLUMNS)
        if rng.random() < 0.25:
            cells.append(_markdown_cell(f"## {column.capitalize()}\n\n{rng.choice(COMMENTS)}"))
        source = [
            f"from {item.module} import {item.name}\n",
            f'out = {item.name}(df, "{column}")\n',
            f'out["{column}"].describe()',
        ]
        if rng.random() < 0.3:
            source = [f'df["{column}"].hist(bins={rng.randint(10, 60)})\n', "plt.show()"]
        cells.append(_code_cell(source, count))
    document = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return f"notebooks/{index:02d}_explore_{domain}.ipynb", json.dumps(document, indent=1) + "\n"


def _markdown_cell(text: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def _code_cell(source: list[str], count: int) -> dict[str, object]:
    output = {
        "name": "stdout",
        "output_type": "stream",
        "text": [f"count    {count * 17}.0\n", "mean     3.2\n"],
    }
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": [output],
        "source": source,
    }


def project_files(full: bool) -> dict[str, str]:
    """pyproject, requirements, CI and friends; the extras only for a large repository."""
    files = {
        "pyproject.toml": f"""[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{PACKAGE.replace("_", "-")}"
version = "0.14.2"
requires-python = ">=3.10"
dependencies = ["pandas>=2.0", "numpy>=1.24", "scikit-learn>=1.3", "joblib>=1.3"]

[project.optional-dependencies]
dev = ["pytest>=7", "ruff>=0.4"]

[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.ruff]
line-length = 110
""",
        "requirements.txt": "pandas==2.1.4\nnumpy==1.26.2\nscikit-learn==1.3.2\njoblib==1.3.2\nmatplotlib==3.8.2\n",
        "README.md": f"# {PACKAGE}\n\nFeature pipelines and models for the {', '.join(DOMAINS[:4])} teams.\n\n"
        "## Development\n\n```\npip install -e .[dev]\npytest\n```\n",
        ".gitignore": "__pycache__/\n*.pyc\n.venv/\ndata/\nmodels/\n.prodready/\n",
        ".github/workflows/ci.yml": """name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt -e .[dev]
      - run: ruff check .
      - run: pytest -q
""",
    }
    if full:
        files["configs/train.yaml"] = (
            "seed: 42\ntest_size: 0.2\nmodel:\n  name: gradient_boosting\n  learning_rate: 0.1\n"
        )
        files["Dockerfile"] = (
            'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt .\nCMD ["python", "-m", "acme_ml.serving"]\n'
        )
        files["Makefile"] = "test:\n\tpytest -q\n\nlint:\n\truff check .\n"
    return files


# --------------------------------------------------------------------------- the tree


@dataclass
class Tree:
    sources: dict[str, Source]  # Python files, each renderable at any version
    static: dict[str, str]  # every other file, one version
    order: list[str]  # the order files enter the history


def build_tree(rng: random.Random, modules: int) -> Tree:
    layout = plan_layout(rng, modules)
    sources: dict[str, Source] = {}
    exported: list[Exported] = []
    for dotted in layout.modules:
        source, names = source_module(
            rng, dotted, [e for e in exported if e.kind != "settings"][-400:]
        )
        sources[module_path(dotted)] = source
        exported += names
    inits = {init_path(p): init_module(rng, p, exported) for p in layout.packages}
    tests = {
        p: (conftest_module() if p.endswith("conftest.py") else test_module(rng, exported))
        for p in layout.tests
    }
    static = project_files(full=modules >= 100)
    for index in range(1, min(6, modules // 500) + 1):
        path, text = notebook(rng, index, exported)
        static[path] = text
    order = list(static)[:5] + list(inits) + [module_path(m) for m in layout.modules]
    extras = list(tests) + list(static)[5:]
    for path in extras:  # tests, notebooks and extras arrive all along the history
        order.insert(rng.randint(5, len(order)), path)
    return Tree(sources | inits | tests, static, order)


# --------------------------------------------------------------------------- history


@dataclass
class Commit:
    author: int
    when: int
    message: str
    paths: list[str]
    branch: str | None = None


def plan_history(rng: random.Random, tree: Tree, commits: int) -> list[Commit]:
    """The first commit holds the first 60% of the files; the rest arrive, a few per commit."""
    cut = max(1, int(len(tree.order) * INITIAL_SHARE)) if commits > 1 else len(tree.order)
    later = tree.order[cut:]
    arrivals: defaultdict[int, list[str]] = defaultdict(list)
    for path, slot in zip(later, sorted(rng.randint(1, commits - 1) for _ in later), strict=True):
        arrivals[slot].append(path)
    touchable = [p for p in tree.order[:cut] if _touchable(p)]
    hot = [p for p in touchable if rng.random() < 0.15]
    owners = {top: rng.randrange(len(AUTHORS)) for top in SUBPACKAGES}
    when = START_TIME
    history = [Commit(0, when, "Initial import of the ML platform", tree.order[:cut])]
    for slot in range(1, commits):
        paths = list(arrivals[slot])
        touches = rng.choice((0, 1, 1, 2, 2, 3, 4)) or (0 if paths else 1)
        for _ in range(touches):
            pool = hot if hot and rng.random() < 0.6 else touchable
            path = rng.choice(pool) if pool else None
            if path is not None and path not in paths:
                paths.append(path)
        if not paths:  # a tiny repository can have nothing to touch yet
            continue
        when += rng.randint(2 * 3600, 40 * 3600)
        author = _author(rng, paths[0], owners)
        history.append(Commit(author, when, _message(rng, paths, arrivals[slot]), paths))
        for path in arrivals[slot]:
            if _touchable(path):
                touchable.append(path)
                if rng.random() < 0.15:
                    hot.append(path)
    _mark_branches(rng, history)
    return history


def _touchable(path: str) -> bool:
    return path.endswith(".py") and not path.endswith("__init__.py")


def _author(rng: random.Random, path: str, owners: dict[str, int]) -> int:
    parts = path.split("/")
    top = parts[2] if len(parts) > 3 and parts[0] == "src" else None
    if top in owners and rng.random() < 0.6:
        return owners[top]
    weights = [w for *_, w in AUTHORS]
    return rng.choices(range(len(AUTHORS)), weights=weights)[0]


def _message(rng: random.Random, paths: list[str], added: list[str]) -> str:
    if added:
        first = Path(added[0]).stem
        more = f" and {len(added) - 1} more" if len(added) > 1 else ""
        return f"Add {first}{more}"
    return rng.choice(TOUCH_MESSAGES).format(name=Path(paths[0]).stem)


def _mark_branches(rng: random.Random, history: list[Commit]) -> None:
    """Put some runs of commits on feature branches, to be merged back with --no-ff."""
    index = 1
    while index < len(history):
        if rng.random() < 0.08:
            length = rng.randint(1, 3)
            branch = f"feature/{Path(history[index].paths[0]).stem.replace('_', '-')}-{index}"
            for commit in history[index : index + length]:
                commit.branch = branch
            index += length
        index += 1


def version_counts(history: list[Commit]) -> Counter[str]:
    return Counter(path for commit in history for path in commit.paths)


def fast_import_stream(tree: Tree, history: list[Commit]) -> bytes:
    """One ``git fast-import`` stream for the whole history, merges included."""
    totals = version_counts(history)
    current: Counter[str] = Counter()
    out = io.BytesIO()
    mark = 0
    main_tip = 0
    branch_tip = 0
    branch_paths: list[str] = []

    def content(path: str) -> bytes:
        current[path] += 1
        if path in tree.sources:
            return tree.sources[path].text(current[path], totals[path]).encode()
        return tree.static[path].encode()

    def emit(ref: str, commit: Commit, parents: list[int], files: dict[str, bytes]) -> int:
        nonlocal mark
        mark += 1
        name, email, tz, _ = AUTHORS[commit.author]
        ident = f"{name} <{email}> {commit.when} {tz}\n".encode()
        message = commit.message.encode() + b"\n"
        out.write(f"commit {ref}\nmark :{mark}\n".encode())
        out.write(b"author " + ident + b"committer " + ident)
        out.write(f"data {len(message)}\n".encode() + message)
        if parents:
            out.write(f"from :{parents[0]}\n".encode())
        for parent in parents[1:]:
            out.write(f"merge :{parent}\n".encode())
        for path, data in files.items():
            out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.write(b"\n")
        return mark

    for index, commit in enumerate(history):
        files = {path: content(path) for path in commit.paths}
        if commit.branch is None:
            main_tip = emit("refs/heads/main", commit, [main_tip] if main_tip else [], files)
            continue
        first = index == 0 or history[index - 1].branch != commit.branch
        branch_tip = emit(
            f"refs/heads/{commit.branch}", commit, [main_tip if first else branch_tip], files
        )
        branch_paths += commit.paths
        last = index + 1 == len(history) or history[index + 1].branch != commit.branch
        if last:
            merge = Commit(commit.author, commit.when + 3600, f"Merge branch '{commit.branch}'", [])
            merged = {
                p: _current_bytes(tree, p, current, totals) for p in dict.fromkeys(branch_paths)
            }
            main_tip = emit("refs/heads/main", merge, [main_tip, branch_tip], merged)
            branch_paths = []
    return out.getvalue()


def _current_bytes(tree: Tree, path: str, current: Counter[str], totals: Counter[str]) -> bytes:
    if path in tree.sources:
        return tree.sources[path].text(current[path], totals[path]).encode()
    return tree.static[path].encode()


# --------------------------------------------------------------------------- entry points


@dataclass(frozen=True)
class Params:
    modules: int
    commits: int
    seed: int = DEFAULT_SEED
    generator: int = GENERATOR_VERSION


@dataclass
class RepoStats:
    python_files: int
    python_lines: int
    files: int
    commits: int
    merges: int
    authors: int
    notebooks: int
    seconds: float = 0.0


def generate(dest: Path, params: Params) -> RepoStats:
    """Build the repository at ``dest`` (which must not exist yet) and return its statistics."""
    rng = random.Random(params.seed)
    tree = build_tree(rng, params.modules)
    for path, source in tree.sources.items():
        try:
            ast.parse(source.text(), filename=path)
        except SyntaxError as error:  # a generator bug, not a benchmark result
            raise RuntimeError(f"generated {path} does not parse: {error}") from error
    history = plan_history(rng, tree, params.commits)
    stream = fast_import_stream(tree, history)
    dest.mkdir(parents=True)
    _git(dest, "init", "-q", "-b", "main")
    _git(dest, "fast-import", "--quiet", stdin=stream)
    _git(dest, "reset", "-q", "--hard", "main")
    merges = len({commit.branch for commit in history if commit.branch})
    return RepoStats(
        python_files=len(tree.sources),
        python_lines=sum(source.line_count() for source in tree.sources.values()),
        files=len(tree.order),
        commits=len(history) + merges,
        merges=merges,
        authors=len({commit.author for commit in history}),
        notebooks=sum(1 for p in tree.static if p.endswith(".ipynb")),
    )


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, input=stdin, check=True, capture_output=True)


def stamp_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".stamp.json")


def read_stamp(dest: Path, params: Params) -> RepoStats | None:
    """The statistics of the repository at ``dest`` if it was built from ``params``."""
    try:
        stamp = json.loads(stamp_path(dest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("params") != asdict(params) or not (dest / ".git").is_dir():
        return None
    return RepoStats(**stamp["stats"])


def ensure_repo(dest: Path, params: Params, regenerate: bool = False) -> tuple[RepoStats, bool]:
    """Reuse the repository at ``dest`` when its stamp matches, else build it; True if built."""
    if not regenerate and (stats := read_stamp(dest, params)) is not None:
        return stats, False
    if dest.exists():
        if not stamp_path(dest).exists():
            raise SystemExit(
                f"{dest} exists and was not built by this script; remove it or pick another --workdir"
            )
        shutil.rmtree(dest)
    stamp_path(dest).unlink(missing_ok=True)
    started = time.perf_counter()
    stats = generate(dest, params)
    stats.seconds = round(time.perf_counter() - started, 2)
    stamp = {"params": asdict(params), "stats": asdict(stats)}
    stamp_path(dest).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return stats, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--modules", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    stats, built = ensure_repo(
        args.dest, Params(args.modules, args.commits, args.seed), args.regenerate
    )
    print(("built " if built else "reused ") + json.dumps(asdict(stats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
