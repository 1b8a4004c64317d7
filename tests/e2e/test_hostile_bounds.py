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
from tests.e2e.hostile import run_cli, sample_of, small_repo

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
    from prodready import cli, gate

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("prodready.audit.run_audit", boom)
    with pytest.raises(SystemExit) as done:
        cli.main(["audit", ".", "-q", "--no-cache", "--format", "json", "-o", "-"])
    assert done.value.code == gate.EXIT_INTERNAL == 3


@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "(x+x+)+y"])
def test_catastrophic_patterns_run_in_linear_time(tmp_path: Path, pattern: str) -> None:
    import time

    (tmp_path / "data.csv").write_text("order_id\n" + ("a" * 40 + "!\n") * 50, encoding="utf-8")
    started = time.monotonic()
    sample = sample_of(tmp_path, "data.csv", pattern=pattern)
    assert time.monotonic() - started < 10
    checks = {test.check: test for test in sample.tests}
    assert checks["pattern"].status == Status.FAIL and checks["pattern"].failed == 50
    assert checks["quality:invalidValues"].status == Status.FAIL


@pytest.mark.parametrize("pattern", [r"^(a)\1$", "^(?=a)a$", "(?<!x)a"])
def test_patterns_a_linear_engine_cannot_run_are_unknown(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "data.csv").write_text("order_id\naa\n", encoding="utf-8")
    checks = {test.check: test for test in sample_of(tmp_path, "data.csv", pattern=pattern).tests}
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
    sample = sample_of(tmp_path, name, limit=100_000)
    assert sample.error is None, sample.error
    assert (
        sample.sampled and sample.sampled.startswith("first ") and "rows tested" in sample.sampled
    )
    assert 0 < sample.rows <= 25_000


def test_small_compressed_sample_is_read_whole(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "orders.csv.gz", "wb") as handle:
        handle.write(b"order_id\no-1\no-2\n")
    sample = sample_of(tmp_path, "orders.csv.gz")
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
    sample = sample_of(tmp_path, "orders.parquet", fmt="parquet")
    assert sample.rows == MAX_ROWS
    assert sample.sampled and f"first {MAX_ROWS} of {rows} rows tested" in sample.sampled


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
    repo = small_repo(tmp_path / "repo")
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe{bad")
    (tmp_path / "bad.yaml").write_bytes(b"a: \xff\n")
    names = {
        "json": str(tmp_path / "bad.json"),
        "yaml": str(tmp_path / "bad.yaml"),
        "repo": str(repo),
    }
    extra = ["-q", "--no-cache", "--format", "json", "-o", "-"] if args[0] == "audit" else []
    code, _, err = run_cli(*(arg.format(**names) for arg in args), *extra)
    assert code == 2, err
    assert err.count("\n") == 1 and "UTF-8" in err, err


@pytest.mark.parametrize("value", ["5", "[]", '{"imports": 5}', "not json", '{"lines": "x"}'])
def test_a_cache_value_of_the_wrong_shape_is_a_miss(tmp_path: Path, value: str) -> None:
    import sqlite3

    repo = small_repo(tmp_path / "repo")
    first = run_audit(repo, Settings())
    database = repo / ".prodready" / "cache" / "facts.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE facts SET value = ? WHERE key LIKE '%python%'", (value,))
        connection.execute("DELETE FROM facts WHERE key NOT LIKE '%python%'")  # no memo
    again = run_audit(repo, Settings())
    assert again.facts.python_files == first.facts.python_files == 1
    assert all(r.status != Status.ERROR for r in again.results)
