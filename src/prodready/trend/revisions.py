"""Choose the revisions a trend audits: release tags, N commits spread over history, or given revs.

Everything here only reads the repository. Each problem a user can cause (not a
repository, no commits, a revision that does not exist) is a ProdreadyError with
one line naming it; a shallow clone is not an error, it is stated and what
exists is audited.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prodready.errors import ProdreadyError
from prodready.scanners.git import open_repo

_VERSION_PART = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Revision:
    label: str
    sha: str
    date: str
    subject: str
    tags: tuple[str, ...] = ()


@dataclass
class History:
    """The repository a trend reads, with what was learned about it while choosing revisions."""

    root: Path
    repo: Any
    shallow: bool
    branch: str | None
    head: str | None
    tags: dict[str, list[str]]  # commit sha -> tag names
    notes: list[str] = field(default_factory=list)

    @property
    def objects_dir(self) -> Path:
        return self._git_path("objects")

    @property
    def shallow_file(self) -> Path:
        return self._git_path("shallow")

    def _git_path(self, name: str) -> Path:
        path = Path(self.repo.git.rev_parse("--git-path", name).strip())
        return path if path.is_absolute() else (self.root / path).resolve()


def open_history(root: Path) -> History:
    """The history at ``root``; raises when there is none to read."""
    repo = open_repo(root)
    if repo is None:
        raise ProdreadyError(f"{root}: {_not_a_repo_reason(root)}")
    if not repo.git.rev_list("-n", "1", "--all").strip():
        raise ProdreadyError(f"{root}: the git repository has no commits yet")
    shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    head = repo.head.commit.hexsha if repo.head.is_valid() else None
    try:
        branch = repo.active_branch.name
    except (TypeError, ValueError):
        branch = None
    history = History(root, repo, shallow, branch, head, _tag_map(repo))
    if shallow:
        history.notes.append(
            "shallow clone: older history is missing (`git fetch --unshallow` to get it); "
            "only the revisions present were audited"
        )
    return history


def _not_a_repo_reason(root: Path) -> str:
    try:
        import git

        outer = git.Repo(root, search_parent_directories=True).working_tree_dir
    except Exception:
        return "not a git repository (a trend reads its history)"
    return f"not the top of a git repository (give {outer})"


def _tag_map(repo: Any) -> dict[str, list[str]]:
    """Commit sha -> tags on it; annotated tags peeled, tags of trees and blobs left out."""
    output = repo.git.for_each_ref(
        "--format=%(refname:short)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)",
        "refs/tags",
    )
    tags: dict[str, list[str]] = {}
    for line in output.splitlines():
        name, kind, sha, peeled_kind, peeled = (line.split("\0") + [""] * 5)[:5]
        if kind == "commit":
            tags.setdefault(sha, []).append(name)
        elif kind == "tag" and peeled_kind == "commit":
            tags.setdefault(peeled, []).append(name)
    return {sha: sorted(names, key=version_key) for sha, names in tags.items()}


def version_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order, so v1.10 comes after v1.9."""
    parts = _VERSION_PART.split(name)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def _revision(history: History, sha: str, label: str | None = None) -> Revision | None:
    """The commit's date and subject; None when its object is missing (beyond a shallow cut)."""
    try:
        commit = history.repo.commit(sha)
        date = commit.committed_datetime.isoformat()
        subject = commit.summary if isinstance(commit.summary, str) else commit.summary.decode()
    except Exception:
        return None
    tags = tuple(history.tags.get(commit.hexsha, ()))
    return Revision(label or commit.hexsha[:10], commit.hexsha, date, subject, tags)


def select_tags(history: History, match: str | None = None) -> list[Revision]:
    """Every tag (or those matching the glob), oldest commit first; tags sharing a commit merge."""
    revisions = []
    for sha, names in history.tags.items():
        wanted = [name for name in names if match is None or fnmatch.fnmatchcase(name, match)]
        if not wanted:
            continue
        revision = _revision(history, sha, wanted[-1])
        if revision is None:
            history.notes.append(f"tag {wanted[-1]}: its commit is not in this clone, skipped")
            continue
        revisions.append(revision)
    if not revisions:
        which = f"no tag matches '{match}'" if match else "the repository has no tags"
        raise ProdreadyError(f"{history.root}: {which} (use --last N or --revs)")
    return sorted(revisions, key=lambda r: (r.date, version_key(r.label)))


def select_last(history: History, count: int) -> list[Revision]:
    """``count`` commits evenly spaced over HEAD's first-parent history, both ends included."""
    if history.head is None:
        raise ProdreadyError(f"{history.root}: HEAD has no commits yet (an unborn branch)")
    shas = history.repo.git.rev_list("--first-parent", "HEAD").split()[::-1]
    if count > len(shas):
        history.notes.append(
            f"asked for {count} revisions; the history has {len(shas)} commits on HEAD's first-parent line"
        )
    picked = _spread(len(shas), count)
    revisions = []
    for index in picked:
        distance = len(shas) - 1 - index
        revision = _revision(history, shas[index], "HEAD" if distance == 0 else f"HEAD~{distance}")
        if revision is not None:
            revisions.append(revision)
    return revisions


def _spread(length: int, count: int) -> list[int]:
    """Indexes of ``count`` points evenly spread over ``length``, first and last included."""
    if count >= length:
        return list(range(length))
    if count == 1:
        return [length - 1]
    return sorted({int(i * (length - 1) / (count - 1) + 0.5) for i in range(count)})


def select_revs(history: History, revs: list[str]) -> list[Revision]:
    """The revisions as given, in the order given; an unknown one is an error naming it."""
    import git

    revisions: list[Revision] = []
    seen: set[str] = set()
    for rev in revs:
        sha = None
        if rev and not rev.startswith("-"):
            try:
                sha = history.repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip()
            except git.GitCommandError:
                sha = None
        revision = _revision(history, sha, rev) if sha else None
        if revision is None:
            hint = " (this is a shallow clone: it may be beyond the history fetched)"
            raise ProdreadyError(f"unknown revision '{rev}'" + (hint if history.shallow else ""))
        if revision.sha not in seen:
            seen.add(revision.sha)
            revisions.append(revision)
    return revisions
