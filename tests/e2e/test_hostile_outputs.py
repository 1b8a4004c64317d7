"""No injection into any output: repository text is inert in Markdown, the terminal, XML,
SARIF, HTML and the generated checklist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from prodready.audit import run_audit
from prodready.config import Settings
from tests.e2e.hostile import run_cli, small_repo

NAMES = [
    "esc\x1b]0;pwned\x07\x1b[2J.py",  # window title, clear screen
    "markup[/]and[link=file:x]y[/link].py",  # rich markup (folders "markup[" and "]and...")
    "tick`` ![pixel](t.png) @alice #7?q=1%41.py",  # Markdown, mention, URI
    "line\n## 100-100 Ready\n.py",  # a heading smuggled by a newline
    "ctl\x01\x0bname.py",  # characters XML 1.0 forbids
]


def _hostile_repo(root: Path) -> Path:
    for name in NAMES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("result = eval(input())\n", encoding="utf-8")
    (root / "CODEOWNERS").write_text(
        "* @org/team ![x](https://t.example/x.png)\n", encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = _hostile_repo(tmp_path_factory.mktemp("hostile"))
    result = run_audit(root, Settings(cache=False))
    assert {f.location.path for r in result.results for f in r.findings} >= set(NAMES)
    return result


def test_markdown_carries_no_image_link_heading_or_mention(hostile_result) -> None:  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    from prodready.report import render

    text = render(hostile_result, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert "image" not in kinds and "link_open" not in kinds, kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all("100-100" not in heading for heading in headings), headings
    assert "@alice" not in text and "@org/team" not in text
    assert "@\u200balice" in text


def test_terminal_prints_repo_text_plainly(hostile_result) -> None:  # type: ignore[no-untyped-def]
    import io

    from rich.console import Console

    from prodready.report.terminal import print_summary

    out = io.StringIO()
    print_summary(hostile_result, Console(file=out, width=300, color_system=None), top=40)
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed
    assert "\\x1b]0;pwned\\x07" in printed  # visible, not interpreted
    assert "markup[/]and[link=file:x]y[/link].py" in printed  # shown, not markup


@pytest.mark.parametrize("format_name", ["junit", "sarif"])
def test_xml_and_sarif_reports_are_well_formed(hostile_result, format_name: str) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    from prodready.report import render

    text = render(hostile_result, format_name)
    if format_name == "junit":
        ElementTree.fromstring(text.encode())
        return
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(text)["runs"]
        for res in run["results"]
        for loc in res.get("locations", [])
    }
    assert "tick%60%60%20%21%5Bpixel%5D%28t.png%29%20%40alice%20%237%3Fq%3D1%2541.py" in uris
    assert not any(set(uri) & set("#? \n\x1b") for uri in uris), uris


@pytest.mark.parametrize("format_name", ["svg", "graphml"])
def test_graph_exports_are_well_formed_xml(tmp_path: Path, format_name: str) -> None:
    from xml.etree import ElementTree

    from prodready.graph import build_graph
    from prodready.graph.export import render
    from prodready.scanners import ScanOptions, collect

    root = _hostile_repo(tmp_path)
    (root / "main.py").write_text("import ctl\x01\x0bname\n", encoding="utf-8")
    (root / "ctl\x01\x0bname.py").write_text("import os\n", encoding="utf-8")
    text = render(build_graph(collect(root, ScanOptions(use_cache=False))), format_name, "t\x01")
    ElementTree.fromstring(text.encode())
    assert "ctl\\x01\\x0bname" in text


def test_github_annotations_carry_no_control_characters(hostile_result) -> None:  # type: ignore[no-untyped-def]
    from prodready.report import render

    text = render(hostile_result, "github")
    assert "\x1b" not in text and "\x07" not in text and "\x01" not in text
    lines = text.splitlines()
    assert all(line.startswith("::") for line in lines), lines  # no command smuggled by a newline


def test_html_of_a_crafted_report_runs_no_script_and_links_only_http(hostile_result) -> None:  # type: ignore[no-untyped-def]
    from prodready.models import AuditResult
    from prodready.report import render

    data = json.loads(hostile_result.model_dump_json())
    data["graph"] = data.get("graph") or {}
    data["graph"]["svg"] = (
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script>"
        "<g onload='alert(2)'><a href='javascript:alert(3)'><text>x</text></a></g>"
        "<foreignObject><iframe src='https://evil.example'/></foreignObject>"
        "<rect width='1' fill='url(https://evil.example/x)'/><text>kept</text></svg>"
    )
    crafted = AuditResult.model_validate(data)
    if crafted.rubric is not None:
        crafted = crafted.model_copy(
            update={
                "rubric": crafted.rubric.model_copy(update={"reference": "javascript:alert(4)"})
            }
        )
    html = render(crafted, "html")
    for payload in ("alert(1)", "alert(2)", "alert(3)", "alert(4)", "evil.example", "<script>a"):
        assert payload not in html, payload
    assert "kept" in html


def test_init_writes_repo_values_on_one_line_each(tmp_path: Path) -> None:
    from prodready.checklist.init import render_checklist
    from prodready.scanners import ScanOptions, collect

    stage = "train\nsettings: {ignore: [SEC, DATA]}\n#"
    (tmp_path / "dvc.yaml").write_text(
        yaml.safe_dump({"stages": {stage: {"cmd": "python train.py"}}}), encoding="utf-8"
    )
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "latency.json").write_text(
        json.dumps({"p95_ms\nsettings: {ignore: [CHK]}": 12}), encoding="utf-8"
    )
    text = render_checklist(collect(tmp_path, ScanOptions(use_cache=False)), "x\ny: 1")
    document = yaml.safe_load(text)
    assert "settings" not in document and "y" not in document
    assert not any(line.startswith("settings") for line in text.splitlines())


def test_contracts_text_shows_control_characters_visibly(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    (repo / "c.odcs.yaml").write_text(
        'apiVersion: v3.0.2\nkind: DataContract\nid: x\nname: "t\\e]0;pwned\\a\\e[2J"\n'
        'schema:\n  - name: "s\\e[2J"\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("contracts", str(repo), "--no-cache")
    assert code in (0, 1), err
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out
