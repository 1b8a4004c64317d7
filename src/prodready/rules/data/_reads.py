"""The datasets a repository's code reads, from the AST facts and DVC stage ``deps``.

Only what the syntax proves: a literal path, URL, SQL table or hub dataset name passed to
a known reader. ``open``, ``numpy.load`` and ``torch.load`` also open configs and model
weights, so their literal paths only count when they look like data (a data file suffix or
a ``data/`` folder). A reader called with a computed path is counted as a read whose
target is unknown.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.scanners.facts import CallFact
from prodready.scanners.files import DATA_SUFFIXES, MODEL_SUFFIXES

DATA_READERS = frozenset(
    {f"pandas.read_{kind}" for kind in ("csv", "parquet", "json", "table", "excel", "feather")}
    | {f"pandas.read_{kind}" for kind in ("orc", "fwf", "hdf", "xml", "stata", "sas", "spss")}
    | {f"polars.{verb}_{kind}" for verb in ("read", "scan") for kind in ("csv", "parquet")}
    | {"polars.read_json", "polars.read_ndjson", "polars.scan_ndjson", "polars.read_excel"}
    | {"pyarrow.parquet.read_table", "pyarrow.csv.read_csv", "pyarrow.dataset.dataset"}
    | {"dask.dataframe.read_csv", "dask.dataframe.read_parquet", "dask.dataframe.read_json"}
    | {"numpy.loadtxt", "numpy.genfromtxt"}
)
MAYBE_DATA = frozenset({"open", "io.open", "numpy.load", "torch.load"})
SQL_READERS = frozenset({"pandas.read_sql", "pandas.read_sql_query", "pandas.read_sql_table"})
HUB_LOADERS = frozenset(
    {"datasets.load_dataset", "tensorflow_datasets.load", "sklearn.datasets.fetch_openml"}
)
HUB_PREFIXES = ("torchvision.datasets.", "torchtext.datasets.", "torchaudio.datasets.")
# Generic loaders over a local folder, not named datasets: the data is their ``root``.
FOLDER_LOADERS = frozenset({"ImageFolder", "DatasetFolder", "VisionDataset", "FakeData"})
PATH_KWARGS = ("filepath_or_buffer", "path", "path_or_buf", "source", "file", "fname", "io", "uri")
CODE_SUFFIXES = frozenset({".py", ".ipynb", ".sh", ".r", ".sql", ".toml", ".yaml", ".yml", ".cfg"})
_TABLE = re.compile(r"\b(?:from|join)\s+([A-Za-z_][\w.\"`]*)", re.IGNORECASE)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class DataRead:
    path: str  # where the read is: a source file or a DVC file
    line: int | None
    target: str | None  # the literal path, URL, table or dataset name; None when computed
    how: str  # the callee, or "dvc deps"
    kind: str  # path | url | table | dataset


def data_reads(ctx: RuleContext) -> list[DataRead]:
    reads = []
    for path, unit in sorted(ctx.source_units.items()):
        for call in unit.calls:
            reads.extend(_from_call(path, call, unit.calls))
    reads.extend(_dvc_deps(ctx))
    return reads


def _from_call(path: str, call: CallFact, calls: list[CallFact]) -> list[DataRead]:
    name = call.name
    if name in SQL_READERS:
        query = _literal(_first(call, ("sql", "table_name")))
        if query is None:
            return [DataRead(path, call.line, None, name, "table")]
        tables = [query] if name.endswith("_table") else _TABLE.findall(query)
        return [DataRead(path, call.line, t.strip('"`'), name, "table") for t in tables]
    if name in HUB_LOADERS:
        target = _literal(_first(call, ("path", "name", "name_or_path")))
        return [DataRead(path, call.line, target, name, "dataset")]
    if name.startswith(HUB_PREFIXES):
        if name.rsplit(".", 1)[-1] in FOLDER_LOADERS:  # a class that reads a local folder
            root = _literal(_first(call, ("root",)))
            return [DataRead(path, call.line, root, name, "path")]
        return [DataRead(path, call.line, name.rsplit(".", 1)[-1], name, "dataset")]
    if name not in DATA_READERS and name not in MAYBE_DATA:
        return []
    target = _literal(_first(call, PATH_KWARGS)) or _same_line_path(call, calls)
    if name in MAYBE_DATA and (target is None or not _looks_like_data(target) or _writes(call)):
        return []
    kind = "url" if target and _URL.match(target) else "path"
    return [DataRead(path, call.line, target, name, kind)]


def _first(call: CallFact, keywords: tuple[str, ...]) -> str | None:
    if call.args:
        return call.args[0]
    return next((call.kwargs[key] for key in keywords if key in call.kwargs), None)


def _literal(text: str | None) -> str | None:
    if not text or text[0] not in "'\"":
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) and value.strip() else None


def _same_line_path(call: CallFact, calls: list[CallFact]) -> str | None:
    """``pd.read_csv(Path("data/x.csv"))``: the literal sits in the inner ``Path`` call."""
    for other in calls:
        if other.line == call.line and other.name in ("pathlib.Path", "pathlib.PurePath"):
            found = _literal(other.args[0] if other.args else None)
            if found:
                return found
    return None


def _writes(call: CallFact) -> bool:
    mode = call.kwargs.get("mode") or (call.args[1] if len(call.args) > 1 else None)
    text = _literal(mode) or ""
    return any(flag in text for flag in "wax")


def _looks_like_data(target: str) -> bool:
    suffix = PurePosixPath(target).suffix.lower()
    if suffix in MODEL_SUFFIXES:
        return False
    parts = {part.lower() for part in PurePosixPath(target).parts[:-1]}
    return suffix in DATA_SUFFIXES or bool(parts & {"data", "datasets", "dataset"})


def _dvc_deps(ctx: RuleContext) -> list[DataRead]:
    """Inputs of DVC stages that no stage produces: the pipeline's external datasets."""
    configs = ctx.facts.configs
    # a .dvc file's outs are tracked inputs, not pipeline products
    outs = {out for stage in configs.dvc_stages for out in stage.outputs}
    stages = sorted(configs.dvc_stages + configs.dvc_files, key=lambda stage: stage.path)
    deps = [(stage.path, dep) for stage in stages for dep in stage.deps]
    reads = []
    for path, dep in deps:
        if _internal(dep, outs) or _is_code(dep):
            continue
        kind = "url" if _URL.match(dep) else "path"
        reads.append(
            DataRead(path, _line_of(ctx.facts.texts.get(path, ""), dep), dep, "dvc deps", kind)
        )
    return reads


def _internal(dep: str, outs: set[str]) -> bool:
    return any(dep == out or dep.startswith(out.rstrip("/") + "/") for out in outs)


def _is_code(dep: str) -> bool:
    suffix = PurePosixPath(dep).suffix.lower()
    return suffix in CODE_SUFFIXES or suffix in MODEL_SUFFIXES


def _line_of(text: str, needle: str) -> int | None:
    name = PurePosixPath(needle).name
    for number, line in enumerate(text.splitlines(), start=1):
        if name in line and line.strip().startswith("-"):
            return number
    return None
