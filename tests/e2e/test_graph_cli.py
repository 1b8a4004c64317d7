"""End-to-end: `prodready graph` in every format, and the graph summary in the audit result."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from prodready.models import AuditResult
from tests.e2e.test_audit_cli import run_cli
from tests.unit.test_graph_build import CYCLE_AND_ORPHAN, PIPELINE


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for name, text in {**PIPELINE, **CYCLE_AND_ORPHAN}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_svg_by_default(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "graph.svg"
    done = run_cli("graph", str(project), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out} (")
    root = ET.fromstring(out.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "demo: dependency graph" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("format_name", ["dot", "graphml", "json", "mermaid"])
def test_every_format(project: Path, tmp_path: Path, format_name: str) -> None:
    out = tmp_path / f"graph.{format_name}"
    done = run_cli("graph", str(project), "--format", format_name, "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "model:models/model.pkl" in text or "models/model.pkl" in text
    if format_name == "graphml":
        graph = nx.read_graphml(out)
        assert graph.edges["stage:train", "model:models/model.pkl"]["type"] == "produces"


def test_package_level_to_stdout(project: Path) -> None:
    done = run_cli("graph", str(project), "--format", "mermaid", "--level", "package", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("flowchart TB\n")
    assert '["app"]' in done.stdout
    assert "collapsed to package level (depth 1)" in done.stderr


def test_bad_inputs_are_one_line_errors(project: Path, tmp_path: Path) -> None:
    missing = run_cli("graph", str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "no such file" in missing.stderr
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    unwritable = run_cli("graph", str(project), "-o", str(blocker / "g.svg"))
    assert unwritable.returncode == 2
    assert (
        unwritable.stderr.startswith("prodready: error: ") and "cannot write" in unwritable.stderr
    )
    assert "Traceback" not in unwritable.stderr


def test_audit_result_carries_the_graph_summary(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    done = run_cli("audit", str(project), "--format", "json", "-o", str(out), "--no-cache")
    assert done.returncode in (0, 1), done.stderr
    summary = AuditResult.model_validate_json(out.read_text(encoding="utf-8")).graph
    assert summary is not None and summary.error is None
    assert summary.cycles == [["app.a", "app.b", "app.c"]]
    assert summary.orphans == ["app/orphan.py"]
    raw_to_serve = ["data/raw.csv", "featurize", "data/features.csv", "train"]
    assert summary.lineage == [[*raw_to_serve, "models/model.pkl", "app.serve:flask"]]
    assert summary.nodes_by_type["stage"] == 2 and summary.edges_by_type["serves"] == 1
    assert summary.collapsed is False and summary.level == "module"
    assert summary.svg is not None
    ET.fromstring(summary.svg.encode())


def test_cli_start_up_does_not_import_networkx() -> None:
    code = "import sys, prodready.cli; print('networkx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
