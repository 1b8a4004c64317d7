"""A hostile repository gets bounded work: every oversized or wrong-shaped file is a finding
on that file, the rest of the audit goes on, and nothing hangs, exhausts memory or crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from prodready.audit import run_audit
from prodready.config import Settings
from prodready.loaders import (
    ALIAS_BUDGET,
    InputLimitError,
    compose_yaml,
    load_json_text,
    load_toml_text,
    load_yaml_documents,
    load_yaml_text,
)
from prodready.models import Status

# 9 levels of 10 references: about 600 bytes that expand to a billion nodes
BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)
MERGE_BOMB = (
    "a: &a {"
    + ", ".join(f"k{i}: {i}" for i in range(10))
    + "}\n"
    + "".join(
        f"l{i}: &l{i}\n"
        + "".join(f"  k{j}: *{'a' if i == 0 else f'l{i - 1}'}\n" for j in range(10))
        for i in range(8)
    )
)
DEEP = 100_000
BIG = "9" * 5000


def _notebook(cells: object) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _code_cell(source: object) -> dict[str, object]:
    return {"cell_type": "code", "source": source, "outputs": [], "metadata": {}}


@pytest.mark.parametrize(
    "text",
    [BOMB, MERGE_BOMB, "a: &a [*a]\n", "[" * DEEP + "]" * DEEP, "a: " + BIG + "\n"],
    ids=["alias-bomb", "merge-key-bomb", "recursive-alias", "deep-flow", "long-integer"],
)
def test_yaml_loader_refuses_unbounded_documents(text: str) -> None:
    for load in (load_yaml_text, load_yaml_documents):
        with pytest.raises(yaml.YAMLError):
            load(text)
    if "9999" not in text:  # composing (for line numbers) builds no integers
        with pytest.raises(yaml.YAMLError):
            compose_yaml(text)


def test_yaml_loader_keeps_ordinary_aliases() -> None:
    text = "defaults: &d {image: python, retries: 2}\njob: {<<: *d, script: [pytest]}\n"
    assert load_yaml_text(text)["job"] == {"image": "python", "retries": 2, "script": ["pytest"]}
    shared = "a: &a [" + ",".join(["x"] * 1000) + "]\n" + "b: [" + ",".join(["*a"] * 90) + "]\n"
    assert len(load_yaml_text(shared)["b"]) == 90  # 90,000 expanded nodes: within the budget
    over = "a: &a [" + ",".join(["x"] * 1000) + "]\n" + "b: [" + ",".join(["*a"] * 110) + "]\n"
    with pytest.raises(yaml.YAMLError, match=f"{ALIAS_BUDGET:,}"):
        load_yaml_text(over)


def test_yaml_dates_stay_text_and_nesting_within_the_limit_loads() -> None:
    assert load_yaml_text("when: 2026-01-02\n") == {"when": "2026-01-02"}
    assert load_yaml_text("a: " + "[" * 90 + "]" * 90)["a"] is not None


@pytest.mark.parametrize(
    ("load", "text"),
    [
        (load_json_text, "[" * DEEP + "]" * DEEP),
        (load_json_text, "[" * 150 + "]" * 150),  # parses, but deeper than readers recurse
        (load_json_text, '{"auc": ' + BIG + "}"),
        (load_toml_text, "a = " + "[" * DEEP + "]" * DEEP),
        (load_toml_text, "a = " + BIG),
        (load_toml_text, "a = " + "{b = " * 120 + "1" + "}" * 120),
    ],
    ids=["json-deep", "json-150", "json-long-int", "toml-deep", "toml-long-int", "toml-tables"],
)
def test_json_and_toml_loaders_raise_one_error_type(load, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputLimitError):
        load(text)


CASES: dict[str, tuple[dict[str, str], str, str]] = {
    # name: (files, path of the finding, words of the message)
    "bomb-checklist": ({"prodready.yaml": BOMB}, "prodready.yaml", "aliases expand"),
    "bomb-conda": ({"environment.yml": BOMB}, "environment.yml", "aliases expand"),
    "bomb-workflow": ({".github/workflows/ci.yml": BOMB}, "ci.yml", "aliases expand"),
    "bomb-params": ({"params.yaml": BOMB}, "params.yaml", "aliases expand"),
    "bomb-merge-keys": ({"config.yaml": MERGE_BOMB}, "config.yaml", "aliases expand"),
    "bomb-contract": (
        {"contracts/x.odcs.yaml": "apiVersion: v3.0.2\nkind: DataContract\n" + BOMB},
        "x.odcs.yaml",
        "aliases expand",
    ),
    "recursive-alias": ({"params.yaml": "a: &a [*a]\n"}, "params.yaml", "contains it"),
    "deep-json": ({"metrics.json": "[" * DEEP + "]" * DEEP}, "metrics.json", "nested deeper"),
    "deep-yaml": ({"params.yaml": "[" * DEEP + "]" * DEEP}, "params.yaml", "nested deeper"),
    "deep-block-yaml": (
        {"config.yaml": "".join(" " * i + "a:\n" for i in range(3000))},
        "config.yaml",
        "nested deeper",
    ),
    "deep-toml": ({"pyproject.toml": "a = " + "[" * DEEP + "]" * DEEP}, "pyproject.toml", "nested"),
    "deep-notebook": ({"nb.ipynb": "[" * DEEP + "]" * DEEP}, "nb.ipynb", "nested deeper"),
    "deep-checklist": ({"prodready.yaml": "model: " + "[" * DEEP}, "prodready.yaml", "nested"),
    "long-int-json": ({"metrics.json": '{"auc": ' + BIG + "}"}, "metrics.json", "4,300 digits"),
    "long-int-toml": ({"pyproject.toml": "[tool.x]\na = " + BIG}, "pyproject.toml", "4,300"),
    "long-int-yaml": ({"params.yaml": "a: " + BIG}, "params.yaml", "4,300 digits"),
    "long-int-notebook": (
        {"nb.ipynb": '{"cells": [], "nbformat": ' + BIG + "}"},
        "nb.ipynb",
        "4,300 digits",
    ),
    "long-int-checklist": (
        {"prodready.yaml": "baseline:\n  value: " + BIG + "\n"},
        "prodready.yaml",
        "4,300 digits",
    ),
    "pre-commit-repos-5": ({".pre-commit-config.yaml": "repos: 5\n"}, ".pre-commit", "repos"),
    "pre-commit-repos-ints": (
        {".pre-commit-config.yaml": "repos: [5, 6]\n"},
        ".pre-commit",
        "is an integer, expected a table",
    ),
    "pre-commit-hooks-5": (
        {".pre-commit-config.yaml": "repos:\n- repo: x\n  hooks: 5\n"},
        ".pre-commit",
        "repos[0].hooks is an integer, expected a list",
    ),
    "dvc-outs-5": (
        {"dvc.yaml": "stages:\n  train:\n    cmd: python t.py\n    outs: 5\n"},
        "dvc.yaml",
        "stages.train.outs is an integer, expected a list",
    ),
    "dvc-file-outs-ints": ({"data.dvc": "outs: [5]\n"}, "data.dvc", "outs[0] is an integer"),
    "conda-dependencies-5": ({"environment.yml": "dependencies: 5\n"}, "environment.yml", "list"),
    "conda-pip-5": (
        {"environment.yml": "dependencies:\n- numpy\n- pip: 5\n"},
        "environment.yml",
        "dependencies[1]",
    ),
    "pyproject-tool-5": ({"pyproject.toml": "tool = 5\n"}, "pyproject.toml", "tool is an integer"),
    "pyproject-project-str": (
        {"pyproject.toml": "project = 'x'\n"},
        "pyproject.toml",
        "project is a string, expected a table",
    ),
    "pyproject-dependencies-5": (
        {"pyproject.toml": "[project]\nname = 'x'\ndependencies = 5\n"},
        "pyproject.toml",
        "project.dependencies is an integer, expected a list",
    ),
    "pyproject-poetry-5": ({"pyproject.toml": "[tool]\npoetry = 5\n"}, "pyproject.toml", "poetry"),
    "pyproject-extras-5": (
        {"pyproject.toml": "[project]\nname = 'x'\noptional-dependencies = 5\n"},
        "pyproject.toml",
        "optional-dependencies",
    ),
    "pipfile-packages-5": ({"Pipfile": "packages = 5\n"}, "Pipfile", "packages is an integer"),
    "mlproject-entry-points-5": ({"MLproject": "entry_points: 5\n"}, "MLproject", "entry_points"),
    "notebook-source-ints": (
        {"nb.ipynb": _notebook([_code_cell([1, 2])])},
        "nb.ipynb",
        "source that is not text",
    ),
    "notebook-source-table": (
        {"nb.ipynb": _notebook([_code_cell({"a": 1})])},
        "nb.ipynb",
        "source that is not text",
    ),
}


def _findings(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{finding.location.path or ''} {finding.message}"
        for rule in result.results
        for finding in rule.findings
    ]


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_a_finding_and_the_audit_goes_on(tmp_path: Path, name: str) -> None:
    files, where, words = CASES[name]
    for path, text in {**files, "app.py": "import os\n"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    result = run_audit(tmp_path, Settings(cache=False))
    assert all(r.status != Status.ERROR for r in result.results), [
        f"{r.rule_id}: {r.message}" for r in result.results if r.status == Status.ERROR
    ]
    assert result.facts.python_files >= 1  # the rest of the repository was still read
    hits = [text for text in _findings(result) if where in text and words in text]
    assert hits, _findings(result)


def test_evidence_number_past_float_range_is_not_a_measurement(tmp_path: Path) -> None:
    (tmp_path / "prodready.yaml").write_text(
        "baseline:\n  metric: auc\n  value: 0.7\n  evidence: m.json#/auc\n", encoding="utf-8"
    )
    (tmp_path / "m.json").write_text('{"auc": ' + "9" * 4299 + "}", encoding="utf-8")
    result = run_audit(tmp_path, Settings(cache=False, kind="model_service"))
    assert all(r.status != Status.ERROR for r in result.results)
    said = [r.message for r in result.results if "m.json" in r.message] + _findings(result)
    assert any("m.json" in text and "number" in text for text in said), said


def test_an_internal_error_has_its_own_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from prodready import cli

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("prodready.audit.run_audit", boom)
    with pytest.raises(SystemExit) as done:
        cli.main(["audit", ".", "-q", "--no-cache", "--format", "json", "-o", "-"])
    assert done.value.code == cli.EXIT_INTERNAL == 3


CONTRACT = """\
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
servers:
  - server: local
    type: local
    path: {path}
    format: {format}
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        logicalTypeOptions: {{pattern: '{pattern}'}}
        quality:
          - metric: invalidValues
            arguments: {{pattern: '{pattern}'}}
            mustBe: 0
"""


def _sample_of(
    root: Path, path: str, fmt: str = "csv", pattern: str = "^o-[0-9]+$", limit=5_000_000
):  # type: ignore[no-untyped-def]
    from prodready.scanners import ScanOptions, collect

    (root / "orders.odcs.yaml").write_text(
        CONTRACT.format(path=path, format=fmt, pattern=pattern), encoding="utf-8"
    )
    facts = collect(root, ScanOptions(use_cache=False, max_text_bytes=limit)).contracts
    (item,) = (item for item in facts.files if item.samples)
    return item.samples[0]


@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "(x+x+)+y"])
def test_catastrophic_patterns_run_in_linear_time(tmp_path: Path, pattern: str) -> None:
    import time

    (tmp_path / "data.csv").write_text("order_id\n" + ("a" * 40 + "!\n") * 50, encoding="utf-8")
    started = time.monotonic()
    sample = _sample_of(tmp_path, "data.csv", pattern=pattern)
    assert time.monotonic() - started < 10
    checks = {test.check: test for test in sample.tests}
    assert checks["pattern"].status == Status.FAIL and checks["pattern"].failed == 50
    assert checks["quality:invalidValues"].status == Status.FAIL


@pytest.mark.parametrize("pattern", [r"^(a)\1$", "^(?=a)a$", "(?<!x)a"])
def test_patterns_a_linear_engine_cannot_run_are_unknown(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "data.csv").write_text("order_id\naa\n", encoding="utf-8")
    checks = {test.check: test for test in _sample_of(tmp_path, "data.csv", pattern=pattern).tests}
    assert checks["pattern"].status == Status.UNKNOWN, checks["pattern"].message
    assert "linear-time" in checks["pattern"].message
    assert checks["quality:invalidValues"].status == Status.UNKNOWN


@pytest.mark.parametrize("module", ["gzip", "bz2", "lzma"])
def test_compressed_samples_are_inflated_only_to_the_limit(tmp_path: Path, module: str) -> None:
    import importlib

    name = f"orders.csv.{ {'gzip': 'gz', 'bz2': 'bz2', 'lzma': 'xz'}[module] }"
    with importlib.import_module(module).open(tmp_path / name, "wb") as handle:
        handle.write(b"order_id\n")
        for _ in range(40):  # 20 MB inflated from a few kB
            handle.write(b"o-1\n" * 125_000)
    assert (tmp_path / name).stat().st_size < 200_000
    sample = _sample_of(tmp_path, name, limit=100_000)
    assert sample.error is None, sample.error
    assert (
        sample.sampled and sample.sampled.startswith("first ") and "rows tested" in sample.sampled
    )
    assert 0 < sample.rows <= 25_000


def test_small_compressed_sample_is_read_whole(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "orders.csv.gz", "wb") as handle:
        handle.write(b"order_id\no-1\no-2\n")
    sample = _sample_of(tmp_path, "orders.csv.gz")
    assert sample.error is None and sample.rows == 2 and sample.sampled is None


def test_parquet_of_many_dictionary_rows_is_decoded_only_to_the_row_limit(tmp_path: Path) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from prodready.contracts.readers import MAX_ROWS

    rows = 3 * MAX_ROWS
    column = pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, "int32")), pa.array(["o-1"]))
    pq.write_table(pa.table({"order_id": column}), tmp_path / "orders.parquet")
    assert (tmp_path / "orders.parquet").stat().st_size < 1_000_000  # under the byte limit
    sample = _sample_of(tmp_path, "orders.parquet", fmt="parquet")
    assert sample.rows == MAX_ROWS
    assert sample.sampled and f"first {MAX_ROWS} of {rows} rows tested" in sample.sampled


# ---- no injection into any output -------------------------------------------------------

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


# ---- secrets ------------------------------------------------------------------------------


# ---- output paths -------------------------------------------------------------------------


def _cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def _small_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text("import os\n", encoding="utf-8")
    return root


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    repo = _small_repo(tmp_path / "repo")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    code, _, err = _cli("audit", str(repo), "--no-cache", "-q", "--format", "json", "-o", str(fifo))
    reader.join(30)
    assert code in (0, 1), err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["repo"]["name"] == "repo"


def test_a_symlinked_output_outside_the_repo_is_followed_not_replaced(tmp_path: Path) -> None:
    import os

    repo = _small_repo(tmp_path / "repo")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(real, link)
    code, _, err = _cli("audit", str(repo), "--no-cache", "-q", "--format", "json", "-o", str(link))
    assert code in (0, 1), err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["repo"]["name"] == "repo"


def test_a_committed_reports_symlink_is_never_written_through(tmp_path: Path) -> None:
    import os

    repo = _small_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, repo / "reports")
    code, _, err = _cli("audit", ".", "--no-cache", "-q", cwd=repo)
    assert code == 2 and "symlink inside the audited repository" in err, err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("link", [".prodready", ".prodready/.gitignore", ".prodready/cache"])
def test_a_committed_cache_symlink_is_never_written_through(tmp_path: Path, link: str) -> None:
    import os

    repo = _small_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    target = outside if link != ".prodready/.gitignore" else outside / "excludes"  # dangling
    os.symlink(target, repo / link)
    code, _, err = _cli("audit", str(repo), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert code in (0, 1), err
    assert list(outside.iterdir()) == []


def test_outputs_are_written_all_or_none(tmp_path: Path) -> None:
    repo = _small_repo(tmp_path / "repo")
    first = tmp_path / "first.json"
    first.write_text("previous", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = _cli(
        "audit", str(repo), "--no-cache", "-q",
        "--format", "json", "-o", str(first),
        "--format", "html", "-o", str(blocker / "second.html"),
        "--format", "markdown", "-o", "-",
    )  # fmt: skip
    assert code == 2 and "second.html" in err, err
    assert first.read_text(encoding="utf-8") == "previous"
    assert out == ""  # nothing on stdout either
    assert not list(tmp_path.glob(".first.json.*.tmp"))


def test_write_all_writes_devices_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prodready.report import output

    seen: list[Path] = []
    monkeypatch.setattr(output, "_stage", lambda path, text: seen.append(path) or "")
    real_open = open
    written: dict[str, str] = {}

    class _Sink:
        def __init__(self, path: str) -> None:
            self.path = path

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def write(self, text: str) -> None:
            written[self.path] = text

    def fake_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        return _Sink(str(path)) if str(path) == "/dev/null" else real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    output.write_all([(Path("/dev/null"), "report")])
    assert seen == [] and written == {"/dev/null": "report"}  # never a temp file in /dev


TOKEN = "ghp_" + "A1b2C3d4E5" * 4  # the shape of a GitHub token, not a real one
FORMATS = ["json", "html", "markdown", "text", "sarif", "junit", "github"]


def _secret_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "train.py").write_text("import os\n", encoding="utf-8")
    (root / "metrics").mkdir()
    (root / "metrics" / "scores.json").write_text(json.dumps({"auc": TOKEN}), encoding="utf-8")
    (root / "prodready.yaml").write_text(
        f"model:\n  name: x\n  purpose: 'call with {TOKEN}'\n"
        "evaluation:\n  metrics:\n    - name: auc\n      value: 0.9\n"
        "      evidence: metrics/scores.json#/auc\n",
        encoding="utf-8",
    )
    return root


def test_a_secret_in_checklist_values_and_evidence_is_masked_everywhere(tmp_path: Path) -> None:
    repo = _secret_repo(tmp_path / "repo")
    out = tmp_path / "out"
    args = [a for f in FORMATS for a in ("--format", f, "-o", str(out / f"r.{f}"))]
    code, stdout, stderr = _cli("audit", str(repo), "--kind", "model_service", *args)
    assert code in (0, 1), stderr
    assert TOKEN not in stdout + stderr
    for name in FORMATS:
        assert TOKEN not in (out / f"r.{name}").read_text(encoding="utf-8"), name
    assert "<redacted github_token>" in (out / "r.json").read_text(encoding="utf-8")
    for stored in (repo / ".prodready").rglob("*"):  # the cache and memo
        if stored.is_file():
            assert TOKEN.encode() not in stored.read_bytes(), stored
    code, stdout, stderr = _cli("report", str(out / "r.json"), "--format", "text", "-o", "-")
    assert code == 0 and TOKEN not in stdout


def test_a_secret_in_a_saved_report_is_masked_when_rendered_again(tmp_path: Path) -> None:
    from prodready.models import AuditResult
    from prodready.report import render

    result = run_audit(_small_repo(tmp_path / "repo"), Settings(cache=False))
    data = json.loads(result.model_dump_json())
    data["band_reason"] = f"see {TOKEN}"
    crafted = AuditResult.model_validate(data)
    for name in FORMATS:
        assert TOKEN not in render(crafted, name), name


def test_a_secret_in_an_error_message_is_masked(tmp_path: Path) -> None:
    repo = _small_repo(tmp_path / "repo")
    (repo / "prodready.yaml").write_text(f"settings:\n  fail_under: '{TOKEN}'\n", encoding="utf-8")
    code, stdout, stderr = _cli("audit", str(repo), "--no-cache", "-q")
    assert code == 2 and "fail_under" in stderr
    assert TOKEN not in stdout + stderr


def test_a_secret_in_sample_data_examples_is_masked_before_it_is_shortened(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text(f"order_id\n{TOKEN}\n", encoding="utf-8")
    sample = _sample_of(tmp_path, "data.csv")
    failing = [test for test in sample.tests if test.examples]
    assert failing, sample.tests
    dumped = sample.model_dump_json()
    assert TOKEN[:20] not in dumped and "redacted github_token" in dumped


@pytest.mark.parametrize(
    "args",
    [
        ["report", "{json}"],
        ["diff", "{json}", "{json}"],
        ["audit", "{repo}", "--compare", "{json}"],
        ["audit", "{repo}", "--baseline", "{json}"],
        ["audit", "{repo}", "--profile", "{yaml}"],
    ],
    ids=["report", "diff", "compare", "baseline", "profile"],
)
def test_a_non_utf8_cli_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    repo = _small_repo(tmp_path / "repo")
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe{bad")
    (tmp_path / "bad.yaml").write_bytes(b"a: \xff\n")
    names = {
        "json": str(tmp_path / "bad.json"),
        "yaml": str(tmp_path / "bad.yaml"),
        "repo": str(repo),
    }
    extra = ["-q", "--no-cache", "--format", "json", "-o", "-"] if args[0] == "audit" else []
    code, _, err = _cli(*(arg.format(**names) for arg in args), *extra)
    assert code == 2, err
    assert err.count("\n") == 1 and "UTF-8" in err, err


def test_contracts_text_shows_control_characters_visibly(tmp_path: Path) -> None:
    repo = _small_repo(tmp_path / "repo")
    (repo / "c.odcs.yaml").write_text(
        'apiVersion: v3.0.2\nkind: DataContract\nid: x\nname: "t\\e]0;pwned\\a\\e[2J"\n'
        'schema:\n  - name: "s\\e[2J"\n',
        encoding="utf-8",
    )
    code, out, err = _cli("contracts", str(repo), "--no-cache")
    assert code in (0, 1), err
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out


@pytest.mark.parametrize("value", ["5", "[]", '{"imports": 5}', "not json", '{"lines": "x"}'])
def test_a_cache_value_of_the_wrong_shape_is_a_miss(tmp_path: Path, value: str) -> None:
    import sqlite3

    repo = _small_repo(tmp_path / "repo")
    first = run_audit(repo, Settings())
    database = repo / ".prodready" / "cache" / "facts.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE facts SET value = ? WHERE key LIKE '%python%'", (value,))
        connection.execute("DELETE FROM facts WHERE key NOT LIKE '%python%'")  # no memo
    again = run_audit(repo, Settings())
    assert again.facts.python_files == first.facts.python_files == 1
    assert all(r.status != Status.ERROR for r in again.results)
