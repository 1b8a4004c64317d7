"""Problems inside the audited repository become findings or facts, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from prodready.audit import run_audit
from prodready.config import Settings
from prodready.models import Status
from tests.conftest import make_git_repo


def audit(root: Path, **settings: object):  # type: ignore[no-untyped-def]
    return run_audit(root, Settings(cache=False, **settings))


def test_empty_folder_is_audited_with_honest_unknowns(tmp_path: Path) -> None:
    result = audit(tmp_path)
    assert result.repo.is_git is False
    assert result.facts.files == 0
    assert all(r.status != Status.ERROR for r in result.results), [
        r.message for r in result.results if r.status == Status.ERROR
    ]


def test_broken_files_become_facts(tmp_path: Path) -> None:
    (tmp_path / "syntax.py").write_text("def broken(:\n    pass\n", encoding="utf-8")
    (tmp_path / "latin1.py").write_bytes("name = 'caf\xe9'\n".encode("latin-1"))
    (tmp_path / "binary.py").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "params.yaml").write_text("a: [1, 2\n", encoding="utf-8")
    (tmp_path / "nb.ipynb").write_text("{not json", encoding="utf-8")
    big = tmp_path / "big.py"
    big.write_bytes(b"x = 1\n" * 9_000_000)  # about 54 MB
    result = audit(tmp_path)
    assert result.facts.unparsable_files == 5
    assert all(r.status != Status.ERROR for r in result.results)


def test_symlink_loop_and_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("x = 1\n", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "pkg" / "loop")
    secret = tmp_path / "secret.py"
    secret.write_text("y = 2\n", encoding="utf-8")
    secret.chmod(0)
    try:
        result = audit(tmp_path)
    finally:
        secret.chmod(0o644)
    assert result.facts.python_files == 2
    if os.geteuid() != 0:  # root reads everything
        assert result.facts.unparsable_files == 1


def test_git_repo_without_commits(tmp_path: Path) -> None:
    from tests.conftest import git

    (tmp_path / "train.py").write_text("import random\nrandom.seed(1)\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    result = audit(tmp_path)
    assert result.repo.is_git is False  # no history to read: the facts say so
    assert result.facts.python_files == 1


def test_audited_code_is_never_imported_or_run(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    payload = f"open({str(marker)!r}, 'w').write('ran')\n"
    for name in ("setup.py", "noxfile.py", "conftest.py", "train.py", "pkg/__init__.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(payload, encoding="utf-8")
    (tmp_path / "nb.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "source": ["'
        + payload.strip().replace('"', '\\"')
        + '"], "outputs": []}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
        encoding="utf-8",
    )
    make_git_repo(None, tmp_path)
    audit(tmp_path)
    assert not marker.exists()


@pytest.mark.parametrize("layer", ["pyproject", "checklist"])
def test_settings_layers_apply(tmp_path: Path, layer: str) -> None:
    from prodready.config import load_settings

    if layer == "pyproject":
        (tmp_path / "pyproject.toml").write_text(
            '[tool.prodready]\nignore = ["SEC"]\nfail_under = 50\n', encoding="utf-8"
        )
    else:
        (tmp_path / "prodready.yaml").write_text(
            "settings:\n  ignore: [SEC]\n  fail_under: 50\n", encoding="utf-8"
        )
    settings = load_settings(tmp_path, {"fail_under": 60})
    assert settings.ignore == ["SEC"]
    assert settings.fail_under == 60  # flags win


@pytest.mark.parametrize(
    "stages", ["stages: [prepare, train]\n", "stages: just text\n", "stages:\n  train: 3\n"]
)
def test_malformed_dvc_stages_do_not_crash(tmp_path: Path, stages: str) -> None:
    (tmp_path / "dvc.yaml").write_text(stages, encoding="utf-8")
    (tmp_path / "train.py").write_text("model.fit(X, y)\n", encoding="utf-8")
    result = audit(tmp_path)
    assert all(r.status != Status.ERROR for r in result.results), [
        r.message for r in result.results if r.status == Status.ERROR
    ]
