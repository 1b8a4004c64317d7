"""Bad input never crashes the graph: each case is recorded or resolved, never raised."""

from __future__ import annotations

from pathlib import Path

from prodready.graph import build_graph
from prodready.graph.summary import graph_summary
from tests.unit.test_graph_build import edges, repo

MESSY = {
    "app/__init__.py": "",
    "app/main.py": (
        "import sys\n"
        "import importlib\n"
        "sys.path.insert(0, 'vendor_lib')\n"
        "import helpers\n"  # found through the sys.path hack: vendor_lib/helpers.py
        "import does_not_exist_anywhere\n"  # unresolvable: a third-party node, never a crash
        "from .missing import thing\n"  # a relative import of nothing
        "from .... import too_far\n"  # beyond the top of the tree
        "try:\n"
        "    import ujson\n"
        "except ImportError:\n"
        "    ujson = None\n"
        "if sys.platform == 'win32':\n"
        "    import winreg_helpers\n"
        "plugin = importlib.import_module('app.plugins.csv_plugin')\n"
        "name = sys.argv[1]\n"
        "other = importlib.import_module(name)\n"
    ),
    "app/plugins/__init__.py": "",
    "app/plugins/csv_plugin.py": "X = 1\n",
    "vendor_lib/helpers.py": "VALUE = 1\n",
    "broken.py": "def broken(:\n",
    "dvc.yaml": "stages:\n  train:\n    cmd: [unclosed\n",
    "sub/dvc.yaml": "- a list\n- not a pipeline\n",
    "empty/dvc.yaml": "stages:\n",
    "other/dvc.yaml": "stages:\n  ok:\n    cmd: python x.py\n    deps: 7\n    outs: [{}]\n  bad: 3\n",
    "MLproject": "entry_points: [1, 2]\n",
    "contracts/x.odcs.yaml": "servers: not-a-list\nschema: [1]\n",
    "pyproject.toml": "[project\nname = broken\n",
}


def test_messy_repository_builds_and_records_what_it_left_out(tmp_path: Path) -> None:
    graph = build_graph(repo(tmp_path, MESSY))
    imports = edges(graph, "imports")
    assert ("module:app.main", "module:vendor_lib.helpers", "imports") in imports
    assert ("module:app.main", "package:does_not_exist_anywhere", "imports") in imports
    literal = graph.edges["module:app.main", "module:app.plugins.csv_plugin"]
    assert literal["dynamic"] is True and literal["line"] == 14
    assert graph.edges["module:app.main", "package:ujson"]["guard"] == "try"
    assert graph.edges["module:app.main", "package:winreg_helpers"]["guard"] == "if"
    assert graph.graph["unknown_imports"] == ["app/main.py:16"]
    assert "app/main.py:6 .missing" in graph.graph["unresolved_imports"]
    problems = "\n".join(graph.graph["problems"])
    assert "dvc.yaml: invalid YAML" in problems
    assert "sub/dvc.yaml: unexpected content: the document is a list" in problems
    assert "empty/dvc.yaml: no stages mapping" in problems
    # a stage of the wrong shape makes the file invalid DVC: DVC itself refuses all of it
    assert "other/dvc.yaml: unexpected content: stages.bad is an integer" in problems
    assert "MLproject: unexpected content: entry_points is a list" in problems
    assert graph.nodes["module:broken"]["parse_error"].startswith("syntax error")
    assert "stage:other/dvc.yaml:ok" not in graph


def test_summary_of_a_messy_repository_reports_problems(tmp_path: Path) -> None:
    facts = repo(tmp_path, MESSY)
    summary = graph_summary(build_graph(facts), facts, "messy", library=False)
    assert summary.error is None
    assert any("computed name" in problem for problem in summary.problems)
    assert summary.svg and summary.svg.startswith("<?xml")


def test_summary_turns_a_crash_into_an_error_field() -> None:
    import networkx as nx

    broken = nx.DiGraph()
    broken.add_node("module:x")  # no attributes, no graph-level analyses: summarizing fails
    summary = graph_summary(broken, None, "x", library=False)  # type: ignore[arg-type]
    assert summary.error and summary.nodes == 0


def test_summary_of_a_graph_that_could_not_be_built_says_why() -> None:
    summary = graph_summary(None, None, "x", library=False, error="ValueError: bad")  # type: ignore[arg-type]
    assert summary.error == "ValueError: bad"


def test_empty_repository(tmp_path: Path) -> None:
    graph = build_graph(repo(tmp_path, {}))
    assert graph.number_of_nodes() == 0
