"""Aspects are facts: decided from the repository whatever the kind or the rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.aspects import ASPECTS, decide_aspects
from prodready.audit import rule_context
from prodready.engine.kind import detect_kind
from prodready.engine.registry import discover
from prodready.models import AspectStatus, ProjectKind
from prodready.scanners import ScanOptions, collect

CATALOG = discover()
WORKFLOW = """\
on: [push]
jobs:
  test:
    runs-on: ${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest]
    steps:
      - run: pip install -e .
      - run: pytest -q
"""


def aspects(root: Path, files: dict[str, str], kind: ProjectKind | None = None) -> dict:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    facts = collect(root, ScanOptions(use_cache=False))
    return {
        name: aspect.status
        for name, aspect in decide_aspects(
            rule_context(facts, detect_kind(facts, kind)), CATALOG
        ).items()
    }


LIBRARY = {
    "pyproject.toml": '[project]\nname = "lib"\nversion = "1"\nauthors = [{name = "Ann"}]\n',
    "lib/__init__.py": "def add(a, b):\n    return a + b\n",
    "model-card.md": "# Model card\n",
}


def test_a_library_with_a_model_card_has_one(tmp_path: Path) -> None:
    found = aspects(tmp_path, LIBRARY, ProjectKind.LIBRARY)
    assert found["documentation.model_card"] == AspectStatus.YES
    assert found["ownership.declared_owner"] == AspectStatus.YES


def test_absent_things_are_no_not_unknown(tmp_path: Path) -> None:
    found = aspects(tmp_path, LIBRARY, ProjectKind.LIBRARY)
    for name in (
        "reproducibility.data_versioning",
        "testing.ci_runs_tests",
        "testing.tests_present",
        "data.contracts_present",
        "ownership.codeowners",
        "reproducibility.locked_dependencies",
        "reproducibility.environment_spec",
        "monitoring.plan_declared",
    ):
        assert found[name] == AspectStatus.NO, name
    assert set(found) == set(ASPECTS)


@pytest.mark.parametrize(
    "kind", [ProjectKind.LIBRARY, ProjectKind.MODEL_SERVICE, ProjectKind.TEMPLATE]
)
def test_aspects_do_not_change_with_the_kind(tmp_path: Path, kind: ProjectKind) -> None:
    files = {
        **LIBRARY,
        ".github/workflows/ci.yml": WORKFLOW,
        "tests/test_add.py": "def test_add():\n    assert True\n",
        "uv.lock": "version = 1\n",
        "Dockerfile": "FROM python:3.11\n",
    }
    found = aspects(tmp_path, files, kind)
    assert found["testing.ci_runs_tests"] == AspectStatus.YES
    assert found["testing.tests_present"] == AspectStatus.YES
    assert found["reproducibility.locked_dependencies"] == AspectStatus.YES
    assert found["reproducibility.environment_spec"] == AspectStatus.YES


def test_a_test_file_that_does_not_parse_leaves_tests_unknown(tmp_path: Path) -> None:
    found = aspects(tmp_path, {"tests/test_x.py": "def test_x(:\n"})
    assert found["testing.tests_present"] == AspectStatus.UNKNOWN


def test_problem_aspects_say_yes_when_the_problem_is_there(tmp_path: Path) -> None:
    found = aspects(
        tmp_path,
        {
            "serve.py": "import pickle\n\nmodel = pickle.load(open('m.pkl', 'rb'))\n",
            "data/train.csv": "a,b\n" + "1,2\n" * 6000,
        },
    )
    assert found["security.unsafe_deserialization"] == AspectStatus.YES
    assert found["hygiene.data_committed"] == AspectStatus.YES
    assert found["hygiene.large_binaries_committed"] == AspectStatus.NO


def test_evidence_found_in_code_counts(tmp_path: Path) -> None:
    found = aspects(
        tmp_path,
        {
            "train.py": (
                "import mlflow\nfrom sklearn.dummy import DummyClassifier\n"
                "base = DummyClassifier().fit(X, y)\nmlflow.log_metric('auc', 0.9)\n"
            ),
            "serve.py": "from prometheus_client import Counter\n",
            "locustfile.py": "from locust import HttpUser\n",
        },
    )
    assert found["baseline.declared"] == AspectStatus.YES
    assert found["evaluation.metrics_tracked"] == AspectStatus.YES
    assert found["monitoring.plan_declared"] == AspectStatus.YES
    assert found["latency.targets_declared"] == AspectStatus.YES


def test_a_baseline_measured_in_code_and_visdom_charts_count(tmp_path: Path) -> None:
    found = aspects(
        tmp_path,
        {
            "prune.py": (
                "def prune(model, data):\n"
                "    baseline_performance = model.evaluate(data, verbose=0)[-1]\n"
                "    return baseline_performance\n"
            ),
            "train.py": "from visdom import Visdom\nviz = Visdom(server='localhost')\n",
        },
    )
    assert found["baseline.declared"] == AspectStatus.YES
    assert found["evaluation.metrics_tracked"] == AspectStatus.YES


def test_a_baseline_only_loaded_or_in_tests_is_no_baseline(tmp_path: Path) -> None:
    found = aspects(
        tmp_path,
        {
            "report.py": "import json\nbaseline = json.load(open('b.json'))\n",
            "tests/test_model.py": "def test_it():\n    baseline_auc = model.score(X, y)\n",
        },
    )
    assert found["baseline.declared"] == AspectStatus.NO
    assert found["evaluation.metrics_tracked"] == AspectStatus.NO


@pytest.mark.parametrize("kind", [ProjectKind.LIBRARY, ProjectKind.MODEL_SERVICE])
@pytest.mark.parametrize("example", ["fraud-detection", "churn-notebook-poc"])
def test_aspects_reusing_the_runs_verdicts_equal_aspects_worked_out_afresh(
    example: str, kind: ProjectKind
) -> None:
    """The run's verdicts are reused only where the kind cannot change them."""
    from prodready.config import Settings
    from prodready.engine import run_rules, select

    root = Path(__file__).resolve().parents[2] / "examples" / example
    facts = collect(root, ScanOptions(use_cache=False))
    fresh = decide_aspects(rule_context(facts, detect_kind(facts, ProjectKind.UNKNOWN)), CATALOG)
    ctx = rule_context(facts, detect_kind(facts, kind))
    run_rules(select(CATALOG, Settings()), ctx)
    assert "OWN-002" in ctx.verdicts and "REPRO-006" in ctx.verdicts
    assert decide_aspects(ctx, CATALOG) == fresh


def test_a_rule_reading_the_kind_is_evaluated_again_for_the_aspects(tmp_path: Path) -> None:
    """REPRO-006 judges a library's users' code: its library verdict is not the fact."""
    from prodready.engine.rule import Verdict

    (tmp_path / "README.md").write_text("# A project\n\nWhat it does.\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    ctx = rule_context(facts, detect_kind(facts, ProjectKind.LIBRARY))
    planted = Verdict.failed("planted", [])
    ctx.verdicts.update({"REPRO-006": planted, "DOC-001": planted})
    found = decide_aspects(ctx, CATALOG)
    assert found["reproducibility.config_separated"].evidence != ["planted"]
    # DOC-001 reads no kind: its verdict of this audit is the one the aspect states
    assert found["documentation.readme"].status == AspectStatus.NO


def test_a_baseline_assignment_in_a_docstring_is_no_baseline(tmp_path: Path) -> None:
    found = aspects(
        tmp_path,
        {
            "prune.py": (
                'def prune(model, data):\n    """Example:\n\n'
                "    baseline_auc = model.evaluate(data)\n"
                '    """\n    return model\n'
            )
        },
    )
    assert found["baseline.declared"] == AspectStatus.NO
