"""Git history facts from one ``git log --numstat`` pass through gitpython.

Looping ``commit.stats`` costs one git call per commit; one log with numstat
is several times faster. Merge commits are left out (``--no-merges``): their
diffs repeat the work of the commits they merge. Renames are followed, so a
file's authors survive a move.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from prodready.scanners.cache import FactCache
from prodready.scanners.facts import FileHistory, GitFacts

_RECORD = "\x1e"
_FIELD = "\x1f"


def open_repo(root: Path) -> Any | None:
    """The gitpython Repo whose work tree is exactly ``root``, or None."""
    try:
        import git
    except ImportError:  # pragma: no cover - gitpython is a hard dependency
        return None
    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError, OSError):
        return None
    if repo.bare or repo.working_tree_dir is None:
        return None
    return repo


def collect_git(repo: Any | None, window: int, cache: FactCache) -> GitFacts:
    if repo is None:
        return GitFacts(available=False, reason="not a git repository")
    try:
        head = repo.head.commit.hexsha
    except (ValueError, TypeError, Exception):  # unborn HEAD: no commits yet
        return GitFacts(available=False, reason="the git repository has no commits")
    branch = _branch(repo)
    dirty = _dirty(repo)
    key = f"git:{head}:{window}"
    cached = cache.get_many([key]).get(key)
    if cached is not None:
        facts = _from_json(cached)
        return GitFacts(**{**_fields(facts), "branch": branch, "dirty": dirty})
    facts = _scan_history(repo, head, branch, dirty, window)
    cache.put(key, json.dumps(asdict(facts)))
    return facts


def _scan_history(
    repo: Any, head: str, branch: str | None, dirty: bool | None, window: int
) -> GitFacts:
    import git

    try:
        total = int(repo.git.rev_list("--count", "--no-merges", "HEAD"))
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        log = repo.git.log(
            "--no-merges",
            "-M",
            "--numstat",
            f"--max-count={window}",
            f"--format={_RECORD}%H{_FIELD}%aE{_FIELD}%aN{_FIELD}%aI",
        )
    except git.GitCommandError as error:
        return GitFacts(available=False, reason=f"git log failed: {error.stderr.strip()[:200]}")

    authors: Counter[str] = Counter()
    commits_per_file: Counter[str] = Counter()
    authors_per_file: defaultdict[str, set[str]] = defaultdict(set)
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    last_change: dict[str, str] = {}
    renamed: dict[str, str] = {}  # an older path -> the path it has today
    scanned = 0
    for record in log.split(_RECORD):
        if not record.strip():
            continue
        header, _, body = record.partition("\n")
        parts = header.split(_FIELD)
        if len(parts) != 4:
            continue
        _sha, email, name, date = parts
        author = (email or name).lower()
        authors[author] += 1
        scanned += 1
        for line in body.splitlines():
            fields = line.split("\t")
            if len(fields) != 3:
                continue
            plus, minus, raw_path = fields
            old, new = _rename(raw_path)
            path = renamed.get(new, new)
            if old is not None:
                renamed[old] = path  # history is newest first: older commits name the old path
            commits_per_file[path] += 1
            authors_per_file[path].add(author)
            added[path] += int(plus) if plus.isdigit() else 0
            deleted[path] += int(minus) if minus.isdigit() else 0
            last_change.setdefault(path, date)
    files = {
        path: FileHistory(
            commits=commits_per_file[path],
            authors=tuple(sorted(authors_per_file[path])),
            added=added[path],
            deleted=deleted[path],
            last_change=last_change[path],
        )
        for path in sorted(commits_per_file)
    }
    return GitFacts(
        available=True,
        head=head,
        branch=branch,
        dirty=dirty,
        shallow=shallow,
        commits=scanned,
        window=window,
        truncated=total > scanned,
        authors=dict(sorted(authors.items())),
        files=files,
    )


def _rename(path: str) -> tuple[str | None, str]:
    """numstat's rename forms, ``old => new`` and ``dir/{old => new}/file``, as (old, new)."""
    if " => " not in path:
        return None, path
    if "{" in path and "}" in path:
        head, _, rest = path.partition("{")
        middle, _, tail = rest.partition("}")
        before, _, after = middle.partition(" => ")
        return _join(head, before, tail), _join(head, after, tail)
    before, _, after = path.partition(" => ")
    return before, after


def _join(head: str, middle: str, tail: str) -> str:
    return (head + middle + tail).replace("//", "/")


def _branch(repo: Any) -> str | None:
    try:
        return repo.active_branch.name
    except (TypeError, ValueError):  # detached HEAD
        return None


def _dirty(repo: Any) -> bool | None:
    try:
        return bool(repo.is_dirty(untracked_files=False))
    except Exception:
        return None


def _fields(facts: GitFacts) -> dict[str, Any]:
    return {name: getattr(facts, name) for name in GitFacts.__slots__}


def _from_json(text: str) -> GitFacts:
    data = json.loads(text)
    data["files"] = {
        path: FileHistory(**{**h, "authors": tuple(h["authors"])})
        for path, h in data["files"].items()
    }
    return GitFacts(**data)


def changed_files(root: Path, ref: str) -> set[str]:
    """Files changed since ``ref`` (committed, staged, unstaged and untracked); raises on a bad ref."""
    import git

    from prodready.errors import ProdreadyError

    repo = open_repo(root)
    if repo is None:
        raise ProdreadyError(f"--changed-since {ref}: {root} is not a git repository")
    try:
        repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
    except git.GitCommandError as error:
        raise ProdreadyError(f"--changed-since: git ref '{ref}' does not exist") from error
    changed = repo.git.diff("--name-only", "--no-renames", ref).splitlines()
    untracked = repo.git.ls_files("--others", "--exclude-standard").splitlines()
    return {path for path in [*changed, *untracked] if path}
