"""Terminal conventions of ruff, flake8 and checkov, tested through the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from prodready.cli import cli
from prodready.models import AuditResult, Status
from tests.conftest import git

HEAD = re.compile(r"^(repository|[^ :]+(:\d+)?): (CRITICAL|HIGH|MEDIUM|LOW|INFO) ")
LINE = re.compile(r"^(repository|[^ :]+(:\d+)?): (CRITICAL|HIGH|MEDIUM|LOW|INFO) [A-Z]+-\d{3} \S")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = CliRunner().invoke(
        cli, list(args), env=env, catch_exceptions=False, prog_name="prodready"
    )
    return done.exit_code, done.output


def run(*args: str, cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, **kw,  # type: ignore[call-overload]
    )  # fmt: skip


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, AuditResult]:
    """The proof-of-concept example as a git repo, audited once to JSON (the cache keeps later runs warm)."""
    from tests.conftest import EXAMPLES, make_git_repo

    base = tmp_path_factory.mktemp("term")
    repo = make_git_repo(EXAMPLES / "churn-notebook-poc", base / "poc")
    report = base / "poc.json"
    code, output = invoke("audit", str(repo), "-q", "--format", "json", "-o", str(report))
    assert code == 0, output
    return repo, report, AuditResult.model_validate_json(report.read_text(encoding="utf-8"))


def open_count(result: AuditResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rule in result.results:
        if rule.status == Status.FAIL:
            for finding in rule.findings:
                if finding.suppression is None:
                    counts[finding.rule_id] = counts.get(finding.rule_id, 0) + 1
    return counts


def test_concise_lists_every_open_finding_sorted_with_the_verdict_last(audited) -> None:
    _, report, result = audited
    code, output = invoke("report", str(report), "--format", "concise")
    assert code == 0
    *lines, verdict = output.splitlines()
    assert all(LINE.match(line) for line in lines), [x for x in lines if not LINE.match(x)]
    assert len(lines) == sum(open_count(result).values())
    keys = []
    for line in lines:
        where = line.split(": ", 1)[0]
        path, _, number = where.partition(":")
        keys.append(
            (where != "repository", path if where != "repository" else "", int(number or 0))
        )
    assert keys == sorted(keys)
    assert (
        verdict
        == f"{len(lines)} open finding(s); readiness {result.score:g}/100; Not ready; no gate"
    )


def test_text_summary_continues_with_the_listing_unwrapped_and_ends_with_the_gate(
    audited, tmp_path: Path
) -> None:
    repo, _, result = audited
    code, output = invoke("audit", str(repo), "--format", "json", "-o", str(tmp_path / "r.json"),
                          "--fail-under", "99")  # fmt: skip
    assert code == 1
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("All findings ("))
    listed = [line for line in lines[start + 1 :] if LINE.match(line)]
    assert len(listed) == sum(open_count(result).values())
    longest = max(listed, key=len)
    assert len(longest) > 100  # not hard-wrapped at 80 (or 100) columns when piped
    assert lines[-3].startswith(f"Readiness {result.score:g}/100  Not ready")
    assert lines[-2:] == ["Gate failed:", f"  - score {result.score:g} is below --fail-under 99"]


def test_statistics_count_findings_per_rule_instead_of_listing_them(audited) -> None:
    repo, _, result = audited
    code, output = invoke("audit", str(repo), "--format", "json", "-o", os.devnull, "--statistics")
    assert code == 0 and "All findings" not in output
    rows = re.findall(r"^\s+(\d+)  ([A-Z]+-\d{3})\s+(\w+)\s+(.+)$", output, re.MULTILINE)
    assert {rule: int(count) for count, rule, _, _ in rows} == open_count(result)
    counts = [int(count) for count, *_ in rows]
    assert counts == sorted(counts, reverse=True)


def test_lines_wrap_to_the_terminal_with_a_hanging_indent(audited) -> None:
    import pty

    _, report, _ = audited
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "72", "NO_COLOR": "1"}
    done = subprocess.Popen(
        [sys.executable, "-m", "prodready", "report", str(report), "--format", "text"],
        stdout=follower, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert done.wait(timeout=60) == 0
    shown = re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 72
    start = next(i for i, line in enumerate(lines) if line.startswith("All findings ("))
    listing = lines[start + 1 : lines.index("", start + 1)]
    continued = [line for line in listing if not HEAD.match(line)]
    assert continued and all(line.startswith("    ") for line in continued)
    # nothing is lost or broken mid-word: rejoined, the listing is the concise one
    joined = " ".join(line.strip() for line in listing)
    _, concise = invoke("report", str(report), "--format", "concise")
    assert joined == " ".join(concise.splitlines()[:-1])


@pytest.mark.parametrize(
    ("flag", "env", "coloured"),
    [
        ("always", {}, True),
        ("always", {"NO_COLOR": "1"}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {}, False),  # not a terminal
        ("auto", {"FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_follows_the_flag_then_the_environment(
    audited, flag: str, env: dict[str, str], coloured: bool
) -> None:
    _, report, _ = audited
    base = {"NO_COLOR": "", "FORCE_COLOR": ""}
    environment = {key: value for key, value in {**base, **env}.items()}
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = run("report", str(report), "--format", "text", "--color", flag,
               env={**clean, **{k: v for k, v in environment.items() if v}})  # fmt: skip
    assert done.returncode == 0
    assert ("\x1b[" in done.stdout) is coloured
    if coloured:  # the band and severities carry their colours
        assert "\x1b[1;31mNot ready" in done.stdout and "\x1b[36mLOW" in done.stdout


def test_compare_delta_and_changed_scope_appear_in_the_terminal(audited, tmp_path: Path) -> None:
    repo, report, result = audited
    (repo / "extra.py").write_text("import pickle\nX = pickle.loads(b'')\n", encoding="utf-8")
    git(repo, "add", "extra.py")
    git(repo, "commit", "-qm", "extra")
    code, output = invoke("audit", str(repo), "--format", "json", "-o", str(tmp_path / "n.json"),
                          "--compare", str(report), "--changed-since", "HEAD~1")  # fmt: skip
    assert code == 0, output
    assert "Findings limited to the 1 file(s) changed since HEAD~1" in output
    delta = [line for line in output.splitlines() if line.startswith("Since ")]
    assert (
        len(delta) == 1 and f"score {result.score:g}/100 -> " in delta[0] and " new, " in delta[0]
    )
    lines = output.splitlines()
    listed = lines.index(delta[0]) - 1
    start = next(i for i, line in enumerate(lines) if line.startswith("All findings ("))
    assert any(line.startswith("extra.py:2: ") and "SEC-001" in line for line in lines[start:])
    assert start < listed  # the delta is part of the verdict, after the listing


def test_outputs_take_their_format_from_the_name_and_never_share_a_file(
    audited, tmp_path: Path
) -> None:
    _, report, _ = audited
    html = tmp_path / "readiness.html"
    code, _ = invoke("report", str(report), "-o", str(html), "-o", str(tmp_path / "r.sarif"))
    assert code == 0 and html.read_text(encoding="utf-8").lower().startswith("<!doctype html")
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    code, _ = invoke("report", str(report), "--format", "github", "--format", "text",
                     "--output-dir", str(tmp_path / "out"))  # fmt: skip
    assert code == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "poc.github.txt", "poc.txt",
    ]  # fmt: skip
    for args, said in (
        (["--format", "html", "-o", "x.json"], "x.json: the name asks for json, not --format html"),
        (["-o", "x.out"], "x.out: cannot tell the format from the file name; add --format"),
        (["--format", "text", "--format", "github", "-o", "a.txt", "-o", "a.txt"],
         "a.txt: both --format text and --format github would write it"),
    ):  # fmt: skip
        done = run("report", str(report), *args, cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.strip() == f"prodready: error: {said}"
        assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(("threshold", "code"), [("99", 1), ("0", 0)])
def test_a_closed_pipe_exits_quietly_with_the_gates_code(
    audited, threshold: str, code: int
) -> None:
    repo, _, _ = audited
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written, like `| head -0`
    done = subprocess.run(
        [sys.executable, "-m", "prodready", "audit", str(repo), "--format", "json",
         "-o", os.devnull, "--fail-under", threshold],
        stdout=writer, stderr=subprocess.PIPE, text=True, timeout=120,
    )  # fmt: skip
    os.close(writer)
    assert done.returncode == code and done.stderr == ""


def test_bare_prodready_prints_help_with_examples_and_exit_codes() -> None:
    code, output = invoke()
    assert code == 0 and output.startswith("Usage: prodready")
    assert "Examples:" in output and "Exit codes:" in output and "_PRODREADY_COMPLETE" in output
    assert "Audit the repository at PATH and write its readiness reports." in " ".join(
        output.split()
    )  # summaries are never cut off
    code, output = invoke("audit", "--help")
    assert code == 0 and "Exit codes:" in output and "Examples:" in output
    code, output = invoke("-V")
    assert code == 0 and output.startswith("prodready, version ")


def test_shell_completion_script_is_served() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from prodready.cli import main; main()"],
        env={**os.environ, "_PRODREADY_COMPLETE": "bash_source"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "_prodready_completion" in done.stdout


def test_explain_a_prefix_or_category_lists_its_rules() -> None:
    from prodready.engine.registry import discover

    security = sorted(r.meta.id for r in discover().sorted() if r.meta.id.startswith("SEC-"))
    for selector in ("SEC", "sec", "security"):
        code, output = invoke("explain", selector)
        assert code == 0
        assert re.findall(r"^(SEC-\d{3}) ", output, re.MULTILINE) == security


def test_report_text_prints_and_writes_nothing(audited, tmp_path: Path) -> None:
    _, report, result = audited
    done = run("report", str(report), "--format", "text", cwd=tmp_path)
    assert done.returncode == 0 and "All findings (" in done.stdout
    assert done.stdout.splitlines()[-2].startswith(f"Readiness {result.score:g}/100")
    assert done.stdout.splitlines()[-1].startswith("no gate set")
    assert list(tmp_path.iterdir()) == []


def test_the_version_answers_without_loading_click_and_says_what_click_says() -> None:
    probe = (
        "import sys; sys.argv = ['prodready', '--version']; from prodready.entry import main; "
        "main(); print('click' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    fast, loaded = done.stdout.splitlines()
    assert loaded == "False"
    code, output = invoke("--version")  # click's own version option
    assert code == 0 and output.strip() == fast
