"""The headline means what it says: the gate, the baseline, changed files and the chosen profile."""

from __future__ import annotations

import json
from pathlib import Path

from prodready.models import AuditResult, GateStatus
from tests.conftest import git, make_git_repo
from tests.e2e.test_audit_cli import run_cli

UNSAFE = "import yaml\n\n\ndef load(path):\n    return yaml.load(open(path))\n"


def _repo(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return make_git_repo(None, root)


def _reports(repo: Path, out: Path, *extra: str) -> tuple[dict[str, str], list[str], int]:
    """JSON, HTML, Markdown and text reports of one audit, its stdout lines and its exit code."""
    names = {"json": "r.json", "html": "r.html", "markdown": "r.md", "text": "r.txt"}
    args = [arg for fmt, name in names.items() for arg in ("--format", fmt, "-o", str(out / name))]
    done = run_cli("audit", str(repo), *args, *extra)
    assert done.returncode in (0, 1), done.stderr
    texts = {fmt: (out / name).read_text(encoding="utf-8") for fmt, name in names.items()}
    return texts, done.stdout.splitlines(), done.returncode


def test_no_gate_set_says_so_everywhere(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": UNSAFE})
    texts, lines, code = _reports(repo, tmp_path)
    assert code == 0
    assert lines[-1] == "no gate set: use --fail-under/--fail-on or fail_under in [tool.prodready]"
    assert not any("Gate passed" in line for line in lines)
    gate = AuditResult.model_validate_json(texts["json"]).gate
    assert gate is not None and gate.status == GateStatus.NO_GATE and gate.passed is None
    assert json.loads(texts["json"])["gate"]["status"] == "no gate"
    assert 'CI gate: <strong id="gate">no gate</strong>' in texts["html"]
    assert "CI gate: **no gate**" in texts["markdown"]
    assert (
        texts["text"]
        .rstrip()
        .endswith("no gate set: use --fail-under/--fail-on or fail_under in [tool.prodready]")
    )
    assert "Gate passed" not in texts["text"] and "passed" not in texts["markdown"]


def test_a_set_gate_reports_passed_or_failed(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": UNSAFE})
    texts, lines, code = _reports(repo, tmp_path, "--fail-on", "high", "--select", "SEC")
    assert code == 1 and lines[-2:] == [
        "Gate failed:",
        "  - 1 finding(s) at or above high severity (SEC-002)",
    ]
    assert "CI gate: **failed**" in texts["markdown"]
    (repo / "pyproject.toml").write_text("[tool.prodready]\nfail_under = 0\n", encoding="utf-8")
    texts, lines, code = _reports(repo, tmp_path)
    assert code == 0 and lines[-1] == "Gate passed"
    assert 'CI gate: <strong id="gate">passed</strong>' in texts["html"]


def _audit(repo: Path, out: Path, *extra: str) -> tuple[AuditResult, list[str], int]:
    texts, lines, code = _reports(repo, out, *extra)
    return AuditResult.model_validate_json(texts["json"]), lines, code


def test_baselined_debt_stays_in_the_score_and_only_new_findings_fail(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/app.py": UNSAFE,
        "pkg/util.py": "X = 1\n",
        "pkg/z.py": "Z = 3\n",
    }
    repo = _repo(tmp_path / "repo", files)
    whole, _, _ = _audit(repo, tmp_path)
    assert run_cli("baseline", "create", str(repo)).returncode == 0
    with_baseline = ("--baseline", ".prodready-baseline.json")
    result, lines, code = _audit(repo, tmp_path, *with_baseline, "--fail-on", "low")
    assert code == 0
    assert (result.score, result.band) == (whole.score, whole.band)
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    assert sec.status.value == "fail" and sec.original_status is None
    assert all(f.suppression and f.suppression.kind == "baseline" for f in sec.findings)
    accepted = result.baseline.baselined if result.baseline else 0
    assert accepted > 0
    texts, _, _ = _reports(repo, tmp_path, *with_baseline)
    for text in (texts["text"], texts["markdown"], texts["html"]):
        assert f"{accepted} accepted as known debt" in text
    assert "No open blockers" not in texts["html"] and "ACCEPTED DEBT" in texts["html"]
    # --fail-under gates the whole repository's score, debt included
    _, _, code = _audit(repo, tmp_path, *with_baseline, "--fail-under", "100")
    assert code == 1
    # the repository grows: counts in repository-wide messages change, no finding is new
    (repo / "pkg" / "more.py").write_text("Y = 2\n", encoding="utf-8")
    (repo / "pkg" / "util.py").write_text("from pkg import more\n\nX = more.Y\n", encoding="utf-8")
    result, lines, code = _audit(repo, tmp_path, *with_baseline, "--fail-on", "info")
    new = [f for f in result.findings() if f.suppression is None]
    assert result.baseline is not None and result.baseline.new == 0, new
    assert code == 0 and lines[-1] == "Gate passed"
    # a new unsafe load is new, and only it fails the gate
    (repo / "pkg" / "more.py").write_text(
        "import yaml\nY = yaml.load(open('y'))\n", encoding="utf-8"
    )
    result, lines, code = _audit(repo, tmp_path, *with_baseline, "--fail-on", "high")
    assert code == 1 and "1 new finding(s) at or above high severity (SEC-002)" in lines[-1]


def test_changed_since_limits_the_list_never_the_verdict(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"old.py": UNSAFE, "other.py": UNSAFE})
    first = git(repo, "rev-parse", "HEAD").strip()
    (repo / "new.py").write_text(UNSAFE, encoding="utf-8")
    git(repo, "add", "new.py")
    git(repo, "commit", "-qm", "second")
    (tmp_path / "whole").mkdir()
    whole, _, _ = _audit(repo, tmp_path / "whole")
    texts, lines, _ = _reports(repo, tmp_path, "--changed-since", first)
    limited = AuditResult.model_validate_json(texts["json"])
    assert (limited.score, limited.band, limited.categories) == (
        whole.score,
        whole.band,
        whole.categories,
    )
    sec = next(r for r in limited.results if r.rule_id == "SEC-002")
    assert [f.location.path for f in sec.findings] == ["new.py"]
    assert limited.changed is not None and limited.changed.hidden >= 2
    banner = f"Findings limited to the 1 file(s) changed since {first}"
    for text in (texts["text"], texts["html"]):
        assert banner in text
    assert banner in texts["markdown"].replace("\\", "")  # Markdown escapes its punctuation
    assert banner in " ".join(" ".join(lines).split())  # the terminal wraps long lines
    # compared with the whole audit, nothing left out of the list is called fixed
    _, _, _ = _reports(
        repo, tmp_path, "--changed-since", first, "--compare", str(tmp_path / "whole" / "r.json")
    )
    compared = AuditResult.model_validate_json((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert compared.comparison is not None and compared.comparison.fixed == []
    assert compared.comparison.new == []
    # and the other way round: the whole audit against the limited one calls nothing new
    done = run_cli(
        "diff", str(tmp_path / "r.json"), str(tmp_path / "whole" / "r.json"), "--format", "json"
    )
    assert json.loads(done.stdout)["new"] == [] and json.loads(done.stdout)["fixed"] == []


def test_the_chosen_profile_leads_the_summary(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": UNSAFE})
    texts, lines, _ = _reports(repo, tmp_path, "--profile", "ml-test-score")
    result = AuditResult.model_validate_json(texts["json"])
    assert result.rubric is not None
    lead = f"ml-test-score (2017): final score {result.rubric.final_score:g}"
    assert lines[1].startswith(lead) and lines[2].strip() == result.rubric.band
    sections = [line.split()[0] for line in lines[3:7]]
    assert sections == [section.name for section in result.rubric.sections]
    default = next(i for i, line in enumerate(lines) if line.startswith("Default readiness score"))
    assert default > 6
    html = texts["html"]
    summary = html[html.index('id="decision"') : html.index('id="open-items"')]
    assert summary.index('id="rubric-verdict"') < summary.index('id="score"')
    assert f'id="rubric-band">{result.rubric.band}' in summary.replace("&#39;", "'")
    markdown = texts["markdown"].replace("\\", "")  # Markdown escapes its punctuation
    assert markdown.index("**ml-test-score (2017): final score") < markdown.index(
        "Default readiness"
    )
