"""The dependency graph built from hand-made repositories whose graph is known exactly."""

from __future__ import annotations

import json
from pathlib import Path

from prodready.graph import build_graph
from prodready.graph.cycles import import_cycles
from prodready.graph.guards import Guard
from prodready.graph.lineage import serving_lineage
from prodready.graph.names import import_names, package_key, provides
from prodready.graph.orphans import find_orphans
from prodready.graph.queries import experimental_imports
from prodready.scanners import ScanOptions, collect
from prodready.scanners.facts import RepoFacts


def repo(tmp_path: Path, files: dict[str, str]) -> RepoFacts:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return collect(tmp_path, ScanOptions(use_cache=False))


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "outputs": [], "source": cell}
                for cell in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def edges(graph, kind: str | None = None) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {
        (source, target, data["type"])
        for source, target, data in graph.edges(data=True)
        if kind is None or data["type"] == kind
    }


CYCLE_AND_ORPHAN = {
    "app/__init__.py": "",
    "app/a.py": "from app import b\n",
    "app/b.py": "from . import c\n",
    "app/c.py": "from .a import x\n",
    "app/orphan.py": "def unused():\n    return 1\n",
    "app/main.py": "import app.a\n\nif __name__ == '__main__':\n    print(app.a)\n",
    "requirements.txt": "numpy==2.1.3\n",
}


def test_three_module_cycle_and_orphan_exactly(tmp_path: Path) -> None:
    facts = repo(tmp_path, CYCLE_AND_ORPHAN)
    graph = build_graph(facts)
    assert set(graph.nodes) == {
        "module:app",
        "module:app.a",
        "module:app.b",
        "module:app.c",
        "module:app.orphan",
        "module:app.main",
        "entrypoint:app.main:__main__",
        "manifest:requirements.txt",
        "package:numpy",
    }
    assert edges(graph) == {
        ("module:app.a", "module:app.b", "imports"),
        ("module:app.b", "module:app.c", "imports"),
        ("module:app.c", "module:app.a", "imports"),
        ("module:app.main", "module:app.a", "imports"),
        ("entrypoint:app.main:__main__", "module:app.main", "imports"),
        ("manifest:requirements.txt", "package:numpy", "declares"),
    }
    assert import_cycles(graph) == [["module:app.a", "module:app.b", "module:app.c"]]
    assert find_orphans(graph, facts).modules == ["module:app.orphan"]
    assert graph.edges["module:app.c", "module:app.a"]["line"] == 1


def test_cycle_listed_once_in_its_shortest_form(tmp_path: Path) -> None:
    files = {
        "p/__init__.py": "",
        "p/a.py": "import p.b\nimport p.c\n",
        "p/b.py": "import p.a\n",
        "p/c.py": "import p.d\n",
        "p/d.py": "import p.a\n",
    }
    cycles = import_cycles(build_graph(repo(tmp_path, files)))
    assert cycles == [["module:p.a", "module:p.b"], ["module:p.a", "module:p.c", "module:p.d"]]


def test_notebook_and_experiment_imported_from_serving_code(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/serve.py": (
            "from fastapi import FastAPI\n"
            "from notebooks.explore import clean\n"
            "import experiments.try_features\n"
            "app = FastAPI()\n"
        ),
        "notebooks/explore.ipynb": notebook("def clean(df):\n    return df"),
        "experiments/try_features.py": "X = 1\n",
        "tests/test_nb.py": "from notebooks.explore import clean\n",
    }
    graph = build_graph(repo(tmp_path, files))
    assert graph.nodes["notebook:notebooks.explore"]["type"] == "notebook"
    assert graph.nodes["entrypoint:app.serve:fastapi"]["kind"] == "serving"
    assert experimental_imports(graph) == [
        ("module:app.serve", "module:experiments.try_features", 3),
        ("module:app.serve", "notebook:notebooks.explore", 2),
    ]


PIPELINE = {
    "dvc.yaml": (
        "stages:\n"
        "  featurize:\n"
        "    cmd: python -m app.featurize\n"
        "    deps: [data/raw.csv, app/featurize.py]\n"
        "    params: [window]\n"
        "    outs: [data/features.csv]\n"
        "  train:\n"
        "    cmd: python app/train.py\n"
        "    deps: [data/features.csv]\n"
        "    outs: [models/model.pkl]\n"
        "    metrics: [{metrics.json: {cache: false}}]\n"
    ),
    "params.yaml": "window: 7\n",
    "data/raw.csv.dvc": "outs:\n  - path: raw.csv\n",
    "app/__init__.py": "",
    "app/featurize.py": "def main():\n    return 1\n",
    "app/train.py": "def main():\n    return 1\n",
    "app/serve.py": (
        "import joblib\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        'MODEL = joblib.load("models/model.pkl")\n'
    ),
    "requirements.txt": "flask==3.0.3\njoblib==1.4.2\n",
}


def test_dvc_pipeline_raw_features_model_serve(tmp_path: Path) -> None:
    graph = build_graph(repo(tmp_path, PIPELINE))
    pipeline = {
        edge
        for edge in edges(graph)
        if edge[2] in ("reads", "writes", "produces", "serves")
        or edge[0].startswith(("stage:", "entrypoint:"))
    }
    assert pipeline == {
        ("stage:featurize", "data:data/raw.csv", "reads"),
        ("stage:featurize", "params:params.yaml", "reads"),
        ("stage:featurize", "module:app.featurize", "imports"),
        ("stage:featurize", "data:data/features.csv", "produces"),
        ("stage:train", "data:data/features.csv", "reads"),
        ("stage:train", "module:app.train", "imports"),
        ("stage:train", "model:models/model.pkl", "produces"),
        ("stage:train", "metrics:metrics.json", "produces"),
        ("module:app.serve", "model:models/model.pkl", "reads"),
        ("entrypoint:app.serve:flask", "module:app.serve", "imports"),
        ("entrypoint:app.serve:flask", "model:models/model.pkl", "serves"),
    }
    assert graph.edges["stage:featurize", "params:params.yaml"]["keys"] == "window"
    assert serving_lineage(graph) == [
        [
            "data:data/raw.csv",
            "stage:featurize",
            "data:data/features.csv",
            "stage:train",
            "model:models/model.pkl",
            "entrypoint:app.serve:flask",
        ]
    ]


def test_src_layout_relative_and_namespace_packages(tmp_path: Path) -> None:
    files = {
        "src/pkg/__init__.py": "",
        "src/pkg/sub/__init__.py": "",
        "src/pkg/sub/a.py": "from .. import core\nfrom ..core import thing\nfrom . import b\n",
        "src/pkg/sub/b.py": "",
        "src/pkg/core.py": "thing = 1\n",
        "src/nspkg/mod.py": "import pkg.core\n",  # a namespace package: no __init__.py
        "tests/test_ns.py": "import nspkg.mod\nfrom nspkg import mod\n",
    }
    graph = build_graph(repo(tmp_path, files))
    assert edges(graph, "imports") == {
        ("module:pkg.sub.a", "module:pkg.core", "imports"),
        ("module:pkg.sub.a", "module:pkg.sub.b", "imports"),
        ("module:nspkg.mod", "module:pkg.core", "imports"),
        ("module:tests.test_ns", "module:nspkg.mod", "imports"),
    }
    assert graph.nodes["module:pkg.sub.a"]["path"] == "src/pkg/sub/a.py"


def test_stdlib_is_left_out_unless_asked(tmp_path: Path) -> None:
    facts = repo(tmp_path, {"a.py": "import os\nimport json.decoder\nimport yaml\n"})
    assert {n for n in build_graph(facts) if n.startswith("package:")} == {"package:yaml"}
    with_stdlib = build_graph(facts, include_stdlib=True)
    assert {"package:os", "package:json"} <= set(with_stdlib)
    assert with_stdlib.nodes["package:os"]["stdlib"] is True


def test_distribution_names_map_to_import_names() -> None:
    assert import_names("scikit-learn")[0] == "sklearn"
    assert provides("PyYAML", "yaml") and provides("pillow", "PIL")
    assert provides("opencv-python-headless", "cv2") and provides("beautifulsoup4", "bs4")
    assert provides("python-dateutil", "dateutil") and provides(
        "typing_extensions", "typing_extensions"
    )
    assert provides("google-cloud-storage", "google.cloud.storage")
    assert not provides("pandas", "numpy")
    assert package_key("google.cloud.storage.blob", frozenset({"google.cloud.storage"})) == (
        "google.cloud.storage"
    )
    assert package_key("sklearn.linear_model") == "sklearn"


def test_import_guards_come_from_the_enclosing_statements() -> None:
    from prodready.scanners.python_ast import analyze_python

    source = "\n".join(
        [
            "import a",
            "try:",
            "    import b",
            "except ImportError:",
            "    import b2",
            "if TYPE_CHECKING:",
            "    import c",
            "def f():",
            "    if x:",
            "        import d",
            "    import e",
            "try:",
            "    import g",  # the handler does not catch ImportError: g is not optional
            "except KeyError:",
            "    import h",
            "with contextlib.suppress(ModuleNotFoundError):",
            "    import i",
            "class K:",
            "    import j",
        ]
    )
    guards = {fact.module: fact.guard for fact in analyze_python(source).imports}
    assert guards == {
        "a": None,
        "b": Guard.TRY,
        "b2": Guard.TRY,
        "c": Guard.TYPE_CHECKING,
        "d": Guard.CONDITIONAL,
        "e": Guard.LAZY,
        "g": None,
        "h": Guard.CONDITIONAL,
        "i": Guard.TRY,
        "j": None,
    }


def test_an_edge_keeps_its_least_guarded_import(tmp_path: Path) -> None:
    source = "def f():\n    import torch\n\nimport torch.nn\n"
    graph = build_graph(repo(tmp_path, {"app.py": source, "requirements.txt": "torch\n"}))
    edge = graph.edges["module:app", "package:torch"]
    assert "guard" not in edge and edge["line"] == 4


def test_the_audit_builds_the_graph_before_any_rule_runs(tmp_path: Path) -> None:
    from prodready.audit import rule_context
    from prodready.engine.kind import detect_kind

    facts = repo(tmp_path, {"a.py": "import b\n", "b.py": ""})
    ctx = rule_context(facts, detect_kind(facts))
    assert ctx.graph is not None and ctx.graph.has_edge("module:a", "module:b")
    assert ctx.graph_error is None


def test_report_orphans_follow_the_rule_policy_for_libraries(tmp_path: Path) -> None:
    """The graph section lists what ARCH-002 judges: in a library, package modules are API."""
    from prodready.graph.summary import graph_summary

    facts = repo(
        tmp_path,
        {"pkg/__init__.py": "", "pkg/api.py": "def f():\n    return 1\n", "loose.py": "x = 1\n"},
    )
    graph = build_graph(facts)
    as_library = graph_summary(graph, facts, "lib", library=True)
    as_service = graph_summary(graph, facts, "svc", library=False)
    assert "pkg/api.py" not in as_library.orphans
    assert "pkg/api.py" in as_service.orphans


def test_hubconf_is_loaded_by_torch_hub_not_an_orphan(tmp_path: Path) -> None:
    facts = repo(tmp_path, {"hubconf.py": "def model():\n    return 1\n", "pkg/__init__.py": ""})
    orphans = {
        build_graph(facts).nodes[n]["path"] for n in find_orphans(build_graph(facts), facts).modules
    }
    assert "hubconf.py" not in orphans


def test_a_module_wins_over_a_notebook_of_the_same_name(tmp_path: Path) -> None:
    facts = repo(
        tmp_path,
        {
            "batch/score.py": "def run():\n    return 1\n",
            "batch/score.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
            "batch/backfill.py": "import score\n\nscore.run()\n",
        },
    )
    graph = build_graph(facts)
    targets = {graph.nodes[t].get("path") for _, t in graph.out_edges("module:batch.backfill")}
    assert "batch/score.py" in targets and "batch/score.ipynb" not in targets
