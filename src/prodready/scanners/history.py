"""Read the commit log with per-file line counts, and keep what can be read when blobs are missing.

One ``git log --raw --numstat`` pass gives, per commit, each file's status (created,
modified, renamed) and its lines added and deleted. Counting lines needs every
blob's content, so a single missing object (a partial clone with a blob filter, a
snapshot without its large files) makes git refuse the whole log. Then the log is
read again without content (``--raw``: names, statuses and object ids), the paths
whose objects are absent are found, and the line counts are read once more for
every other path. What could not be read is said, never guessed.

Merge commits are left out (``--no-merges``): their diffs repeat the work of the
commits they merge. Renames are followed so a file's authors survive a move.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from prodready.scanners.gitcmd import NO_DIFF_DRIVERS, GitError, run_git

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = f"--format={_RECORD}%H{_FIELD}%aN{_FIELD}%aE{_FIELD}%aI"
_NO_OBJECT = "0" * 40
_GITLINK = "160000"  # a submodule's commit: not an object of this repository
_MISSING_SHOWN = 5
_MAX_EXCLUDED_CHARS = 200_000  # beyond this the command line grows too long to recount


@dataclass
class Change:
    """One file in one commit, under the path the commit names."""

    path: str
    old_path: str | None = None  # set for a rename
    status: str = "M"
    added: int | None = None
    deleted: int | None = None
    objects: tuple[str, ...] = ()  # the blob ids the diff reads


@dataclass
class Commit:
    sha: str
    name: str
    email: str
    date: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class LogRead:
    """The window of history as read; ``error`` set when nothing could be, ``note`` for losses."""

    commits: list[Commit]
    error: str = ""
    note: str = ""


def read_log(cwd: Path, window: int | None, scoped: bool, since: str | None = None) -> LogRead:
    """The newest ``window`` (None: all) non-merge commits touching ``cwd`` (all of them when not
    ``scoped``); with ``since``, only those after that commit (an earlier read has the rest)."""
    base = ["log", "--no-merges", "-z", "--no-abbrev", "--relative", *NO_DIFF_DRIVERS]
    base += [f"--max-count={window}"] if window is not None else []
    base += [_FORMAT, f"{since}..HEAD" if since else "HEAD"]
    if _partial_clone(cwd):
        cause = "a partial clone: git fetches file content on demand, never for prodready"
        return _read_without_content(cwd, base, scoped, cause)
    try:
        output = run_git(cwd, *base, "-M", "--raw", "--numstat", *_scope(scoped))
    except GitError as error:
        cause = f"git could not read every file's content ({error.stderr})"
        return _read_without_content(cwd, base, scoped, cause)
    commits = _parse(output)
    return LogRead(commits, note=_uncount_stand_ins(cwd, commits))


def _partial_clone(cwd: Path) -> bool:
    """Content is fetched on demand: reading names first costs less than a pass that fails."""
    pattern = r"^(extensions\.partialclone|remote\..*\.promisor)$"
    try:
        return bool(run_git(cwd, "config", "--get-regexp", pattern, ok_codes=(0, 1)).strip())
    except GitError:
        return False


def _uncount_stand_ins(cwd: Path, commits: list[Commit]) -> str:
    """Forget the line counts git took from stand-ins (``git replace``) for absent blobs.

    A replacement ref makes git read another object in place of one, e.g. a
    placeholder for a large file a copy of the repository left out; the lines of
    the placeholder are not the history's.
    """
    try:
        refs = run_git(cwd, "for-each-ref", "--format=%(refname:lstrip=2)", "refs/replace/")
    except GitError:
        return ""
    replaced = set(refs.split())
    if not replaced:
        return ""
    lost: set[str] = set()
    for commit in commits:
        for change in commit.changes:
            if replaced.intersection(change.objects):
                change.added = change.deleted = None
                lost.add(change.path)
    if not lost:
        return ""
    cause = "replacement refs stand in for some objects"
    return _note(cause, lost, sorted(lost), renames_lost=False, recount_failed=False)


def _scope(scoped: bool) -> list[str]:
    return ["--", "."] if scoped else []


def _read_without_content(cwd: Path, base: list[str], scoped: bool, cause: str) -> LogRead:
    try:  # rename detection would read content too; the recount follows renames
        names = _parse(run_git(cwd, *base, "--no-renames", "--raw", *_scope(scoped)))
    except GitError as error:
        return LogRead([], error=f"git log failed: {error.stderr}")
    missing = _missing_paths(cwd, names)
    counted, renames_lost = _recount(cwd, base, missing)
    commits = names if counted is None else _combine(names, counted, missing)
    renames_lost = renames_lost or counted is None
    lost = sorted({c.path for commit in commits for c in commit.changes if c.added is None})
    return LogRead(commits, note=_note(cause, missing, lost, renames_lost, counted is None))


def _missing_paths(cwd: Path, commits: list[Commit]) -> set[str]:
    """Paths (as each commit names them) whose blobs this clone does not hold."""
    try:
        listing = run_git(cwd, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
    except GitError:
        return {path for commit in commits for c in commit.changes for path in _names(c)}
    present = set(listing.split())
    return {
        path
        for commit in commits
        for change in commit.changes
        if any(oid not in present for oid in change.objects)
        for path in _names(change)
    }


def _recount(cwd: Path, base: list[str], missing: set[str]) -> tuple[list[Commit] | None, bool]:
    """The log again for every path whose content is all there; (None, _) when git still refuses.

    The second value says renames had to be left unfollowed.
    """
    excluded = [f":(exclude,literal){path}" for path in sorted(missing)]
    if sum(len(item) for item in excluded) > _MAX_EXCLUDED_CHARS:
        return None, False
    for renames in ("-M", "--no-renames"):
        try:
            output = run_git(cwd, *base, renames, "--raw", "--numstat", "--", ".", *excluded)
        except GitError:
            continue
        return _parse(output), renames == "--no-renames"
    return None, False


def _combine(names: list[Commit], counted: list[Commit], missing: set[str]) -> list[Commit]:
    """The counted log, plus the changes to paths without content (line counts unknown).

    ``names`` fixes the window and the order; a commit that touched only paths without
    content is in ``names`` alone.
    """
    by_sha = {commit.sha: commit for commit in counted}
    combined = []
    for commit in names:
        base = by_sha.get(commit.sha)
        seen = {c.path for c in base.changes} if base is not None else set()
        uncounted = [
            Change(c.path, c.old_path, c.status, None, None, c.objects)
            for c in commit.changes
            if c.path not in seen and any(path in missing for path in _names(c))
        ]
        changes = [*base.changes, *uncounted] if base is not None else uncounted
        combined.append(Commit(commit.sha, commit.name, commit.email, commit.date, changes))
    return combined


def _note(
    cause: str, missing: set[str], lost: list[str], renames_lost: bool, recount_failed: bool
) -> str:
    """What was lost, or "" when the slower reading found everything after all."""
    parts = []
    if recount_failed:
        parts.append("line counts could not be read at all")
    elif lost:
        shown = ", ".join(lost[:_MISSING_SHOWN])
        more = f" and {len(lost) - _MISSING_SHOWN} more" if len(lost) > _MISSING_SHOWN else ""
        parts.append(
            f"line counts are missing for {len(lost)} path(s) whose content is absent from "
            f"this clone (a partial clone, or a copy without its large files): {shown}{more}"
        )
    elif missing:
        parts.append(f"{len(missing)} path(s) lack content, but none of their changes is needed")
    if renames_lost:
        parts.append("renames are not followed, so a moved file's earlier authors are left out")
    return "; ".join([cause, *parts]) if parts else ""


def _names(change: Change) -> tuple[str, ...]:
    return (change.path,) if change.old_path is None else (change.old_path, change.path)


def _parse(output: str) -> list[Commit]:
    """Commits from ``git log -z --raw [--numstat]`` output, newest first."""
    commits: list[Commit] = []
    tokens = iter(output.split("\0"))
    current: Commit | None = None
    pending: dict[tuple[str | None, str], Change] = {}
    after_header = False
    for token in tokens:
        if after_header:
            token = token.removeprefix("\n")
            after_header = False
        if token.startswith(_RECORD):
            fields = token[1:].split(_FIELD)
            if len(fields) != 4:
                current = None
                continue
            current = Commit(*fields)
            commits.append(current)
            pending = {}
            after_header = True
        elif current is None or not token:
            continue
        elif token.startswith(":"):
            change = _raw_change(token, tokens)
            current.changes.append(change)
            pending[(change.old_path, change.path)] = change
        else:
            _numstat(token, tokens, pending)
    return commits


def _raw_change(token: str, tokens: Iterator[str]) -> Change:
    """``:old_mode new_mode old_oid new_oid STATUS`` then one path, or two for R and C."""
    old_mode, new_mode, old_oid, new_oid, status = token[1:].split(" ")[:5]
    objects = tuple(
        oid
        for oid, mode in ((old_oid, old_mode), (new_oid, new_mode))
        if oid != _NO_OBJECT and mode != _GITLINK
    )
    if status[:1] in ("R", "C"):
        old, new = next(tokens, ""), next(tokens, "")
        if status[:1] == "C":  # a copy creates the new path; the old one is untouched
            return Change(path=new, status="A", objects=objects)
        return Change(path=new, old_path=old, status="R", objects=objects)
    return Change(path=next(tokens, ""), status=status[:1], objects=objects)


def _numstat(
    token: str, tokens: Iterator[str], pending: dict[tuple[str | None, str], Change]
) -> None:
    """``added\\tdeleted\\tpath``, or ``added\\tdeleted\\t`` then old and new path for a move."""
    parts = token.split("\t")
    if len(parts) != 3:
        return
    plus, minus, path = parts
    old: str | None = None
    if not path:
        old, path = next(tokens, ""), next(tokens, "")
    change = pending.get((old, path)) or (pending.get((None, path)) if old is not None else None)
    if change is None:
        return
    change.added = int(plus) if plus.isdigit() else 0  # "-": a binary file, no lines
    change.deleted = int(minus) if minus.isdigit() else 0
