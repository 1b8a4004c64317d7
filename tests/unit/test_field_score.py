"""bench/field/score.py: its pure functions on synthetic judgements and reports."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "field" / "score.py"


def load_script() -> ModuleType:
    """Import bench/field/score.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("field_score", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


score = load_script()

JUDGEMENT = {
    "repo": "acme/widget",
    "commit": "a" * 40,
    "kind": "training",
    "readiness": 40,
    "aspects": {
        "testing.tests_present": {"value": "yes", "evidence": "tests/test_a.py"},
        "documentation.license": {"value": "no", "evidence": "no LICENSE"},
        "ownership.codeowners": {"value": "no", "evidence": "none"},
        "hygiene.data_committed": {"value": True},
    },
    "findings": {
        "SMELL-004": {"verdict": "false_positive", "note": "docstring"},
        "TEST-001": {"verdict": "true_positive", "note": ""},
        "OLD-001": {"verdict": "true_positive", "note": "fixed since"},
    },
}

REPORT = {
    "project": {"kind": "model_service", "reason": "FastAPI app"},
    "score": None,
    "band": "unknown",
    "repo": {"name": "widget", "commit": "b" * 40},
    "aspects": {
        "testing.tests_present": {"status": "no", "evidence": ["no tests"]},
        "documentation.license": {"status": "no", "evidence": []},
        "ownership.codeowners": {"status": "unknown", "evidence": ["could not tell"]},
    },
    "results": [
        {
            "rule_id": "SMELL-004",
            "status": "fail",
            "findings": [{"location": {"path": "a.py", "line": 3}, "message": "abs path"}],
        },
        {"rule_id": "TEST-001", "status": "fail", "findings": [{"message": "no tests"}]},
        {"rule_id": "HYG-005", "status": "fail", "findings": []},
        {"rule_id": "DOC-001", "status": "pass", "findings": []},
    ],
}


def test_yes_no_reads_yaml_booleans_and_strings() -> None:
    assert score.yes_no(True) == "yes"
    assert score.yes_no(False) == "no"
    assert score.yes_no(" Yes ") == "yes"


def test_parse_judgement_reads_aspects_and_verdicts() -> None:
    j = score.parse_judgement(JUDGEMENT)
    assert j.slug == "acme__widget"
    assert j.readiness == 40.0
    assert j.aspects["hygiene.data_committed"].value == "yes"
    assert j.findings["SMELL-004"] == ["false_positive"]


def test_parse_found_tolerates_missing_fields_and_null_score() -> None:
    found = score.parse_found(REPORT)
    assert found.score is None
    assert found.runner_up is None
    assert found.kind_evidence == []
    assert sorted(found.failing) == ["HYG-005", "SMELL-004", "TEST-001"]
    assert found.failing["SMELL-004"][0].render() == "a.py:3 abs path"
    assert found.failing["TEST-001"][0].render() == "(repo) no tests"
    assert score.parse_found({}).kind == "unknown"


def test_parse_found_reads_runner_up_and_kind_evidence() -> None:
    found = score.parse_found(
        {"project": {"kind": "library", "runner_up": "training", "evidence": ["pyproject.toml"]}}
    )
    assert (found.runner_up, found.kind_evidence) == ("training", ["pyproject.toml"])


def test_compare_aspects_separates_false_verdicts_from_unknown() -> None:
    rows = {
        r.aspect: r
        for r in score.compare_aspects(score.parse_judgement(JUDGEMENT), score.parse_found(REPORT))
    }
    assert rows["testing.tests_present"].false_verdict
    assert rows["documentation.license"].agrees
    codeowners = rows["ownership.codeowners"]
    assert not codeowners.agrees and not codeowners.false_verdict
    absent = rows["hygiene.data_committed"]
    assert absent.found == score.ABSENT and not absent.false_verdict


def test_per_aspect_counts() -> None:
    rows = score.compare_aspects(score.parse_judgement(JUDGEMENT), score.parse_found(REPORT))
    table = score.per_aspect(rows)
    assert table["testing.tests_present"] == {"judged": 1, "agree": 0, "false": 1, "unknown": 0}
    assert table["ownership.codeowners"]["unknown"] == 1


def test_rule_precision_counts_only_rules_failing_now() -> None:
    pair = (score.parse_judgement(JUDGEMENT), score.parse_found(REPORT))
    precisions = {p.rule_id: p for p in score.rule_precision([pair, pair])}
    assert set(precisions) == {"SMELL-004", "TEST-001"}
    assert (precisions["TEST-001"].true, precisions["TEST-001"].judged) == (2, 2)
    assert precisions["SMELL-004"].precision == 0.0
    assert score.stale_judgements(*pair) == ["OLD-001"]
    assert score.unjudged_failures(*pair) == ["HYG-005"]


def test_average_ranks_share_ties() -> None:
    assert score.average_ranks([10, 30, 20, 30]) == [1.0, 3.5, 2.0, 3.5]


def test_spearman_without_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "scipy.stats", None)  # import fails: the fallback runs
    assert score.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert score.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ties: ranks x = 1,2,3,4,5 ; y = 1.5,1.5,3,5,4 -> rho = 0.8720...
    assert score.spearman([1, 2, 3, 4, 5], [7, 7, 8, 10, 9]) == pytest.approx(0.8720815, abs=1e-6)
    assert score.spearman([1, 2, 3], [5, 5, 5]) is None
    assert score.spearman([1, 2], [1, 2]) is None


def test_error_line_takes_last_non_empty_line() -> None:
    assert score.error_line("Traceback\n  ...\nValueError: bad\n\n", "") == "ValueError: bad"
    assert score.error_line("", "only stdout\n") == "only stdout"
    assert score.error_line("", "") == "(no output)"


def test_load_judgements_rejects_unknown_only(tmp_path: Path) -> None:
    (tmp_path / "acme__widget.yaml").write_text(json.dumps(JUDGEMENT), encoding="utf-8")
    assert [j.repo for j in score.load_judgements(tmp_path, ["ACME/widget"])] == ["acme/widget"]
    with pytest.raises(score.UsageError):
        score.load_judgements(tmp_path, ["acme/nothing"])


def test_bad_arguments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(score.CLONES_ENV, raising=False)
    for argv in (
        [],
        ["--clones", str(tmp_path / "none")],
        ["--reuse"],
        ["--clones", str(tmp_path), "--jobs", "0"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            score.parse_args(argv)
        assert exit_info.value.code == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_main_reuses_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repos, results = tmp_path / "repos", tmp_path / "results"
    repos.mkdir()
    results.mkdir()
    (repos / "acme__widget.yaml").write_text(json.dumps(JUDGEMENT), encoding="utf-8")
    (results / "acme__widget.json").write_text(json.dumps(REPORT), encoding="utf-8")
    out = tmp_path / "summary.json"
    argv = [
        "--reuse",
        "--results",
        str(results),
        "--repos",
        str(repos),
        "--json",
        str(out),
        "--show-findings",
    ]
    assert score.main(argv) == 0
    printed = capsys.readouterr().out
    assert "testing.tests_present: judged yes, found no  [FALSE VERDICT]" in printed
    assert "left out, score null: acme/widget" in printed
    assert "a.py:3 abs path" in printed
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["totals"]["aspect_agreement"] == {"agree": 1, "judged": 4, "undecided": 2}
    assert summary["repos"][0]["unjudged_failures"] == ["HYG-005"]


def test_with_checklists_audits_with_the_checklist_init_prefills(tmp_path: Path) -> None:
    clone = tmp_path / "acme__widget"
    clone.mkdir()
    (clone / "train.py").write_text("print('train')\n", encoding="utf-8")
    (clone / "CODEOWNERS").write_text("* @ann\n", encoding="utf-8")
    run = score.RepoRun(
        judgement=score.parse_judgement(JUDGEMENT), result_path=tmp_path / "acme__widget.json"
    )
    score.audit_repo(run, clone, [sys.executable, "-m", "prodready"], with_checklist=True)
    assert run.error is None, run.error
    checklist = tmp_path / "acme__widget.checklist.yaml"
    assert "@ann" in checklist.read_text(encoding="utf-8")  # prefilled from CODEOWNERS
    report = json.loads(run.result_path.read_text(encoding="utf-8"))
    assert report["checklist"]["path"] is not None
    assert not (clone / "prodready.yaml").exists()  # the clone is never written to
