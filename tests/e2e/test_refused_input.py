"""prodready's own inputs are refused whole and at once: exit 2, every problem at FILE:LINE:COL."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.models import AuditResult
from tests.conftest import make_git_repo
from tests.e2e.test_audit_cli import run_cli

UNSAFE = "import yaml\n\n\ndef load(path):\n    return yaml.load(open(path))\n"


def _repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for name, text in {"app.py": UNSAFE, **files}.items():
        (root / name).write_text(text, encoding="utf-8")
    return make_git_repo(None, root)


def _refused(repo: Path, tmp_path: Path, *extra: str) -> list[str]:
    out = tmp_path / "out"
    done = run_cli("audit", str(repo), "--output-dir", str(out), *extra)
    assert done.returncode == 2, done.stdout + done.stderr
    assert not out.exists()  # no report, so none that claims readiness
    return done.stderr.splitlines()


CHECKLIST = """\
model:
  name: churn
  ownres: [a]
latency:
  p99_ms: fast
objectve: x
settings:
  fail_undr: 50
"""


def test_an_invalid_checklist_is_refused_with_every_problem(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"prodready.yaml": CHECKLIST})
    assert _refused(repo, tmp_path) == [
        "prodready.yaml:3:3: model.ownres: unknown key (did you mean 'owners'?)",
        "prodready.yaml:5:3: latency.p99_ms: input should be a valid number, "
        "unable to parse string as a number, got 'fast'",
        "prodready.yaml:6:1: objectve: unknown key (did you mean 'objective'?)",
        "prodready.yaml:8:3: settings.fail_undr: unknown key (did you mean 'fail_under'?)",
        "prodready: error: 4 problem(s) in the input; nothing audited",
    ]


def test_checklist_yaml_syntax_is_refused_at_its_position(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"prodready.yaml": "model:\n  name: [churn\nx: 1\n"})
    first = _refused(repo, tmp_path)[0]
    assert first.startswith("prodready.yaml:3:") and "invalid YAML" in first


def test_every_problem_of_tool_prodready_at_once(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "x"\n\n[tool.prodready]\nfail-undr = 3\njobs = "many"\nexclud = []\n'
    )
    repo = _repo(tmp_path / "repo", {"pyproject.toml": pyproject})
    lines = _refused(repo, tmp_path)
    assert lines == [
        "pyproject.toml:5:1: fail_undr: unknown key (did you mean 'fail_under'?)",
        "pyproject.toml:6:1: jobs: input should be a valid integer, "
        "unable to parse string as an integer, got 'many'",
        "pyproject.toml:7:1: exclud: unknown key (did you mean 'exclude'?)",
        "prodready: error: 3 problem(s) in the input; nothing audited",
    ]


def test_an_invalid_profile_file_is_refused_with_every_problem(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {})
    profile = tmp_path / "team.yaml"
    profile.write_text("name: team\nweigths: {}\nbands: {ready: high}\n", encoding="utf-8")
    lines = _refused(repo, tmp_path, "--profile", str(profile))
    assert [line.split(": ", 1)[0] for line in lines[:2]] == [f"{profile}:2:1", f"{profile}:3:9"]
    assert "weigths: unknown key (did you mean 'weights'?)" in lines[0]


def test_unknown_rule_names_are_refused_with_a_suggestion(tmp_path: Path) -> None:
    pyproject = (
        '[tool.prodready]\nignore = ["NOPE-999"]\n'
        'suppress = [{rule = "SEC-02", reason = "typo"}]\nseverity = {"SEC-0002" = "low"}\n'
    )
    repo = _repo(tmp_path / "repo", {"pyproject.toml": pyproject})
    lines = _refused(repo, tmp_path, "--select", "SECURTY")
    assert lines == [
        "prodready: error: select: 'SECURTY' is no rule id, prefix or category "
        "(did you mean 'security'?)",
        "prodready: error: ignore: 'NOPE-999' is no rule id, prefix or category",
        "prodready: error: severity: unknown rule 'SEC-0002' (did you mean 'SEC-002'?)",
        "prodready: error: suppress[0].rule: unknown rule 'SEC-02' (did you mean 'SEC-002'?)",
    ]


def test_selectors_are_not_case_sensitive(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {})
    out = tmp_path / "r.json"
    done = run_cli("audit", str(repo), "--select", "sec-002", "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    result = AuditResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert [r.rule_id for r in result.results] == ["SEC-002"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "prodready.yaml",
            "settings:\n  suppress:\n"
            "    - {rule: SEC-002, paths: [app.py], reason: trusted files, until: 2999-01-01}\n",
        ),
        (
            "pyproject.toml",
            '[tool.prodready]\nsuppress = [{rule = "SEC-002", paths = ["app.py"], '
            'reason = "trusted", until = 2999-01-01}]\n',
        ),
    ],
)
def test_an_unquoted_until_date_is_accepted(tmp_path: Path, name: str, text: str) -> None:
    repo = _repo(tmp_path / "repo", {name: text})
    out = tmp_path / "r.json"
    done = run_cli("audit", str(repo), "--select", "SEC", "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    result = AuditResult.model_validate_json(out.read_text(encoding="utf-8"))
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    assert [f.suppression.until for f in sec.findings if f.suppression] == ["2999-01-01"]


def test_other_files_of_the_repo_stay_findings_not_refusals(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"dvc.yaml": "stages: [unclosed\n", "pyproject.toml": "[x\n"})
    done = run_cli("audit", str(repo), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr


def test_file_problems_and_unknown_rule_names_come_in_one_run(tmp_path: Path) -> None:
    """A typo in --select must not wait for the checklist to be fixed before it is reported."""
    pyproject = '[tool.prodready]\nignore = ["NOPE-999"]\nfail_under = "x"\n'
    repo = _repo(
        tmp_path / "repo",
        {"pyproject.toml": pyproject, "prodready.yaml": "model:\n  name: x\n  bogus: 1\n"},
    )
    lines = _refused(repo, tmp_path, "--select", "SECURTY")
    assert lines[0].startswith("prodready.yaml:3:3: model.bogus: unknown key")
    assert lines[1].startswith("pyproject.toml:3:1: fail_under:")
    assert lines[2:] == [
        "prodready: error: select: 'SECURTY' is no rule id, prefix or category "
        "(did you mean 'security'?)",
        "prodready: error: ignore: 'NOPE-999' is no rule id, prefix or category",
        "prodready: error: 4 problem(s) in the input; nothing audited",
    ]
