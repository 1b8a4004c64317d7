"""History that survives: missing blobs, subfolders, hostile repository config, one person's identities."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from prodready.scanners import ScanOptions, collect
from prodready.scanners.git import changed_files
from prodready.scanners.identities import join_people, normal_name
from tests.conftest import git, make_git_repo

ANN = "Ann Lee <ann@x.org>"
BEN = "Ben Ray <ben@x.org>"


def _facts(root: Path):  # type: ignore[no-untyped-def]
    return collect(root, ScanOptions(use_cache=False))


def _drop_object(repo: Path, oid: str) -> None:
    """Delete a loose object, as a partial clone or a snapshot without large files lacks it."""
    path = repo / ".git" / "objects" / oid[:2] / oid[2:]
    path.chmod(stat.S_IWUSR | stat.S_IRUSR)
    path.unlink()


def _two_authors_and_a_data_file(root: Path) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "src" / "model.py").write_text("x = 1\n" * 30, encoding="utf-8")
    (root / "src" / "serve.py").write_text("y = 1\n" * 10, encoding="utf-8")
    (root / "data.csv").write_text("a,b\n" * 100, encoding="utf-8")
    make_git_repo(
        None,
        root,
        [(ANN, ["src/model.py"]), (BEN, ["data.csv"]), (BEN, ["src/serve.py"])],
    )
    return root


def test_a_missing_blob_loses_only_its_own_line_counts(tmp_path: Path) -> None:
    root = _two_authors_and_a_data_file(tmp_path / "repo")
    _drop_object(root, git(root, "rev-parse", "HEAD:data.csv").strip())

    facts = _facts(root)

    history = facts.git
    assert history.available and history.has_history and not history.history_error
    assert history.commits == 3
    assert history.files["src/model.py"].added == 30
    assert history.files["src/model.py"].authors == ("ann@x.org",)
    assert history.files["src/serve.py"].added == 10
    assert history.files["data.csv"].authors == ("ben@x.org",)
    assert history.files["data.csv"].commits == 1
    assert not history.files["data.csv"].lines_known
    assert history.lines_missing == ("data.csv",)
    assert "line counts are missing for 1 path(s)" in history.history_note
    assert "data.csv" in history.history_note


def test_without_any_blob_the_names_and_authors_remain(tmp_path: Path) -> None:
    root = _two_authors_and_a_data_file(tmp_path / "repo")
    listing = git(
        root, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"
    )
    for line in listing.splitlines():
        oid, kind = line.split()
        if kind == "blob":
            _drop_object(root, oid)

    history = _facts(root).git

    assert history.has_history and history.commits == 3
    assert history.authors == {"ann@x.org": 1, "ben@x.org": 2}
    assert history.files["src/model.py"].authors == ("ann@x.org",)
    assert set(history.lines_missing) == {"data.csv", "src/model.py", "src/serve.py"}
    assert history.files["src/model.py"].added == 0
    assert history.history_note


def test_an_unreadable_history_is_a_history_error_not_a_missing_repository(tmp_path: Path) -> None:
    root = _two_authors_and_a_data_file(tmp_path / "repo")
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    _drop_object(root, first)

    facts = _facts(root)

    assert facts.git.available and facts.git.head
    assert not facts.git.has_history
    assert "git" in facts.git.history_error
    assert "src/model.py" in facts.files  # the listing still comes from git


def test_a_subfolder_is_audited_with_the_enclosing_history(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    (top / "service" / "app").mkdir(parents=True)
    (top / "other").mkdir()
    (top / "service" / "app" / "main.py").write_text("app = 1\n" * 5, encoding="utf-8")
    (top / "other" / "tool.py").write_text("t = 1\n", encoding="utf-8")
    (top / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    make_git_repo(None, top, [(ANN, ["service/app/main.py"]), (BEN, ["other/tool.py"])])
    (top / "service" / "app").mkdir(exist_ok=True)
    git(top, "mv", "service/app/main.py", "service/app/server.py")
    git(top, "commit", "-qm", "rename", author=BEN)
    (top / "service" / "scratch.tmp").write_text("ignored\n", encoding="utf-8")

    facts = _facts(top / "service")

    history = facts.git
    assert history.available and history.prefix == "service"
    assert set(facts.files) == {"app/server.py"}  # relative to the folder, .gitignore applied
    assert set(history.files) == {"app/server.py"}
    assert history.files["app/server.py"].authors == ("ann@x.org", "ben@x.org")
    assert history.authors == {"ann@x.org": 1, "ben@x.org": 1}  # Ben's other/ commit is not here
    assert "enclosing repository" in history.history_note
    assert history.dirty is False


def test_changed_files_in_a_subfolder_are_relative_to_it(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    (top / "service").mkdir(parents=True)
    (top / "service" / "a.py").write_text("a = 1\n", encoding="utf-8")
    (top / "b.py").write_text("b = 1\n", encoding="utf-8")
    make_git_repo(None, top, [(ANN, ["service/a.py", "b.py"])])
    (top / "service" / "a.py").write_text("a = 2\n", encoding="utf-8")
    (top / "b.py").write_text("b = 2\n", encoding="utf-8")

    assert changed_files(top / "service", "HEAD") == {"a.py"}


def test_an_untracked_folder_inside_a_repository_is_not_its_history(tmp_path: Path) -> None:
    top = tmp_path / "home"
    top.mkdir()
    (top / "dotfile").write_text("x\n", encoding="utf-8")
    make_git_repo(None, top)
    (top / ".gitignore").write_text("project/\n", encoding="utf-8")
    (top / "project").mkdir()
    (top / "project" / "train.py").write_text("fit = 1\n", encoding="utf-8")

    facts = _facts(top / "project")

    assert not facts.git.available and facts.git.reason == "not a git repository"
    assert set(facts.files) == {"train.py"}  # walked, though the enclosing repo ignores it


def test_the_repository_config_runs_nothing(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    root.mkdir()
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\ncat\n', encoding="utf-8")
    script.chmod(0o755)
    hooks = root / "hooks"
    (root / "a.py").write_text("a = 1\n", encoding="utf-8")
    (root / ".gitattributes").write_text("*.py filter=evil diff=evil\n", encoding="utf-8")
    make_git_repo(None, root, [(ANN, ["a.py", ".gitattributes"])])
    hooks.mkdir()
    for hook in ("post-index-change", "post-checkout", "pre-auto-gc"):
        (hooks / hook).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
        (hooks / hook).chmod(0o755)
    for key, value in {
        "core.fsmonitor": str(script),
        "core.hooksPath": str(hooks),
        "core.pager": str(script),
        "diff.external": str(script),
        "diff.evil.textconv": str(script),
        "diff.evil.command": str(script),
        "filter.evil.clean": str(script),
        "filter.evil.smudge": str(script),
        "filter.evil.process": str(script),
        "gpg.program": str(script),
        "log.showSignature": "true",
        "mailmap.file": str(tmp_path / "elsewhere.mailmap"),
    }.items():
        git(root, "config", key, value)
    (tmp_path / "elsewhere.mailmap").write_text("Mallory <m@x.org> <ann@x.org>\n", encoding="utf-8")
    (root / "a.py").write_text("a = 2\n", encoding="utf-8")  # dirty: status must compare
    os.utime(root / "a.py", (1, 1))

    facts = _facts(root)

    assert facts.git.has_history and facts.git.dirty is True
    assert facts.git.authors == {"ann@x.org": 1}  # the mailmap the config points at is ignored
    assert not marker.exists(), marker.read_text(encoding="utf-8")


def test_paths_with_spaces_and_accents_keep_their_names(tmp_path: Path) -> None:
    (tmp_path / "my model é.py").write_text("x = 1\n", encoding="utf-8")
    make_git_repo(None, tmp_path, [(ANN, ["*.py"])])

    assert _facts(tmp_path).git.files["my model é.py"].added == 1


def test_mailmap_and_names_join_one_persons_identities(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        (tmp_path / f"{name}.py").write_text(f"{name} = 1\n", encoding="utf-8")
    (tmp_path / ".mailmap").write_text(
        "Ann Lee <ann@x.org> <a.lee@home.example>\n", encoding="utf-8"
    )
    make_git_repo(
        None,
        tmp_path,
        [
            (ANN, ["a.py", ".mailmap"]),
            ("Ann Lee <ann.lee@work.example>", ["b.py"]),  # same name, another address
            ("A. Lee <a.lee@home.example>", ["c.py"]),  # another name: only .mailmap joins it
            (BEN, ["d.py"]),
        ],
    )

    history = _facts(tmp_path).git

    assert history.authors == {"ann@x.org": 3, "ben@x.org": 1}
    assert history.names["ann@x.org"] == "Ann Lee <ann@x.org>"
    assert history.identities["ann@x.org"] == (
        "Ann Lee <ann.lee@work.example>",
        "Ann Lee <ann@x.org>",
    )


def test_identities_join_on_address_or_name_but_not_on_placeholder_names() -> None:
    people = join_people(
        [
            ("José Núñez", "jose@a.org"),
            ("jose nunez", "jn@b.org"),
            ("J. Nunez", "jn@b.org"),
            ("root", "r1@box1"),
            ("root", "r2@box2"),
            ("Your Name", "you@example.com"),
            ("Your Name", "other@example.com"),
        ]
    )
    keys = people.key_of
    assert keys[("José Núñez", "jose@a.org")] == keys[("J. Nunez", "jn@b.org")]
    assert keys[("root", "r1@box1")] != keys[("root", "r2@box2")]
    assert keys[("Your Name", "you@example.com")] != keys[("Your Name", "other@example.com")]
    assert normal_name("  José   O'Neil ") == "jose o neil"


def test_history_facts_survive_the_cache(tmp_path: Path) -> None:
    root = _two_authors_and_a_data_file(tmp_path / "repo")
    _drop_object(root, git(root, "rev-parse", "HEAD:data.csv").strip())
    cache = tmp_path / "cache"

    first = collect(root, ScanOptions(cache_dir=cache)).git
    again = collect(root, ScanOptions(cache_dir=cache)).git

    assert again == first and again.log and again.lines_missing == ("data.csv",)


def test_a_stand_in_blob_from_git_replace_is_not_counted(tmp_path: Path) -> None:
    root = _two_authors_and_a_data_file(tmp_path / "repo")
    original = git(root, "rev-parse", "HEAD:data.csv").strip()
    (tmp_path / "placeholder").write_text("placeholder\n", encoding="utf-8")
    stand_in = git(root, "hash-object", "-w", str(tmp_path / "placeholder")).strip()
    git(root, "replace", original, stand_in)
    _drop_object(root, original)

    history = _facts(root).git

    assert history.lines_missing == ("data.csv",)
    assert "replacement refs" in history.history_note
    assert history.files["src/model.py"].added == 30


def test_a_partial_clone_is_read_without_fetching(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "src").mkdir(parents=True)
    (origin / "src" / "model.py").write_text("x = 1\n" * 30, encoding="utf-8")
    make_git_repo(None, origin, [(ANN, ["src/model.py"])])
    (origin / "src" / "model.py").write_text("x = 2\n" * 30, encoding="utf-8")
    git(origin, "commit", "-qam", "retune", author=BEN)
    git(origin, "config", "uploadpack.allowfilter", "true")
    clone = tmp_path / "clone"
    git(
        tmp_path,
        "-c",
        "protocol.file.allow=always",
        "clone",
        "-q",
        "--filter=blob:none",
        f"file://{origin}",
        str(clone),
    )
    git(origin, "config", "uploadpack.allowfilter", "false")  # a fetch now would fail loudly

    history = _facts(clone).git

    assert history.has_history and history.commits == 2
    assert history.files["src/model.py"].authors == ("ann@x.org", "ben@x.org")
    assert history.lines_missing == ("src/model.py",)  # the first version was never fetched
    assert history.history_note.startswith("a partial clone")


def test_files_a_replacement_ref_stands_in_for_are_unseen(tmp_path: Path) -> None:
    """A clone that left out a large file: its placeholder's size is not the file's."""
    from prodready.audit import rule_context
    from prodready.config import Settings
    from prodready.engine import evaluate_rule, select
    from prodready.engine.kind import detect_kind
    from prodready.engine.registry import discover

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "big.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    make_git_repo(None, tmp_path, [("Ann <ann@x.org>", ["data/big.csv", "app.py"])])
    _stand_in(tmp_path, "data/big.csv")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert facts.git.stand_ins == ("data/big.csv",)
    ctx = rule_context(facts, detect_kind(facts))
    for rule in select(discover(), Settings(select=["HYG-001", "HYG-003"])):
        assert evaluate_rule(rule, ctx).status.value == "unknown", rule.meta.id


def test_a_notebook_the_clone_lacks_is_not_a_broken_notebook(tmp_path: Path) -> None:
    from prodready.audit import rule_context
    from prodready.config import Settings
    from prodready.engine import evaluate_rule, select
    from prodready.engine.kind import detect_kind
    from prodready.engine.registry import discover

    (tmp_path / "big.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4}', encoding="utf-8"
    )
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    make_git_repo(None, tmp_path, [("Ann <ann@x.org>", ["big.ipynb", "app.py"])])
    _stand_in(tmp_path, "big.ipynb")
    (tmp_path / "big.ipynb").write_text(
        "placeholder: blob missing from snapshot\n", encoding="utf-8"
    )
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    ctx = rule_context(facts, detect_kind(facts))
    (rule,) = select(discover(), Settings(select=["CODE-007"]))
    result = evaluate_rule(rule, ctx)
    assert result.status.value == "unknown" and "no content in this clone" in result.message


def _stand_in(repo: Path, path: str) -> None:
    """Point the committed blob of ``path`` at a placeholder, as a copy lacking it would."""
    blob = git(repo, "rev-parse", f"HEAD:{path}").strip()
    placeholder = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=repo,
        input="placeholder: blob missing from snapshot\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(repo, "update-ref", f"refs/replace/{blob}", placeholder)
