"""Imported-but-undeclared and declared-but-never-imported packages, with their evidence.

What an import needs depends on where it runs:

- code the distribution ships needs a runtime dependency for what it imports at
  module level on the way from the package (or a console script, a serving app)
  being imported; an import inside a function or under ``if``, or in a module
  nothing imports on that way (``pkg/contrib/tf.py``), is an optional feature,
  and an extra or dependency group declares it;
- ``setup.py`` runs at build time: ``[build-system] requires`` declares it, and
  setuptools is there to run it anyway;
- tests, notebooks, examples and the repository's own scripts only need the
  package declared somewhere (a dev extra, a notebook's ``!pip install``).

Imports under ``try`` (an ImportError caught) or ``TYPE_CHECKING`` are optional
and never judged. A runtime dependency never imported may still be used as a
command (``uvicorn`` in the Dockerfile), as a plugin or stub package, by another
library (``pyarrow`` behind ``pandas.read_parquet``), or to unpickle a committed
model (``scikit-learn`` behind ``joblib.load("model.joblib")``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from prodready.graph.guards import Guard
from prodready.graph.names import import_names, is_stdlib, provides
from prodready.graph.queries import has_type, is_experimental, is_source, nodes_of
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import FileKind, RepoFacts

if TYPE_CHECKING:
    import networkx as nx

# Used by another library or a tool, not imported: never reported as unused.
IMPLICIT = frozenset(
    {
        "pyarrow", "fastparquet", "openpyxl", "xlrd", "xlsxwriter", "odfpy", "tables", "lxml",
        "html5lib", "tabulate", "psycopg2", "psycopg2-binary", "psycopg", "psycopg-binary",
        "pymysql", "mysqlclient", "pyodbc", "cx-oracle", "oracledb", "asyncpg", "aiosqlite",
        "python-multipart", "jinja2", "email-validator", "httpx", "requests-toolbelt", "uvloop",
        "httptools", "websockets", "watchfiles", "gunicorn", "uvicorn", "hypercorn", "waitress",
        "daphne", "granian", "gevent", "eventlet", "ipykernel", "ipywidgets", "jupyter",
        "jupyterlab", "notebook", "nbformat", "nbconvert", "setuptools", "wheel", "pip",
        "tensorboard", "sentencepiece", "tokenizers", "protobuf", "safetensors", "accelerate",
        "fsspec", "s3fs", "gcsfs", "adlfs", "certifi", "scipy", "threadpoolctl", "numexpr",
        "bottleneck", "tzdata", "python-dotenv", "dvc", "dvc-s3", "dvc-gs", "dvc-azure",
        "mlflow", "kaleido", "pydot", "graphviz", "triton", "nvidia-ml-py", "onnx",
        "boto3", "botocore", "google-cloud-storage", "azure-storage-blob",  # artifact stores
    }
)  # fmt: skip
_PLUGIN = re.compile(
    r"^(types-.+|.+-stubs|pytest-.+|flake8-.+|pylint-.+|mypy-.+|sphinx.*|mkdocs.*|"
    r"hydra-(?!core$).+|dvc-.+|tensorboard-plugin-.+|jupyterlab-.+|jupyter-.+|nbconvert-.+|"
    r"pre-commit|tox|nox|coverage|black|ruff|isort|mypy|pylint|flake8|bandit|pytest|hypothesis)$"
)
# Libraries whose fitted models are pickled: a committed model file needs them to load, though
# nothing imports them (a serving app that only calls `joblib.load`).
MODEL_LIBRARIES = frozenset(
    {
        "scikit-learn", "xgboost", "lightgbm", "catboost", "statsmodels", "imbalanced-learn",
        "category-encoders", "feature-engine", "sktime", "pmdarima", "prophet", "umap-learn",
        "hdbscan", "scikit-learn-intelex", "lifelines", "pygam", "mlxtend",
    }
)  # fmt: skip
_PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".sav", ".dill", ".cloudpickle")
_UNPICKLE = frozenset(
    {
        "joblib.load", "pickle.load", "pickle.loads", "cloudpickle.load", "dill.load",
        "pandas.read_pickle", "sklearn.externals.joblib.load", "skops.io.load",
        "mlflow.sklearn.load_model", "mlflow.pyfunc.load_model",
    }
)  # fmt: skip
# Modules of one library that load another for you: importing the key uses these import names.
THROUGH: dict[str, tuple[str, ...]] = {
    "ray.tune.search.hyperopt": ("hyperopt",),
    "ray.tune.search.optuna": ("optuna",),
    "ray.tune.search.bayesopt": ("bayes_opt",),
    "ray.tune.search.hebo": ("hebo",),
    "ray.tune.search.nevergrad": ("nevergrad",),
    "ray.tune.search.zoopt": ("zoopt",),
    "ray.tune.search.ax": ("ax",),
    "ray.tune.search.skopt": ("skopt",),
    "ray.tune.search.bohb": ("hpbandster", "ConfigSpace"),
    "ray.air.integrations.wandb": ("wandb",),
    "ray.air.integrations.mlflow": ("mlflow",),
    "ray.air.integrations.comet": ("comet_ml",),
    "lightning.pytorch.loggers.wandb": ("wandb",),
    "lightning.pytorch.loggers.WandbLogger": ("wandb",),
    "lightning.pytorch.loggers.mlflow": ("mlflow",),
    "lightning.pytorch.loggers.MLFlowLogger": ("mlflow",),
    "lightning.pytorch.loggers.neptune": ("neptune",),
    "lightning.pytorch.loggers.NeptuneLogger": ("neptune",),
    "lightning.pytorch.loggers.comet": ("comet_ml",),
    "lightning.pytorch.loggers.CometLogger": ("comet_ml",),
    "pytorch_lightning.loggers.wandb": ("wandb",),
    "pytorch_lightning.loggers.WandbLogger": ("wandb",),
    "pytorch_lightning.loggers.mlflow": ("mlflow",),
    "pytorch_lightning.loggers.MLFlowLogger": ("mlflow",),
    "pytorch_lightning.loggers.neptune": ("neptune",),
    "pytorch_lightning.loggers.NeptuneLogger": ("neptune",),
    "pytorch_lightning.loggers.comet": ("comet_ml",),
    "pytorch_lightning.loggers.CometLogger": ("comet_ml",),
    "mlflow.sklearn": ("sklearn",),
    "mlflow.xgboost": ("xgboost",),
    "mlflow.lightgbm": ("lightgbm",),
    "mlflow.catboost": ("catboost",),
    "mlflow.statsmodels": ("statsmodels",),
    "mlflow.pytorch": ("torch",),
    "mlflow.tensorflow": ("tensorflow",),
    "mlflow.keras": ("keras", "tensorflow"),
    "mlflow.transformers": ("transformers",),
    "mlflow.onnx": ("onnx", "onnxruntime"),
    "starlette.testclient": ("requests", "httpx"),  # requests before starlette 0.21
    "fastapi.testclient": ("requests", "httpx"),
    "gym": ("pyglet",),  # classic-control rendering
    "gym.wrappers.atari_preprocessing": ("cv2",),
    "gym.wrappers.AtariPreprocessing": ("cv2",),
    "tf_agents.environments.atari_preprocessing": ("cv2",),
    "transformers": ("torch", "tensorflow", "jax", "flax", "ftfy"),  # backends, the GPT tokenizer
    "torch.onnx": ("onnx", "onnxscript"),  # the exporter
    "sklearn.datasets.fetch_lfw_people": ("PIL",),  # decodes the JPEGs
    "sklearn.datasets.fetch_lfw_pairs": ("PIL",),
    "sklearn.datasets.load_sample_image": ("PIL",),
    "sklearn.datasets.load_sample_images": ("PIL",),
    "keras": ("tensorflow", "jax", "torch"),  # Keras 3 backends
}
_KERNEL = frozenset({"IPython", "ipykernel"})
# setup.py runs with these installed, whatever the build requirements say.
_BUILD_IMPLICIT = frozenset({"setuptools", "pkg_resources", "distutils", "wheel", "pip"})


class Where(StrEnum):
    """Which code imports a package: what it runs in decides what must declare it."""

    PACKAGE = "package"  # code the distribution ships
    BUILD = "build"  # setup.py
    OTHER = "other"  # tests, notebooks, examples, docs, the repository's scripts


@dataclass(frozen=True)
class Site:
    path: str
    line: int | None
    where: Where
    guard: Guard | None
    # on the way from importing the package or running its entry points, unconditionally
    required: bool


@dataclass(frozen=True)
class Undeclared:
    package: str  # node id
    sites: list[tuple[str, int | None]]  # (path, line) of the imports
    shipping: bool  # imported by code that ships, so a runtime declaration is required
    lazy: bool = False  # shipped code imports it only inside functions or under `if`


@dataclass(frozen=True)
class Unused:
    package: str
    dist: str
    manifest: str


def undeclared_imports(graph: nx.DiGraph, facts: RepoFacts | None = None) -> list[Undeclared]:
    shipped = _shipped_paths(graph, facts)
    required = _required_modules(graph, shipped)
    own = [d.name for d in facts.configs.distributions if d.name] if facts is not None else []
    tops = _own_packages(shipped)
    found = []
    for package in nodes_of(graph, NodeType.PACKAGE):
        data = graph.nodes[package]
        label = str(data["label"])
        if data.get("stdlib") or label.split(".")[0] in tops:
            continue
        if any(provides(name, label) for name in own):
            continue  # the repository's own distribution (tools/ importing the package)
        scopes = set(data.get("scopes", []))
        sites = _import_sites(graph, package, shipped, required)
        if not sites:
            continue
        needs_runtime = [s for s in sites if s.where == Where.PACKAGE and s.required]
        shipping = [s for s in sites if s.where == Where.PACKAGE]
        build = [s for s in sites if s.where == Where.BUILD]
        if needs_runtime and "runtime" not in scopes:
            found.append(Undeclared(package, _spots(needs_runtime + shipping), True))
        elif shipping and not scopes & {"runtime", "extra"}:
            lazy = all(s.guard in (Guard.LAZY, Guard.CONDITIONAL) for s in shipping)
            found.append(Undeclared(package, _spots(shipping), True, lazy=lazy))
        elif build and not scopes - {"lock"} and not _build_implicit(graph, package):
            found.append(Undeclared(package, _spots(build), False))
        elif not shipping and not build and not scopes - {"lock", "build"}:
            found.append(Undeclared(package, _spots(sites), False))
    return found


def _spots(sites: list[Site]) -> list[tuple[str, int | None]]:
    return list(dict.fromkeys((site.path, site.line) for site in sites))


def _build_implicit(graph: nx.DiGraph, package: str) -> bool:
    return str(graph.nodes[package].get("label", "")).split(".")[0] in _BUILD_IMPLICIT


def _import_sites(
    graph: nx.DiGraph, package: str, shipped: set[str], required: set[str]
) -> list[Site]:
    """Imports of ``package`` by repository code that may need it installed."""
    label = str(graph.nodes[package]["label"])
    sites = []
    for source in graph.predecessors(package):
        edge = graph.edges[source, package]
        if not has_type(graph, source, package, EdgeType.IMPORTS):
            continue
        guard = edge.get("guard")
        if guard in (Guard.TRY, Guard.TYPE_CHECKING) or edge.get("dynamic"):
            continue  # optional, or imported by a name chosen at run time
        path = graph.nodes[source].get("path")
        if not path or _template(path):
            continue  # code a template holds for another project, with its own manifests
        if path.endswith(".ipynb") and label.split(".")[0] in _KERNEL:
            continue  # the notebook's kernel is IPython
        where = _where(path, shipped)
        needed = where == Where.PACKAGE and guard is None and source in required
        sites.append(Site(path, edge.get("line"), where, Guard(guard) if guard else None, needed))
    order = {Where.PACKAGE: 0, Where.BUILD: 1, Where.OTHER: 2}
    return sorted(sites, key=lambda s: (not s.required, order[s.where], s.path, s.line or 0))


def _template(path: str) -> bool:
    """``{{ cookiecutter.repo_name }}/...`` or ``templates/driver.py``: copied out, run elsewhere."""
    folders = PurePosixPath(path).parts[:-1]
    return "{{" in path or any(part.lower() in ("templates", "template") for part in folders)


def _where(path: str, shipped: set[str]) -> Where:
    if PurePosixPath(path).name == "setup.py":
        return Where.BUILD
    return Where.PACKAGE if path in shipped else Where.OTHER


def _shipped_paths(graph: nx.DiGraph, facts: RepoFacts | None) -> set[str]:
    """Modules the product is made of. A repository that builds a distribution ships the
    packages (folders with ``__init__.py``) under the folder of its manifest or a source root,
    not the scripts and tools around them; one that builds none runs all its source code."""
    from prodready.graph.build import source_roots

    paths = [
        str(data["path"])
        for _, data in graph.nodes(data=True)
        if data["type"] == NodeType.MODULE and data.get("path")
    ]
    source = {p for p in paths if p.endswith(".py") and is_source(p) and not is_experimental(p)}
    dists = facts.configs.distributions if facts is not None else ()
    if not dists:
        return source
    roots = {dist.root for dist in dists} | {_join(dist.root, "src") for dist in dists}
    roots |= set(source_roots(facts)) if facts is not None else set()
    packages = {_parent(p) for p in paths if p.endswith("__init__.py")}
    shipped = set()
    for path in source:
        folder = _parent(path)
        top = folder
        while top and top in packages:
            top = _parent(top)
        if top != folder and top in roots:
            shipped.add(path)
    return shipped


def _parent(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _own_packages(shipped: set[str]) -> set[str]:
    """Names of the top-level packages the repository ships (``python/dgl`` -> ``dgl``)."""
    inits = {p.removesuffix("/__init__.py") for p in shipped if p.endswith("/__init__.py")}
    return {
        PurePosixPath(folder).name for folder in inits if _is_root(folder + "/__init__.py", inits)
    }


def _required_modules(graph: nx.DiGraph, shipped: set[str]) -> set[str]:
    """Shipped modules that run whenever the package is imported or an entry point runs: the
    roots and what they import at module level, unconditionally, with its parent packages."""
    import networkx as nx

    inits = {p.removesuffix("/__init__.py") for p in shipped if p.endswith("/__init__.py")}
    roots = {
        node
        for node, data in graph.nodes(data=True)
        if data["type"] == NodeType.MODULE
        and data.get("path") in shipped
        and _is_root(str(data["path"]), inits)
    }
    for entry in nodes_of(graph, NodeType.ENTRYPOINT):
        if graph.nodes[entry].get("kind") in ("console_script", "serving", "main"):
            roots.update(
                target
                for target in graph.successors(entry)
                if graph.nodes[target].get("path") in shipped
                and (
                    graph.nodes[entry].get("kind") != "main"
                    or not _in_package(target, graph, inits)
                )
            )
    code = nx.DiGraph()
    by_path = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == NodeType.MODULE and data.get("path") in shipped:
            code.add_node(node)
            by_path[str(data["path"])] = node
    for source, target, data in graph.edges(data=True):
        unconditional = EdgeType.IMPORTS in data["types"] and not data.get("guard")
        if unconditional and source in code and target in code:
            code.add_edge(source, target)
    for path, node in by_path.items():  # importing pkg.sub.mod runs pkg/sub/__init__ first
        parent = by_path.get(str(PurePosixPath(path).parent) + "/__init__.py")
        if parent is not None and parent != node:
            code.add_edge(node, parent)
    required: set[str] = set()
    for root in roots:
        required |= {root, *nx.descendants(code, root)}
    return required


def _is_root(path: str, inits: set[str]) -> bool:
    """A top-level package's ``__init__.py`` (its parent folder is no package)."""
    if not path.endswith("/__init__.py"):
        return False
    folder = path.removesuffix("/__init__.py")
    return str(PurePosixPath(folder).parent) not in inits


def _in_package(node: str, graph: nx.DiGraph, inits: set[str]) -> bool:
    return str(PurePosixPath(str(graph.nodes[node].get("path", ""))).parent) in inits


def has_manifest(graph: nx.DiGraph) -> bool:
    """A dependency manifest exists: a notebook's own ``!pip install`` is not one."""
    return any(
        not str(graph.nodes[node].get("path", "")).endswith(".ipynb")
        for node in nodes_of(graph, NodeType.MANIFEST)
    )


# declared, never used -------------------------------------------------------------------


def unused_declarations(graph: nx.DiGraph, facts: RepoFacts) -> list[Unused]:
    commands = _command_words(facts)
    unpickles = _loads_committed_model(facts)
    own = [dist.name for dist in facts.configs.distributions if dist.name]
    through = _used_through(facts)
    found = []
    for package in nodes_of(graph, NodeType.PACKAGE):
        data = graph.nodes[package]
        if data.get("imported") or "runtime" not in data.get("scopes", []):
            continue
        for dist in data.get("dists", []):
            if any(provides(name, data["label"]) for name in own):
                continue
            if dist in IMPLICIT or _PLUGIN.match(dist):
                continue
            if {dist, *import_names(dist)} & commands:
                continue
            if unpickles and dist in MODEL_LIBRARIES:
                continue
            if any(provides(dist, name) for name in through):
                continue
            manifest = next(
                (
                    graph.nodes[source]["label"]
                    for source in sorted(graph.predecessors(package))
                    if dist in graph.edges[source, package].get("runtime", ())
                    and not graph.nodes[source].get("conda")
                ),
                None,
            )
            if manifest is not None:  # conda environments also list system libraries
                found.append(Unused(package, dist, manifest))
    return found


def _used_through(facts: RepoFacts) -> set[str]:
    """Import names used without an import of their own: loaded by a library module the code
    imports (``THROUGH``), or named as a class in config (Hydra's ``_target_:``)."""
    targets = _config_targets(facts)
    named = set(targets)
    for unit in facts.code_units().values():
        for fact in unit.imports:
            if fact.module and not fact.level:
                named.add(fact.module)
                named.update(f"{fact.module}.{name}" for name in fact.names if name != "*")
        named.update(call.name for call in unit.calls)
    found = {target.split(".")[0] for target in targets}
    for key, names in THROUGH.items():
        if any(module == key or module.startswith(key + ".") for module in named):
            found.update(names)
    return found


def _config_targets(facts: RepoFacts) -> set[str]:
    """``_target_: torchvision.models.resnet18`` in YAML configs: what Hydra instantiates."""
    found: set[str] = set()
    stack = [
        config.data
        for config in facts.configs.parsed.values()
        if isinstance(config.data, dict | list) and config.path.endswith((".yaml", ".yml"))
    ]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            target = node.get("_target_")
            if isinstance(target, str) and target.strip():
                found.add(target.strip())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def is_backport(dist: str) -> bool:
    """``dataclasses``, ``argparse``: a distribution named after a standard-library module."""
    return is_stdlib(dist.replace("-", "_"))


def _loads_committed_model(facts: RepoFacts) -> bool:
    """The code unpickles a committed file: one with a pickle suffix, or one a module that
    unpickles names (``open("model.bin", "rb")`` beside ``pickle.load``)."""
    loaders = [
        unit
        for unit in facts.code_units().values()
        if any(call.name in _UNPICKLE for call in unit.calls)
    ]
    if not loaders:
        return False
    if any(path.endswith(_PICKLE_SUFFIXES) for path in facts.files):
        return True
    named = {
        PurePosixPath(arg.strip("'\"")).name
        for unit in loaders
        for call in unit.calls
        for arg in [*call.args, *call.kwargs.values()]
        if arg and arg[:1] in "'\""
    }
    return any(
        PurePosixPath(path).name in named and fact.kind in (FileKind.MODEL, FileKind.OTHER)
        for path, fact in facts.files.items()
    )


_RUNS_COMMAND = frozenset(
    {
        "os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
        "subprocess.check_output", "subprocess.Popen",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z0-9_][\w.-]*")
# Installing a package never proves it is used: such lines are left out of the command words.
_INSTALL = re.compile(
    r"\b(pip3?|conda|mamba|micromamba|poetry|uv|pipx|pdm|apt-get|apt)\s+(install|add)\b"
)


def _command_words(facts: RepoFacts) -> set[str]:
    """Words of every command the repository runs: CI, Dockerfiles, Procfile, Makefile, scripts,
    and the commands its code runs; an install command is not a use."""
    texts = [command.text for ci in facts.configs.ci for command in ci.commands]
    texts += [c for commands in facts.configs.task_commands.values() for c in commands]
    for path, config in facts.configs.parsed.items():
        if config.kind in (
            "dockerfile",
            "makefile",
            "sh",
            "mlproject",
            "dvc",
            "pre-commit",
            "tox",
        ) or path.rsplit("/", 1)[-1] in ("Procfile", "docker-compose.yml", "compose.yaml"):
            texts.append(facts.texts.get(path, ""))
    for path in facts.texts:
        if path.rsplit("/", 1)[-1] == "Procfile" or path.endswith(".sh"):
            texts.append(facts.texts[path])
    for unit in facts.code_units().values():  # os.system("python -m build"), subprocess.run([...])
        for call in unit.calls:
            if call.name in _RUNS_COMMAND and call.args and call.args[0]:
                texts.append(call.args[0].replace("'", " ").replace('"', " "))
    words: set[str] = set()
    for text in texts:
        for line in text.replace("\\\n", " ").splitlines():
            if not _INSTALL.search(line):
                words.update(word.lower() for word in _WORD.findall(line))
    return words
