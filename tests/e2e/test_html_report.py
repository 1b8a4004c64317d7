"""The HTML report: content from the result model, escaping, no network, rendering from JSON."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prodready.models import AuditResult
from tests.e2e.test_audit_cli import run_cli


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        self.urls += [
            value for key, value in attrs if key in ("src", "href", "xlink:href") and value
        ]
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def audit_html(repo: Path, tmp_path: Path, *extra: str) -> tuple[str, _Collector, AuditResult]:
    html, result_json = tmp_path / "r.html", tmp_path / "r.json"
    done = run_cli(
        "audit",
        str(repo),
        "--format",
        "html",
        "-o",
        str(html),
        "--format",
        "json",
        "-o",
        str(result_json),
        *extra,
    )
    assert done.returncode == 0, done.stderr
    text = html.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(text)
    return text, parser, AuditResult.model_validate_json(result_json.read_text(encoding="utf-8"))


def _no_external_resources(text: str, parser: _Collector) -> None:
    external = [
        u
        for u in parser.urls
        if u.startswith(("http:", "https:", "//")) and not u.startswith("https://research.google")
    ]
    assert not external, external
    assert not re.search(
        r"""(src|href)\s*=\s*["']?(https?:)?//""", text.replace('href="https://research.google', "")
    )
    assert "@import" not in text and "url(http" not in text


def test_prepared_example_report(example_repo, tmp_path: Path) -> None:
    text, parser, result = audit_html(example_repo("fraud-detection"), tmp_path)
    visible = " ".join(parser.text)
    assert f"{result.score:g}" in visible and "Ready" in visible
    for rule in result.results:
        if rule.findings:
            assert any(identifier.startswith(f"{rule.rule_id}-") for identifier in parser.ids), (
                rule.rule_id
            )
    assert "Dana Lee" in visible and "Raj Patel" in visible and "Awaiting decision" in visible
    assert "latency.p99_ms" in visible and "Contradicted" in visible
    assert result.repo.commit and result.repo.commit in visible
    assert (
        "Scoring profile: default" in visible
        and result.scoring is not None
        and result.scoring.ready_at == 80
    )
    _no_external_resources(text, parser)


def test_poc_report_lists_every_finding(example_repo, tmp_path: Path) -> None:
    text, parser, result = audit_html(example_repo("churn-notebook-poc"), tmp_path)
    visible = " ".join(parser.text)
    assert "Not ready" in visible and "Claimed, no evidence" in visible and "Missing" in visible
    for finding in result.findings():
        assert finding.message.split("`")[0][:30] in visible
    _no_external_resources(text, parser)


def test_hostile_checklist_text_is_escaped(example_repo, tmp_path: Path) -> None:
    repo = example_repo("fraud-detection")
    checklist = (repo / "prodready.yaml").read_text(encoding="utf-8")
    hostile = checklist.replace(
        "name: Dana Lee", 'name: "<script>alert(1)</script><img src=x onerror=alert(2)>"'
    )
    (repo / "prodready.yaml").write_text(hostile, encoding="utf-8")
    (repo / "<em onclick=x>odd.py").write_text(
        "import yaml\nyaml.load(open('x'))\n", encoding="utf-8"
    )
    text, parser, _ = audit_html(repo, tmp_path)
    assert "<script>alert(1)</script>" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;em onclick=x&gt;odd.py" in text and "<em onclick" not in text
    assert parser.scripts == 1  # only prodready's own inline script


def test_render_from_saved_json_and_compare(example_repo, tmp_path: Path) -> None:
    repo = example_repo("churn-notebook-poc")
    old = tmp_path / "old.json"
    assert run_cli("audit", str(repo), "--format", "json", "-o", str(old)).returncode == 0
    (repo / "new.py").write_text("x = eval(input())\n", encoding="utf-8")
    new = tmp_path / "new.json"
    assert (
        run_cli(
            "audit", str(repo), "--format", "json", "-o", str(new), "--compare", str(old)
        ).returncode
        == 0
    )
    html = tmp_path / "from-json.html"
    done = run_cli("report", str(new), "--format", "html", "-o", str(html))
    assert done.returncode == 0, done.stderr
    text = html.read_text(encoding="utf-8")
    assert "Since the last review" in text and "SEC-003" in text
    markdown = run_cli("report", str(new), "--format", "markdown", "-o", "-").stdout
    assert "### New findings" in markdown and "`SEC-003` `new.py:1`" in markdown
    assert len(markdown) < 60_000
    diff = run_cli("diff", str(old), str(new))
    assert "1 new" in diff.stdout.replace("2 new", "1 new") and "SEC-003" in diff.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0"}', encoding="utf-8")
    refused = run_cli("report", str(bad))
    assert refused.returncode == 2 and "not a prodready JSON report" in refused.stderr


def test_markdown_stays_under_the_limit() -> None:
    from prodready.models import Category, Finding, Location, RuleResult, Severity, Status
    from prodready.report.markdown import MAX_CHARS, render
    from tests.unit.test_scoring_and_gate import _audit

    findings = [
        Finding(
            rule_id="A-001",
            category=Category.SECURITY,
            severity=Severity.HIGH,
            message="x" * 200,
            location=Location(path=f"f{i}.py", line=1),
            remediation="r",
            fingerprint=str(i),
        )
        for i in range(5000)
    ]
    rules = [
        RuleResult(
            rule_id=f"A-{n:03d}",
            title="t",
            category=Category.SECURITY,
            severity=Severity.HIGH,
            status=Status.FAIL,
            findings=findings[n * 10 : n * 10 + 10],
        )
        for n in range(500)
    ]
    text = render(_audit(rules, 10.0))
    assert len(text) < MAX_CHARS and "more lines left out" in text


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.browser
@pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (Debian package 'chromium'); .ci/run installs it"
)
def test_report_renders_in_a_real_browser_and_prints_to_pdf(example_repo, tmp_path: Path) -> None:
    _, _, result = audit_html(example_repo("fraud-detection"), tmp_path)
    page = (tmp_path / "r.html").as_uri()
    profile = tmp_path / "profile"

    def chromium(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "HOME": str(tmp_path)}
        command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    dom = chromium("--dump-dom")
    assert 'id="score"' in dom.stdout and f"{result.score:g}" in dom.stdout
    shot = tmp_path / "shot.png"
    chromium("--window-size=1280,1600", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert (
        data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    )  # a blank page compresses to a few KB
    pdf = tmp_path / "report.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    pages = pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
    assert pdf.stat().st_size > 10_000 and pages > 1
