"""Scanner facts: AST extraction, notebooks, configs and CI resolution, git history."""

from __future__ import annotations

import json
from pathlib import Path

from prodready.rules.test_suite.ci_chain import ci_test_runs
from prodready.scanners import ScanOptions, collect
from prodready.scanners.facts import NotebookFacts, PythonFacts, dump_facts, load_facts
from prodready.scanners.notebooks import analyze_notebook
from prodready.scanners.python_ast import analyze_python
from tests.conftest import make_git_repo


def test_calls_are_resolved_through_import_aliases() -> None:
    facts = analyze_python(
        "import numpy as np\nfrom sklearn.model_selection import train_test_split as tts\nimport yaml\n"
        "np.random.seed(42)\ntts(X, y, test_size=0.2)\ncfg = yaml.load(f, Loader=yaml.SafeLoader)\nmodel.eval()\n"
    )
    calls = {(c.name, c.line) for c in facts.calls}
    assert ("numpy.random.seed", 4) in calls
    assert ("sklearn.model_selection.train_test_split", 5) in calls
    assert ("model.eval", 7) in calls
    load = next(c for c in facts.calls if c.name == "yaml.load")
    assert load.kwargs == {"Loader": "yaml.SafeLoader"} and load.assigned


def test_facts_of_real_modules_survive_the_json_cache() -> None:
    """Every field of the facts of prodready's own modules (imports, calls, functions,
    patterns, features, leakage) comes back equal, tuples and enums included."""
    sources = sorted(Path(__file__).parents[2].joinpath("src", "prodready").rglob("*.py"))
    assert len(sources) > 100
    for source in sources:
        facts = analyze_python(source.read_text(encoding="utf-8"))
        assert load_facts(PythonFacts, dump_facts(facts)) == facts, source
    notebook = analyze_notebook(
        json.dumps({"cells": [{"cell_type": "code", "source": "%matplotlib inline\nimport x"}]})
    )
    assert notebook.magics and load_facts(NotebookFacts, dump_facts(notebook)) == notebook


def test_cached_calls_share_what_they_do_not_pass() -> None:
    """A call without keywords holds no dict of its own, nor a list of positionals: the bulk of
    a large repository's facts are such calls."""
    facts = load_facts(PythonFacts, dump_facts(analyze_python("f()\ng(1)\nh(x=2)\nk()\n")))
    bare = [call for call in facts.calls if not call.kwargs]
    assert [call.name for call in bare] == ["f", "g", "k"]
    assert len({id(call.kwargs) for call in bare}) == 1
    assert facts.calls[0].args is facts.calls[3].args == ()
    assert facts.calls[2].kwargs == {"x": "2"} and facts.calls[1].args == ("1",)


def test_a_lone_surrogate_in_a_literal_is_cached_not_a_crash(tmp_path: Path) -> None:
    """``"\\udc80"`` is valid Python whose string UTF-8 cannot carry."""
    source = 'FEATURES = ["\\udc80", "b"]\nprint("\\udc81")\n'
    facts = load_facts(PythonFacts, dump_facts(analyze_python(source)))
    assert facts.features.columns[0].values == ["?", "b"]
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "features.py").write_text(source, encoding="utf-8")
    collected = collect(repo, ScanOptions(cache_dir=tmp_path / "cache"))
    assert collected.python["features.py"].parse_error is None
    again = collect(repo, ScanOptions(cache_dir=tmp_path / "cache"))
    assert again.cache_hits == 1 and again.python == collected.python


def test_a_cached_fact_of_the_wrong_shape_is_refused() -> None:
    for payload in ('{"calls": [{"name": 3}]}', "[]", "not json", '{"lines": "many"}'):
        try:
            load_facts(PythonFacts, payload)
        except ValueError:
            continue
        raise AssertionError(f"accepted {payload}")


def test_patterns_and_metrics() -> None:
    source = (
        '"""Module."""\nimport pandas as pd\n\n'
        "def f(df):\n"
        "    df['a']['b'] = 1\n"
        "    path = pd.read_csv('/Users/maria/data.csv')\n"
        "    if df is None:\n        return 1\n    return 2\n"
        "# x = compute(1)\n# y = x + 2\n# print(y)\n"
        "API = 'AKIAABCDEFGHIJKLMNOP'\n"
    )
    facts = analyze_python(source)
    kinds = {(p.kind, p.line) for p in facts.patterns}
    assert ("chained_assignment", 5) in kinds and ("absolute_path", 6) in kinds
    assert facts.functions[0].complexity == 2
    assert facts.commented_code_blocks == [(10, 12)]
    assert [s.kind for s in facts.secrets] == ["aws_access_key_id"]
    assert facts.maintainability is not None and 0 < facts.maintainability <= 100


def test_prose_comments_are_not_code() -> None:
    facts = analyze_python(
        "# This module trains the model.\n# It reads the data and\n# writes metrics.\nx = 1\n"
    )
    assert facts.commented_code_blocks == []


def test_syntax_error_is_a_fact() -> None:
    facts = analyze_python("def f(:\n")
    assert facts.parse_error and facts.error_line == 1


def test_a_module_that_parses_but_nests_too_deep_to_walk_is_a_fact() -> None:
    """Hostile input: 600 chained additions parse, but the metric walks would recurse too far."""
    facts = analyze_python("x = " + " + ".join(["1"] * 600) + "\n")
    assert facts.parse_error is not None and "nested too deeply" in facts.parse_error


def test_notebook_magics_are_set_aside() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# Title"]},
            {
                "cell_type": "code",
                "source": ["%matplotlib inline\n", "!pip install x\n", "import pandas as pd\n"],
                "outputs": [],
            },
            {
                "cell_type": "code",
                "source": ["df = pd.read_csv('a.csv')"],
                "outputs": [{"output_type": "stream", "text": "hi"}],
            },
            {"cell_type": "code", "source": ["def broken(:"], "outputs": []},
        ]
    }
    facts = analyze_notebook(json.dumps(notebook))
    assert (
        facts.code_cells,
        facts.markdown_cells,
        facts.magic_lines,
        facts.cells_with_outputs,
    ) == (3, 1, 2, 1)
    assert facts.python is not None and facts.python.parse_error is None
    assert "pandas.read_csv" in {c.name for c in facts.python.calls}


def test_ci_resolution_through_make_and_tox(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make check\n",
        encoding="utf-8",
    )
    (tmp_path / "Makefile").write_text(
        "check: lint\n\ttox -e py311\nlint:\n\truff check .\n", encoding="utf-8"
    )
    (tmp_path / "tox.ini").write_text("[testenv]\ncommands =\n    pytest -q\n", encoding="utf-8")
    (tmp_path / ".gitlab-ci.yml").write_text(
        "lint:\n  script:\n    - ruff check .\n", encoding="utf-8"
    )
    (tmp_path / "Jenkinsfile").write_text(
        "pipeline { stages { stage('t') { steps { sh './run.sh' } } } }\n", encoding="utf-8"
    )
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    found = ci_test_runs(facts)
    assert [run.config for run in found.runs] == [".github/workflows/ci.yml"]
    assert found.runs[0].line == 6
    assert found.runs[0].chain[-1] == "tox:default: pytest -q"
    assert found.unresolved == ("Jenkinsfile: ./run.sh",)  # run.sh is not in the repo: cannot tell
    assert {ci.path: ci.system for ci in facts.configs.ci}[".gitlab-ci.yml"] == "gitlab-ci"


def test_dependencies_and_locks(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(
        "pandas==2.2.0\nnumpy>=1.26  # comment\n-r other.txt\n", encoding="utf-8"
    )
    (tmp_path / "environment.yml").write_text(
        "dependencies:\n  - python=3.11\n  - scikit-learn=1.5.0\n  - pip:\n    - torch==2.3.0\n",
        encoding="utf-8",
    )
    (tmp_path / "uv.lock").write_text("version = 1\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    deps = {(d.name, d.pinned) for d in facts.configs.dependencies}
    assert {("pandas", True), ("numpy", False), ("scikit-learn", True), ("torch", True)} <= deps
    assert facts.configs.lock_files == ("uv.lock",)


def test_git_history_in_one_pass(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("y = 1\n", encoding="utf-8")
    make_git_repo(None, tmp_path, [("Ann <ann@x.org>", ["a.py"]), ("Ben <ben@x.org>", ["b.py"])])
    (tmp_path / "a.py").write_text("x = 2\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert facts.git.available and facts.git.commits == 2 and facts.git.dirty is True
    assert facts.git.authors == {"ann@x.org": 1, "ben@x.org": 1}
    assert facts.git.files["a.py"].authors == ("ann@x.org",)


def test_cache_reuses_facts_and_reparses_only_changes(tmp_path: Path) -> None:
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(f"{name[0]} = 1\n", encoding="utf-8")
    first = collect(tmp_path)
    assert (first.parsed_files, first.cache_hits) == (3, 0)
    (tmp_path / "b.py").write_text("b = 2\n", encoding="utf-8")
    second = collect(tmp_path)
    assert (second.parsed_files, second.cache_hits) == (1, 2)
    assert (
        (tmp_path / ".prodready" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    )
    assert ".prodready/cache/facts.sqlite3" not in second.files


def test_history_follows_renames(tmp_path: Path) -> None:
    from tests.conftest import git

    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "model.py").write_text("x = 1\n" * 20, encoding="utf-8")
    make_git_repo(None, tmp_path, [("Ann <ann@x.org>", ["old/model.py"])])
    (tmp_path / "new").mkdir()
    git(tmp_path, "mv", "old/model.py", "new/model.py")
    git(tmp_path, "commit", "-qm", "move", author="Ben <ben@x.org>")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert facts.git.files["new/model.py"].authors == ("ann@x.org", "ben@x.org")
    assert "old/model.py" not in facts.git.files


def test_config_errors_carry_lines_and_custom_yaml_tags_are_valid(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = \n', encoding="utf-8"
    )
    (tmp_path / "template.yaml").write_text(
        "Resources:\n  Bucket:\n    Name: !Ref BucketName\n", encoding="utf-8"
    )
    (tmp_path / ".env").write_text("TOKEN=abc\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert facts.configs.get("pyproject.toml").error_line == 3
    assert facts.configs.get("template.yaml").error is None
    assert ".env" in facts.texts


def test_coding_cookie_and_paths_in_assignments(tmp_path: Path) -> None:
    (tmp_path / "legacy.py").write_bytes(
        "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\nDATA = '/content/drive/x.csv'\n".encode(
            "latin-1"
        )
    )
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    unit = facts.python["legacy.py"]
    assert unit.parse_error is None
    assert [(p.kind, p.line) for p in unit.patterns] == [("absolute_path", 3)]


def test_unparsable_notebook_cells_are_counted() -> None:
    notebook = {
        "cells": [
            {"cell_type": "code", "source": "x = 1"},
            {"cell_type": "code", "source": "def f(:"},
        ]
    }
    assert analyze_notebook(json.dumps(notebook)).unparsable_cells == [2]


def test_installing_a_test_tool_is_not_running_tests(tmp_path: Path) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(
        "lint:\n  script:\n    - pip install pytest tox && ruff check .\n", encoding="utf-8"
    )
    (tmp_path / "tox.ini").write_text("[testenv]\ncommands = pytest\n", encoding="utf-8")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "base.txt").write_text("numpy==2.0.0\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert ci_test_runs(facts).runs == ()
    assert ("numpy", "requirements/base.txt") in {
        (d.name, d.source) for d in facts.configs.dependencies
    }


def test_suppression_markers_in_strings_and_docs_are_not_suppressions() -> None:
    from prodready.scanners.suppressions import find_suppressions

    code = (
        '"""Use ``# prodready: ignore[SEC-001] reason="x"`` to suppress."""\n'
        'text = "# prodready: ignore[SEC-002]"\n'
        'load(x)  # prodready: ignore[SEC-001] reason="signed registry"\n'
    )
    found = find_suppressions(
        {
            "a.py": code,
            "README.md": "# prodready: ignore[SEC-001]\n",
            "ci.yml": 'x: 1  # prodready: ignore[HYG-006] reason="y"\n',
        }
    )
    assert [(e.path, e.line, e.rules) for entries in found.values() for e in entries] == [
        ("a.py", 3, ("SEC-001",)),
        ("ci.yml", 1, ("HYG-006",)),
    ]


def test_function_docstrings_are_measured() -> None:
    source = (
        'def f():\n    """Doc.\n\n    More.\n    """\n    return 1\n\n\ndef g():\n    return 2\n'
    )
    functions = {f.name: f for f in analyze_python(source).functions}
    assert (functions["f"].docstring_lines, functions["g"].docstring_lines) == (4, 0)


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": cell, "outputs": []} for cell in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_notebook_magics_are_read_the_way_ipython_reads_them() -> None:
    facts = analyze_notebook(
        _notebook(
            "%timeit model.fit(X, \\\n    y, epochs=3)\nimport pandas as pd\n",  # continued magic
            "if not installed:\n    %pip install pandas\nprint(1)\n",  # indented magic
            "files = !ls data\nrows = len(files)\n",  # assignment from a shell escape
            "%%bash\nfor f in *.csv; do wc -l $f; done\n",  # not Python at all
            "%%time\nresult = pd.read_csv('data/x.csv')\n",  # Python under a cell magic
        )
    )
    assert facts.unparsable_cells == []
    assert facts.python is not None and facts.python.parse_error is None
    calls = {c.name for c in facts.python.calls}
    assert "pandas.read_csv" in calls and "print" in calls and "len" in calls
    assert "model.fit" not in calls  # the timed statement is the magic's, not the notebook's
    assert facts.magic_lines == 7


def test_a_folder_loader_class_is_not_a_dataset_name(tmp_path: Path) -> None:
    from prodready.audit import rule_context
    from prodready.engine.kind import detect_kind
    from prodready.rules.data._reads import data_reads

    (tmp_path / "train.py").write_text(
        "from torchvision import datasets\n"
        "train = datasets.ImageFolder('data/train')\n"
        "test = datasets.ImageFolder(root=args.data)\n"
        "mnist = datasets.MNIST('.', download=True)\n",
        encoding="utf-8",
    )
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    reads = {
        (r.line, r.target, r.kind) for r in data_reads(rule_context(facts, detect_kind(facts)))
    }
    assert reads == {(2, "data/train", "path"), (3, None, "path"), (4, "MNIST", "dataset")}


def test_a_line_magic_with_open_brackets_continues_until_they_close() -> None:
    facts = analyze_notebook(_notebook("%timeit np.sum(a,\n               axis=0)\nx = 1\n"))
    assert facts.unparsable_cells == [] and facts.magic_lines == 2


def test_json_with_comments_and_templated_configs_are_not_broken_files(tmp_path: Path) -> None:
    (tmp_path / "asv.conf.json").write_text(
        '{\n    // the project\n    "project": "x",\n    "branches": ["HEAD"], // for git\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "{{ cookiecutter.name }}").mkdir()
    (tmp_path / "{{ cookiecutter.name }}" / "pyproject.toml").write_text(
        "[project]\nname = {{ cookiecutter.name }}\n", encoding="utf-8"
    )
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert all(config.error is None for config in facts.configs.parsed.values())


def test_test_folders_by_name() -> None:
    from prodready.scanners.queries import is_source_path, is_test_path

    assert is_test_path("integration_tests/basic_flow.py") and is_test_path("unit_tests/x.py")
    assert not is_test_path("contests/a.py") and not is_test_path("latest/model.py")
    assert not is_source_path("guides/training.py") and not is_source_path("tutorials/blitz/x.py")


def test_a_labelled_example_in_comments_is_documentation_not_dead_code() -> None:
    labelled = analyze_python("x = 1\n# Alias\n# A.transpose()\n# A.t()\ny = 2\n")
    dead = analyze_python("x = 1\n# model = build()\n# model.fit(X)\n# model.save()\ny = 2\n")
    assert labelled.commented_code_blocks == []
    assert dead.commented_code_blocks == [(2, 4)]


def test_dvc_stages_are_one_fact_with_lines_wdir_and_problems(tmp_path: Path) -> None:
    (tmp_path / "pipe").mkdir()
    (tmp_path / "pipe" / "dvc.yaml").write_text(
        "stages:\n"
        "  prepare:\n"
        "    wdir: ..\n"
        "    cmd: python prepare.py\n"
        "    deps: [data/raw.csv]\n"
        "    outs: [data/prepared]\n"
        "  train:\n"
        "    cmd: python train.py\n"
        "    params: [train.lr]\n"
        "    metrics: [{scores.json: {cache: false}}]\n",
        encoding="utf-8",
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "dvc.yaml").write_text("stages:\n  broken: 3\n", encoding="utf-8")
    (tmp_path / "model.pkl.dvc").write_text("outs:\n- path: model.pkl\n", encoding="utf-8")
    configs = collect(tmp_path, ScanOptions(use_cache=False)).configs
    prepare, train = configs.dvc_stages
    assert (prepare.name, prepare.line, prepare.deps, prepare.outs) == (
        "prepare", 2, ("data/raw.csv",), ("data/prepared",)
    )
    assert (train.line, train.metrics, train.cmd) == (7, ("pipe/scores.json",), ("python train.py",))
    assert [p.split(":")[0] for p in configs.dvc_problems] == ["other/dvc.yaml"]
    assert [stage.outs for stage in configs.dvc_files] == [("model.pkl",)]


def test_links_out_of_the_repository_are_found_folder_by_folder(tmp_path: Path) -> None:
    import os

    from prodready.scanners import _Boundary

    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "etc" / "secret").write_text("s", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / "a.py").write_text("x = 1\n", encoding="utf-8")
    os.symlink(outside / "etc" / "secret", repo / "out.txt")
    os.symlink("missing.py", repo / "dangling.py")
    os.symlink("loop2", repo / "loop1")
    os.symlink("loop1", repo / "loop2")
    os.symlink(outside / "etc", repo / "sub" / "etcdir")
    os.symlink("../a.py", repo / "sub" / "ok.py")
    boundary = _Boundary(repo)
    verdicts = {
        name: boundary.leads_outside(repo / name)
        for name in ("a.py", "out.txt", "dangling.py", "loop1", "sub/etcdir/secret", "sub/ok.py")
    }
    assert verdicts == {
        "a.py": False,
        "out.txt": True,
        "dangling.py": False,  # points inside; reading it fails on its own
        "loop1": True,
        "sub/etcdir/secret": True,  # a symlinked folder above the file
        "sub/ok.py": False,
    }


def test_parser_processes_get_small_chunks_so_results_never_pile_up(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A chunk's results arrive at once in the pool's thread: 10,000 modules in 16 chunks held
    tens of megabytes there; a bounded chunk holds a few hundred kilobytes."""
    import prodready.scanners as scanners

    asked: list[int] = []

    class Pool:
        def __init__(self, max_workers: int) -> None:
            pass

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def map(self, function, jobs, chunksize):  # type: ignore[no-untyped-def]
            asked.append(chunksize)
            return map(function, jobs)

    monkeypatch.setattr(scanners, "ProcessPoolExecutor", Pool)
    jobs = [(f"m{n}.py", "python", "x = 1\n") for n in range(10_000)]
    results = list(scanners._run_jobs(jobs, 2))
    assert len(results) == 10_000 and results[0][0] == "m0.py"
    assert asked == [scanners._MAX_CHUNK] and scanners._MAX_CHUNK <= 64


def test_a_content_held_at_many_paths_is_parsed_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import prodready.scanners as scanners

    parsed: list[str] = []
    real = scanners._analyze_one

    def counting(job):  # type: ignore[no-untyped-def]
        parsed.append(job[0])
        return real(job)

    monkeypatch.setattr(scanners, "_analyze_one", counting)
    repo = tmp_path / "repo"
    for package in ("a", "b", "c"):
        (repo / package).mkdir(parents=True)
        (repo / package / "__init__.py").write_text("", encoding="utf-8")
    (repo / "a" / "model.py").write_text("import b\n", encoding="utf-8")
    facts = collect(repo, ScanOptions(cache_dir=tmp_path / "cache"))
    assert sorted(parsed) == ["a/__init__.py", "a/model.py"]  # one empty module, parsed once
    assert facts.parsed_files == 4 and facts.cache_hits == 0  # every path still counted
    assert facts.python["b/__init__.py"] is facts.python["c/__init__.py"]
    assert facts.python["a/model.py"].imports[0].module == "b"
    parsed.clear()
    again = collect(repo, ScanOptions(cache_dir=tmp_path / "cache"))
    assert parsed == [] and again.cache_hits == 4 and again.python == facts.python
