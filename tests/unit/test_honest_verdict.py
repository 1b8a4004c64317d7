"""The headline never overstates readiness: thin evidence, no checklist, an untouched template."""

from __future__ import annotations

from pathlib import Path

from prodready.audit import run_audit
from prodready.checklist.init import render_checklist
from prodready.config import Settings
from prodready.models import Band, Status
from prodready.scanners import ScanOptions, collect

TRAIN = (
    "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\n\n"
    "np.random.seed(0)\nmodel = RandomForestClassifier(random_state=0).fit(X, y)\n"
)


def audit(root: Path, files: dict[str, str]):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return run_audit(root, Settings(cache=False))


def test_a_readme_ci_and_gitignore_are_insufficient_evidence(tmp_path: Path) -> None:
    result = audit(
        tmp_path,
        {"README.md": "# x\n", ".gitlab-ci.yml": "b:\n  script: [ls]\n", ".gitignore": "*.pyc\n"},
    )
    assert result.project.kind.value == "unknown"
    assert result.band == Band.INSUFFICIENT_EVIDENCE, result.band_reason


def test_no_checklist_is_one_finding_and_evidence_is_credited(tmp_path: Path) -> None:
    result = audit(
        tmp_path,
        {
            "train.py": TRAIN + "import mlflow\nmlflow.log_metric('auc', 0.9)\n",
            "CODEOWNERS": "* @ann\n",
        },
    )
    checklist = [r for r in result.results if r.category.value == "checklist"]
    failing = [r.rule_id for r in checklist if r.status == Status.FAIL]
    assert failing == ["CHK-013"]
    by_id = {r.rule_id: r for r in checklist}
    assert (
        by_id["CHK-004"].status == Status.PASS and "found, not declared" in by_id["CHK-004"].message
    )
    assert by_id["CHK-001"].status == Status.PASS
    assert (
        by_id["CHK-008"].status == Status.NOT_APPLICABLE and "CHK-013" in by_id["CHK-008"].message
    )


def test_an_untouched_init_template_does_not_raise_the_score(tmp_path: Path) -> None:
    files = {"train.py": TRAIN, "requirements.txt": "scikit-learn==1.5.0\n"}
    before = audit(tmp_path, files)
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    (tmp_path / "prodready.yaml").write_text(render_checklist(facts, "x"), encoding="utf-8")
    after = run_audit(tmp_path, Settings(cache=False))
    assert after.score is not None and before.score is not None
    assert after.score <= before.score
    assert after.band != Band.READY
    chk013 = next(r for r in after.results if r.rule_id == "CHK-013")
    assert chk013.status == Status.FAIL


def test_a_repo_without_tests_never_shows_a_ready_number(tmp_path: Path) -> None:
    """Well-kept code and no tests: the band says not ready and so does the number."""
    result = audit(tmp_path, {"train.py": TRAIN, "requirements.txt": "scikit-learn==1.5.0\n"})
    assert result.band == Band.NOT_READY and "TEST-001" in result.scoring.blocked_by
    raw = result.scoring.raw_score
    assert raw is not None and result.score == min(round(raw * 0.6, 1), 59.9)
    assert result.score < 60 and "scaled into the not-ready range" in result.band_reason


def test_one_complex_function_among_four_modules_costs_a_quarter_of_the_rule(
    tmp_path: Path,
) -> None:
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(20))
    files = {f"pkg/m{i}.py": f"def f{i}(x):\n    return x\n" for i in range(3)}
    files["pkg/complex.py"] = "def tangled(x):\n" + branches + "    return -1\n"
    result = audit(tmp_path, files)
    code_001 = next(r for r in result.results if r.rule_id == "CODE-001")
    assert code_001.status == Status.FAIL and code_001.affected_share == 0.25
    assert "CODE-001" in result.scoring.partial_credit
    health = next(c for c in result.categories if c.category.value == "code_health")
    assert health.failed >= 1 and health.score is not None and health.score > 0


def test_the_blockers_lead_the_decision_they_make(tmp_path: Path) -> None:
    """"No go" because tests are missing: the must-haves are named first, not other highs."""
    from prodready.report.decision import decide, open_items

    result = audit(tmp_path, {"train.py": TRAIN + "eval(input())\n"})
    items = open_items(result)
    decision = decide(result, items)
    assert decision.verdict == "No go"
    blockers = [item.rule.rule_id for item in decision.conditions]
    assert blockers and set(blockers) <= set(result.scoring.blocked_by)
    assert [item.rule.rule_id for item in items[: len(blockers)]] == blockers


def test_every_reporter_lists_the_blockers_first(tmp_path: Path) -> None:
    from prodready.report.presentation import failed_results

    result = audit(tmp_path, {"train.py": TRAIN + "eval(input())\n"})
    ordered = [r.rule_id for r in failed_results(result)]
    blocking = result.scoring.blocked_by
    assert ordered[: len(blocking)] == sorted(blocking)
