"""The HTML report as printed and shown by a real Chromium: page 1, length, page numbers, graph.

A synthetic repository from the benchmark's generator stands in for a large real one, at a
size that keeps the module under a minute; the per-rule caps are what bound the length, so
the 3,000-module tree prints to about the same number of pages.
"""

from __future__ import annotations

import html
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from prodready.models import AuditResult
from tests.e2e.test_audit_cli import run_cli
from tests.e2e.test_html_report import CHROMIUM, CHROMIUM_FLAGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="needs Chromium (Debian package 'chromium'); .ci/run installs it"
    ),
]
BENCH = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
PRINT_WIDTH = 688  # CSS px across A4 (210 mm) less the report's 14 mm margins
BODY_PRINT_PX = 10 * 96 / 72  # the report's print body size, 10 pt


def chromium(page: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={home / 'profile'}", *args]
    return subprocess.run(
        [*command, page.as_uri()], capture_output=True, text=True, timeout=180, env=env
    )  # type: ignore[list-item]


def pdf_pages(html_file: Path, home: Path) -> list[str]:
    from pypdf import PdfReader

    pdf = home / "report.pdf"
    chromium(html_file, home, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    pages = PdfReader(io.BytesIO(pdf.read_bytes())).pages
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in pages]


def audit(repo: Path, out: Path) -> AuditResult:
    report, result = out / "r.html", out / "r.json"
    done = run_cli(
        "audit", str(repo), "--format", "html", "-o", str(report),
        "--format", "json", "-o", str(result), "-q", "--jobs", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return AuditResult.model_validate_json(result.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AuditResult]:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH)
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = generator  # dataclasses look their module up
    spec.loader.exec_module(generator)
    out = tmp_path_factory.mktemp("large")
    generator.generate(out / "repo", generator.Params(modules=1200, commits=120))
    return out, audit(out / "repo", out)


def test_page_one_holds_the_decision_commit_and_open_items(example_repo, tmp_path: Path) -> None:
    result = audit(example_repo("fraud-detection"), tmp_path)
    pages = pdf_pages(tmp_path / "r.html", tmp_path)
    first = pages[0]
    assert result.band.value == "ready"
    assert "Go with conditions" in first  # open medium items: never a bare "Go"
    assert result.repo.commit and result.repo.commit[:12] in first
    failed = [r for r in result.results if r.status.value == "fail"]
    assert failed and all(r.rule_id in first for r in failed)
    assert all(r.message.split("`")[0][:20] in first for r in failed)  # what failed, not the title
    assert "Sign-off" in first and "Raj Patel" in first and "Page 1 of" in first
    assert f"{result.score:g}" in first


def test_large_repository_prints_to_at_most_40_numbered_pages(
    large: tuple[Path, AuditResult],
) -> None:
    out, result = large
    assert sum(len(r.findings) for r in result.results) > 500  # many findings to bound
    pages = pdf_pages(out / "r.html", out)
    assert len(pages) <= 40
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert result.repo.commit and result.repo.commit[:12] in text  # the running header
    assert "more in the JSON/SARIF" in " ".join(pages)


def test_graph_labels_are_body_size_at_print_width(large: tuple[Path, AuditResult]) -> None:
    out, result = large
    assert result.graph and result.graph.collapsed  # a large repo: the package-level view
    page = out / "measure.html"
    text = (out / "r.html").read_text(encoding="utf-8").replace("@media print {", "@media all {")
    probe = """<script>
var svg = document.querySelector("figure.graph svg"), box = svg.getBoundingClientRect();
var scale = box.width / svg.viewBox.baseVal.width;
var sizes = Array.from(svg.querySelectorAll("text")).map(function (t) {
  return parseFloat(getComputedStyle(t).fontSize) * scale; });
document.body.setAttribute("data-measure", JSON.stringify({
  page: document.documentElement.clientWidth, wide: document.documentElement.scrollWidth,
  width: box.width, height: box.height,
  smallest: Math.min.apply(null, sizes), body: parseFloat(getComputedStyle(document.body).fontSize)}));
</script></body>"""
    page.write_text(text.replace("</body>", probe), encoding="utf-8")
    dom = chromium(
        page, out, "--hide-scrollbars", f"--window-size={PRINT_WIDTH},1000", "--dump-dom"
    )
    found = re.search(r'data-measure="([^"]+)"', dom.stdout)
    assert found, dom.stderr[-500:]
    measure = json.loads(html.unescape(found.group(1)))
    assert measure["page"] <= PRINT_WIDTH and abs(measure["body"] - BODY_PRINT_PX) < 0.5
    assert measure["wide"] <= measure["page"]  # nothing overflows: Chromium would shrink every page
    assert 1 / 4 <= measure["height"] / measure["width"] <= 4
    assert measure["smallest"] >= measure["body"] - 0.01
