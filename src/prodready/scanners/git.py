"""The audited folder's git repository, and its history as facts.

A folder inside a larger repository is audited with that repository's history,
scoped to the folder: paths are the folder's own, and only commits touching it
count. Every git command goes through :mod:`prodready.scanners.gitcmd`, so the
audited repository's config runs nothing. A history that cannot be read does not
make the folder "not git": its files are still what is committed, and only the
verdicts that read history become unknown, with git's reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from prodready.scanners.cache import FactCache
from prodready.scanners.facts import CommitFacts, FileChange, FileHistory, GitFacts
from prodready.scanners.gitcmd import GitError, filter_overrides, run_git, secure
from prodready.scanners.history import Change, Commit, LogRead, read_log
from prodready.scanners.identities import join_people

_CACHE_VERSION = 3  # bump when GitFacts or how it is read changes


@dataclass(frozen=True)
class Checkout:
    """The audited folder in a git work tree; every command runs in the folder itself."""

    root: Path
    top: Path
    prefix: str  # the folder relative to the work tree's top; "" when it is the top
    head: str | None  # None: no commit yet

    def run(
        self, *args: str, config: tuple[str, ...] = (), ok_codes: tuple[int, ...] = (0,)
    ) -> str:
        return run_git(self.root, *args, config=config, ok_codes=ok_codes)


def open_checkout(root: Path) -> Checkout | None:
    """The git work tree ``root`` is in, or None (not in one, or a folder it does not track)."""
    try:
        inside, top, prefix = run_git(
            root, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix"
        ).split("\n")[:3]
    except (GitError, ValueError):
        return None
    if inside != "true":
        return None
    prefix = prefix.rstrip("/")
    head = run_git(root, "rev-parse", "--verify", "-q", "HEAD^{commit}", ok_codes=(0, 1)).strip()
    if prefix and not (head and _tracks(root)):
        return None  # an untracked or ignored folder inside some repository: not its history
    return Checkout(root=root, top=Path(top), prefix=prefix, head=head or None)


def _tracks(root: Path) -> bool:
    """HEAD holds the folder (as a tree) — it is part of the repository, not a stranger in it."""
    return bool(run_git(root, "rev-parse", "--verify", "-q", "HEAD:./", ok_codes=(0, 1)).strip())


def open_repo(root: Path) -> Any | None:
    """The gitpython Repo whose work tree is exactly ``root``, its commands disarmed, or None."""
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
    secure(repo.git)
    return repo


@dataclass
class PendingGit:
    """The history being read in a thread while the caller parses; ``stand_ins`` known at once.

    git runs in its own process, so reading the log overlaps parsing. Only the caller's
    thread touches the cache (an SQLite connection belongs to the thread that opened it).
    """

    stand_ins: tuple[str, ...]
    _done: GitFacts | None = None
    _future: Future[tuple[GitFacts, list[Commit]]] | None = None
    _cache: FactCache | None = None
    _keys: tuple[str, str] = ("", "")

    def finish(self) -> GitFacts:
        if self._done is not None:
            return self._done
        assert self._future is not None
        facts, commits = self._future.result()
        facts = replace(facts, stand_ins=self.stand_ins)
        if self._cache is not None and self._cache.enabled and not facts.history_error:
            exact, last = self._keys
            self._cache.put(exact, _to_json(facts))
            self._cache.put(last, _commits_to_json(facts, commits))
        self._done = facts
        return facts


def begin_git(checkout: Checkout | None, window: int | None, cache: FactCache) -> PendingGit:
    """The cached history at once, or its reading started in the background."""
    if checkout is None:
        return PendingGit((), GitFacts(available=False, reason="not a git repository"))
    if checkout.head is None:
        reason = "the git repository has no commits"
        return PendingGit((), GitFacts(available=False, reason=reason))
    scope = f"{window}:{checkout.prefix}:{_mailmap(checkout)}"
    key, last = f"git{_CACHE_VERSION}:{checkout.head}:{scope}", f"gitlast{_CACHE_VERSION}:{scope}"
    found = cache.get_many([key, last])
    stand_ins = _stand_ins(checkout)
    if key in found:
        facts = _from_json(found[key])
        current = {"branch": _branch(checkout), "dirty": _dirty(checkout), "stand_ins": stand_ins}
        return PendingGit(stand_ins, GitFacts(**{**_fields(facts), **current}))
    earlier = _commits_from_json(found[last]) if last in found else None
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prodready-git")
    future = pool.submit(_read_history, checkout, window, earlier)
    pool.shutdown(wait=False)  # the submitted read still runs; finish() waits for it
    return PendingGit(stand_ins, _future=future, _cache=cache, _keys=(key, last))


def _read_history(
    checkout: Checkout, window: int | None, earlier: Earlier | None
) -> tuple[GitFacts, list[Commit]]:
    return _scan_history(checkout, _branch(checkout), _dirty(checkout), window, earlier)


@dataclass(frozen=True)
class Earlier:
    """A history read at an earlier HEAD: its commits (paths as they were then) and its note."""

    head: str
    commits: list[Commit]
    note: str


def _commits_to_json(facts: GitFacts, commits: list[Commit]) -> str:
    """The commits as read (each author's own name and address, for joining identities again)."""
    rows = [
        [
            c.sha,
            c.name,
            c.email,
            c.date,
            [[x.path, x.added, x.deleted, x.status] for x in c.changes],
        ]
        for c in commits
    ]
    return json.dumps({"head": facts.head, "note": facts.history_note, "commits": rows})


def _commits_from_json(text: str) -> Earlier | None:
    try:
        data = json.loads(text)
        commits = [
            Commit(sha, name, email, date, [Change(p, None, s, a, d) for p, a, d, s in changes])
            for sha, name, email, date, changes in data["commits"]
        ]
        return Earlier(str(data["head"]), commits, str(data["note"]))
    except (ValueError, TypeError, KeyError):  # a damaged entry only costs a full read
        return None


def _stand_ins(checkout: Checkout) -> tuple[str, ...]:
    """Committed paths whose blob a replacement ref stands in for: their content is absent."""
    try:
        refs = set(
            checkout.run("for-each-ref", "--format=%(refname:lstrip=2)", "refs/replace/").split()
        )
        if not refs:
            return ()
        listing = checkout.run("ls-files", "-s", "-z")
    except GitError:
        return ()
    found = []
    for entry in listing.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) >= 2 and parts[1] in refs:
            found.append(path)
    return tuple(sorted(found))


def _scan_history(
    checkout: Checkout,
    branch: str | None,
    dirty: bool | None,
    window: int | None,
    earlier: Earlier | None = None,
) -> tuple[GitFacts, list[Commit]]:
    """The history's facts and the commits they come from.

    With an ``earlier`` read whose HEAD is an ancestor of today's, only the commits since
    are read; the earlier ones follow them (renames since are followed by ``_facts``).
    """
    scoped = bool(checkout.prefix)
    scope = ("--", ".") if scoped else ()
    known = {
        "available": True,
        "head": checkout.head,
        "branch": branch,
        "dirty": dirty,
        "window": window,
        "prefix": checkout.prefix,
    }
    try:
        shallow = checkout.run("rev-parse", "--is-shallow-repository").strip() == "true"
        total = int(checkout.run("rev-list", "--count", "--no-merges", "HEAD", *scope))
    except (GitError, ValueError) as error:
        return GitFacts(**known, history_error=f"git could not read the history: {error}"), []
    if earlier is not None and not _follows(checkout, earlier.head):
        earlier = None  # history rewritten (rebase, reset) or merged out of order: read it all
    read = read_log(checkout.root, window, scoped, since=earlier.head if earlier else None)
    if read.error:
        return GitFacts(**known, shallow=shallow, history_error=read.error), []
    if earlier is not None:
        notes = dict.fromkeys(note for note in (read.note, earlier.note) if note)
        read = LogRead([*read.commits, *earlier.commits][:window], note="; ".join(notes))
    return _facts(read, known, shallow=shallow, total=total), read.commits


def _follows(checkout: Checkout, commit: str) -> bool:
    """The commits since ``commit`` come first in a full log: ``commit`` is an ancestor of HEAD
    and none of them is dated before it (git lists by date, so an older commit merged in
    would sit among the earlier ones and the two reads would disagree on the order)."""
    try:
        checkout.run("merge-base", "--is-ancestor", commit, "HEAD")
        then = int(checkout.run("log", "-1", "--format=%ct", commit).strip())
        dates = checkout.run("log", "--no-merges", "--format=%ct", f"{commit}..HEAD").split()
    except (GitError, ValueError):
        return False
    return all(int(date) >= then for date in dates)


def _facts(read: LogRead, known: dict[str, Any], shallow: bool, total: int) -> GitFacts:
    people = join_people((commit.name, commit.email) for commit in read.commits)
    authors: Counter[str] = Counter()
    renamed: dict[str, str] = {}  # an older path -> the path it has today
    log: list[CommitFacts] = []
    per_file: defaultdict[str, list[tuple[str, str, FileChange]]] = defaultdict(list)
    for commit in read.commits:  # newest first: older commits name the old paths
        author = people.key_of[(commit.name.strip(), commit.email.strip().lower())]
        authors[author] += 1
        changes = []
        for change in commit.changes:
            path = renamed.get(change.path, change.path)
            if change.old_path is not None:
                renamed[change.old_path] = path
            fact = FileChange(path, change.added, change.deleted, created=change.status == "A")
            changes.append(fact)
            per_file[path].append((author, commit.date, fact))
        log.append(CommitFacts(commit.sha, author, commit.date, tuple(changes)))
    files = {path: _file_history(per_file[path]) for path in sorted(per_file)}
    note = read.note
    if known["prefix"]:
        note = "; ".join(
            filter(
                None,
                [f"the history of the enclosing repository, scoped to {known['prefix']}/", note],
            )
        )
    return GitFacts(
        **known,
        shallow=shallow,
        commits=len(read.commits),
        truncated=total > len(read.commits),
        total_commits=total,
        authors=dict(sorted(authors.items())),
        files=files,
        history_note=note,
        lines_missing=tuple(path for path, history in files.items() if not history.lines_known),
        names=dict(sorted(people.names.items())),
        identities=dict(sorted(people.joined.items())),
        log=tuple(log),
    )


def _file_history(changes: list[tuple[str, str, FileChange]]) -> FileHistory:
    return FileHistory(
        commits=len(changes),
        authors=tuple(sorted({author for author, _, _ in changes})),
        added=sum(change.added or 0 for _, _, change in changes),
        deleted=sum(change.deleted or 0 for _, _, change in changes),
        last_change=changes[0][1],
        lines_known=all(change.added is not None for _, _, change in changes),
    )


def _branch(checkout: Checkout) -> str | None:
    try:
        name = checkout.run("symbolic-ref", "-q", "--short", "HEAD", ok_codes=(0, 1)).strip()
    except GitError:
        return None
    return name or None  # empty: detached HEAD


def _dirty(checkout: Checkout) -> bool | None:
    """Tracked files in the folder differ from HEAD (untracked files do not count)."""
    try:
        status = checkout.run(
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=no",
            "--ignore-submodules=all",
            "--",
            ".",
            config=filter_overrides(checkout.root),
        )
    except GitError:
        return None
    return bool(status.strip("\0"))


def _mailmap(checkout: Checkout) -> str:
    """A digest of the .mailmap git will apply, so editing it refreshes the cached authors."""
    path = checkout.top / ".mailmap"
    try:
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    except OSError:
        data = b""
    return hashlib.sha256(data).hexdigest()[:16]


def _fields(facts: GitFacts) -> dict[str, Any]:
    return {name: getattr(facts, name) for name in GitFacts.__dataclass_fields__}


def _to_json(facts: GitFacts) -> str:
    """Compact JSON (the log holds every file change of thousands of commits): rows, not dicts."""
    data = {name: getattr(facts, name) for name in GitFacts.__dataclass_fields__}
    data["files"] = {
        path: [h.commits, h.authors, h.added, h.deleted, h.last_change, h.lines_known]
        for path, h in facts.files.items()
    }
    data["log"] = [
        [c.sha, c.author, c.date, [[x.path, x.added, x.deleted, x.created] for x in c.changes]]
        for c in facts.log
    ]
    return json.dumps(data)


def _from_json(text: str) -> GitFacts:
    data = json.loads(text)
    data["files"] = {
        path: FileHistory(commits, tuple(authors), *rest)
        for path, (commits, authors, *rest) in data["files"].items()
    }
    data["log"] = tuple(
        CommitFacts(sha, author, date, tuple(FileChange(*change) for change in changes))
        for sha, author, date, changes in data["log"]
    )
    data["lines_missing"] = tuple(data["lines_missing"])
    data["stand_ins"] = ()
    data["identities"] = {key: tuple(ids) for key, ids in data["identities"].items()}
    return GitFacts(**data)


def changed_files(root: Path, ref: str) -> set[str]:
    """Files changed since ``ref`` (committed, staged, unstaged and untracked); raises on a bad ref."""
    from prodready.errors import ProdreadyError

    checkout = open_checkout(root)
    if checkout is None:
        raise ProdreadyError(f"--changed-since {ref}: {root} is not a git repository")
    try:
        checkout.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError as error:
        raise ProdreadyError(f"--changed-since: git ref '{ref}' does not exist") from error
    changed = checkout.run(
        "diff",
        "--name-only",
        "-z",
        "--no-renames",
        "--relative",
        "--no-ext-diff",
        ref,
        "--",
        ".",
        config=filter_overrides(checkout.root),
    ).split("\0")
    untracked = checkout.run("ls-files", "-z", "--others", "--exclude-standard").split("\0")
    return {path for path in [*changed, *untracked] if path}
