"""OWN-002 on histories the fixture format cannot express: edits of existing files, missing blobs."""

from __future__ import annotations

import stat
from pathlib import Path

from prodready.config import Settings
from prodready.engine import evaluate_rule, select
from prodready.engine.context import RuleContext
from prodready.engine.kind import detect_kind
from prodready.engine.registry import discover
from prodready.models import RuleResult, Status
from prodready.scanners import ScanOptions, collect
from tests.conftest import git, make_git_repo

ANN = "Ann Lee <ann@x.org>"
BOB = "Bob Ray <bob@x.org>"
HEADER = "".join(f"# Copyright 2026 The Authors. Licence line {n}.\n" for n in range(14))
CATALOG = discover(plugins=False)


def _bus_factor(root: Path, **options: object) -> RuleResult:
    settings = Settings(select=["OWN-002"], rules={"OWN-002": {"min_commits": 3, **options}})
    (rule,) = select(CATALOG, settings)
    facts = collect(root, ScanOptions(use_cache=False))
    return evaluate_rule(rule, RuleContext(facts=facts, project=detect_kind(facts, None)))


def _ann_writes_ten_modules(root: Path, lines: int = 15) -> list[Path]:
    """Ann's project: ten modules of ``lines`` lines, one commit each."""
    (root / "pkg").mkdir(parents=True)
    modules = []
    for index in range(10):
        module = root / "pkg" / f"m{index}.py"
        module.write_text(f"VALUE_{index} = 1\n" * lines, encoding="utf-8")
        modules.append(module)
    make_git_repo(None, root, [(ANN, [f"pkg/m{index}.py"]) for index in range(10)])
    return modules


def _commit_all(root: Path, author: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message, author=author)


def test_a_licence_header_sweep_does_not_make_a_second_author(tmp_path: Path) -> None:
    # Bob's sweep adds 140 lines to Ann's 150 and he writes one 20-line module: counted as
    # authorship, the sweep would make Bob the one who wrote most of the code.
    modules = _ann_writes_ten_modules(tmp_path)
    for module in modules:
        module.write_text(HEADER + module.read_text(encoding="utf-8"), encoding="utf-8")
    _commit_all(tmp_path, BOB, "add licence headers")
    (tmp_path / "pkg" / "cli.py").write_text("MAIN = 1\n" * 20, encoding="utf-8")
    _commit_all(tmp_path, BOB, "add a cli")

    result = _bus_factor(tmp_path)

    assert result.status == Status.FAIL, result.message
    assert "bus factor 1: Ann Lee <ann@x.org> alone added 88%" in result.message
    evidence = " ".join(result.evidence)
    assert "mass edit set aside" in evidence and "few lines each" in evidence
    assert "140 line(s) of mass edits not counted" in evidence


def test_the_threshold_can_be_raised_so_the_sweep_counts(tmp_path: Path) -> None:
    modules = _ann_writes_ten_modules(tmp_path)
    for module in modules:
        module.write_text(HEADER + module.read_text(encoding="utf-8"), encoding="utf-8")
    _commit_all(tmp_path, BOB, "add licence headers")
    (tmp_path / "pkg" / "cli.py").write_text("MAIN = 1\n" * 20, encoding="utf-8")
    _commit_all(tmp_path, BOB, "add a cli")

    result = _bus_factor(tmp_path, mass_edit_min_files=11)

    assert result.status == Status.FAIL, result.message
    assert "Bob Ray <bob@x.org> alone added 52%" in result.message


def test_a_line_ending_flip_is_not_authorship(tmp_path: Path) -> None:
    # Carol rewrites every line of every module (CRLF), then reverts: 800 lines "added".
    modules = _ann_writes_ten_modules(tmp_path, lines=40)
    originals = [module.read_bytes() for module in modules]
    for module, text in zip(modules, originals, strict=True):
        module.write_bytes(text.replace(b"\n", b"\r\n"))
    _commit_all(tmp_path, "Carol Diaz <carol@x.org>", "CRLF")
    for module, text in zip(modules, originals, strict=True):
        module.write_bytes(text)
    _commit_all(tmp_path, "Carol Diaz <carol@x.org>", "Revert CRLF")

    result = _bus_factor(tmp_path)

    assert result.status == Status.FAIL, result.message
    assert "Ann Lee <ann@x.org> alone added 100%" in result.message
    assert "every line replaced" in " ".join(result.evidence)


def test_an_initial_import_of_small_files_is_authorship(tmp_path: Path) -> None:
    # Bob imports ten small modules at once: creating files is never a mass edit.
    (tmp_path / "pkg").mkdir()
    for index in range(10):
        (tmp_path / "pkg" / f"m{index}.py").write_text("X = 1\n" * 3, encoding="utf-8")
    (tmp_path / "pkg" / "core.py").write_text("Y = 1\n" * 28, encoding="utf-8")
    make_git_repo(None, tmp_path, [(BOB, ["pkg/m*.py"]), (ANN, ["pkg/core.py"])])
    (tmp_path / "pkg" / "extra.py").write_text("Z = 1\n" * 2, encoding="utf-8")
    _commit_all(tmp_path, ANN, "extra")

    result = _bus_factor(tmp_path, min_commits=2)

    assert result.status == Status.PASS, result.message  # Bob 30 lines, Ann 30: neither alone
    assert "mass edit" not in " ".join(result.evidence)


def _notebook_by(root: Path, author: str) -> None:
    """Ann's source plus a notebook committed by ``author``, whose blob the clone then lacks."""
    (root / "src").mkdir(parents=True)
    for index in range(4):
        (root / "src" / f"m{index}.py").write_text("A = 1\n" * 10, encoding="utf-8")
    (root / "analysis.ipynb").write_text('{"cells": [], "nbformat": 4}\n', encoding="utf-8")
    make_git_repo(
        None, root, [*[(ANN, [f"src/m{index}.py"]) for index in range(4)], (author, ["*.ipynb"])]
    )
    oid = git(root, "rev-parse", "HEAD:analysis.ipynb").strip()
    path = root / ".git" / "objects" / oid[:2] / oid[2:]
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.unlink()


def test_lines_lost_to_a_missing_blob_leave_the_verdict_unknown(tmp_path: Path) -> None:
    _notebook_by(tmp_path, BOB)

    result = _bus_factor(tmp_path)

    assert result.status == Status.UNKNOWN, result.message
    assert "could not be read" in result.message and "analysis.ipynb" in result.message
    assert any("Bob Ray" in line for line in result.evidence)


def test_lines_lost_to_a_missing_blob_by_the_only_author_still_fail(tmp_path: Path) -> None:
    _notebook_by(tmp_path, ANN)

    result = _bus_factor(tmp_path)

    assert result.status == Status.FAIL, result.message
    assert "bus factor at most 1" in result.message
