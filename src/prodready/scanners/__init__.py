"""Collect every fact about a repository in one pass: each file read once, parsed once.

Python modules and notebooks are parsed in parallel processes above a size
threshold (below it, process start-up costs more than it saves) and their
facts are cached by content hash, so a re-audit only parses what changed.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from prodready.scanners.cache import FactCache
from prodready.scanners.checklist import read_checklist
from prodready.scanners.configs import parse_configs
from prodready.scanners.contracts import read_contracts
from prodready.scanners.facts import (
    FileFact,
    FileKind,
    NotebookFacts,
    PythonFacts,
    RepoFacts,
    dump_facts,
    load_facts,
)
from prodready.scanners.files import classify, list_files
from prodready.scanners.git import Checkout, begin_git, open_checkout
from prodready.scanners.model_cards import read_model_cards
from prodready.scanners.notebooks import analyze_notebook
from prodready.scanners.python_ast import ANALYZER_VERSION, analyze_python
from prodready.scanners.suppressions import find_suppressions

PARALLEL_THRESHOLD = 200
# Modules per job sent to a parser process: a chunk's results arrive together, in the pool's
# own thread, and a thousand at once would hold tens of megabytes there.
_MAX_CHUNK = 32
SMALL_DATA_BYTES = (
    1_000_000  # small text data (metrics CSV, samples) is read so evidence can cite it
)
_TEXT_DATA = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")
LFS_HEADER = b"version https://git-lfs.github.com/spec/v1"
_TEXT_KINDS = (FileKind.PYTHON, FileKind.NOTEBOOK, FileKind.CONFIG, FileKind.DOC)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ScanOptions:
    jobs: int = 0
    use_cache: bool = True
    cache_dir: Path | None = None
    git_window: int | None = None  # None: the whole history (read once, then what is new)
    max_text_bytes: int = 5_000_000
    exclude: list[str] = field(default_factory=list)
    checklist: Path | None = None


@dataclass(frozen=True)
class Snapshot:
    """Every file listed, classified, read and hashed once: the input of everything else."""

    root: Path
    repo: Checkout | None  # the git work tree the folder is in, if any
    files: dict[str, FileFact]
    texts: dict[str, str]

    def fingerprint(self) -> str:
        """Changes whenever any file's content (or, for unread binaries, size) changes."""
        digest = hashlib.sha256()
        for path, fact in sorted(self.files.items()):
            digest.update(
                f"{path}\0{fact.sha256 or fact.size}\0{fact.lfs_pointer}\0{fact.read_error}\n".encode()
            )
        head = _head(self.repo)
        digest.update(f"HEAD={head}".encode())
        return digest.hexdigest()


def snapshot(
    root: Path, options: ScanOptions | None = None, progress: Progress | None = None
) -> Snapshot:
    options = options or ScanOptions()
    root = root.resolve()
    repo = open_checkout(root)
    paths = list_files(root, options.exclude, repo)
    files, texts = _read_files(root, paths, options, progress)
    return Snapshot(root=root, repo=repo, files=files, texts=texts)


def collect(
    root: Path,
    options: ScanOptions | None = None,
    progress: Progress | None = None,
    taken: Snapshot | None = None,
) -> RepoFacts:
    options = options or ScanOptions()
    taken = taken or snapshot(root, options, progress)
    root, files, texts = taken.root, taken.files, taken.texts
    cache = FactCache(_cache_dir(root, options) if options.use_cache else None)
    try:
        pending = begin_git(taken.repo, options.git_window, cache)  # read while parsing
        _set_aside_stand_ins(pending.stand_ins, files, texts)
        python, notebooks, hits, parsed = _analyze_sources(files, texts, cache, options, progress)
        git = pending.finish()
        configs = parse_configs(files, texts, python, notebooks)
        checklist = read_checklist(root, texts, options.checklist)
        contracts = read_contracts(root, files, texts, configs, checklist)
        suppressions = find_suppressions(texts)
    finally:
        cache.close()
    return RepoFacts(
        root=str(root),
        files=files,
        python=python,
        notebooks=notebooks,
        texts=texts,
        configs=configs,
        git=git,
        cache_hits=hits,
        parsed_files=parsed,
        checklist=checklist,
        suppressions=suppressions,
        contracts=contracts,
        model_cards=read_model_cards(files, texts),
    )


STAND_IN = "content not in this clone (a replacement ref stands in for it)"
OUTSIDE = "a symbolic link leading outside the repository: not read"


def _loops(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


class _Boundary:
    """Which paths lead out of the repository through a committed symlink (the file itself, or
    a symlinked folder above it). Each folder is resolved once, not once per file in it."""

    def __init__(self, top: Path) -> None:
        self.top = os.path.realpath(top)
        self.folders: dict[str, bool] = {}

    def leads_outside(self, full: Path) -> bool:
        path = str(full)
        folder = os.path.dirname(path)
        inside = self.folders.get(folder)
        if inside is None:
            inside = self.folders[folder] = self._within(folder)
        return not inside or (os.path.islink(path) and (_loops(path) or not self._within(path)))

    def _within(self, path: str) -> bool:
        try:
            real = os.path.realpath(path)  # a dangling link resolves to where it points
        except (OSError, ValueError):
            return False
        return real == self.top or real.startswith(self.top.rstrip(os.sep) + os.sep)


def _set_aside_stand_ins(
    stand_ins: tuple[str, ...], files: dict[str, FileFact], texts: dict[str, str]
) -> None:
    """A placeholder is not the file: nothing judges its content, and its size is unknown."""
    for path in stand_ins:
        if path in files:
            files[path] = replace(files[path], sha256=None, read_error=STAND_IN)
            texts.pop(path, None)


def _head(repo: Checkout | None) -> str | None:
    return repo.head if repo is not None else None


def cache_dir(root: Path, options: ScanOptions) -> Path | None:
    """Where the cache lives, or None when caching is off."""
    return _cache_dir(root, options) if options.use_cache else None


def _cache_dir(root: Path, options: ScanOptions) -> Path:
    return options.cache_dir if options.cache_dir is not None else root / ".prodready" / "cache"


def _read_files(
    root: Path, paths: list[str], options: ScanOptions, progress: Progress | None
) -> tuple[dict[str, FileFact], dict[str, str]]:
    files: dict[str, FileFact] = {}
    texts: dict[str, str] = {}
    boundary = _Boundary(root)
    for index, path in enumerate(paths):
        if progress and index % 200 == 0:
            progress("reading files", index, len(paths))
        full = root / path
        if boundary.leads_outside(full):
            files[path] = FileFact(path, classify(path, 0), 0, read_error=OUTSIDE)
            continue
        try:
            size = full.stat().st_size
        except OSError as error:
            files[path] = FileFact(path, classify(path, 0), 0, read_error=_os_error(error))
            continue
        kind = classify(path, size)
        if kind in _TEXT_KINDS or (
            kind == FileKind.DATA and size <= SMALL_DATA_BYTES and path.endswith(_TEXT_DATA)
        ):
            files[path] = _read_text(full, path, kind, size, options, texts)
        else:
            files[path] = FileFact(path, kind, size, lfs_pointer=_is_lfs_pointer(full, size))
    if progress:
        progress("reading files", len(paths), len(paths))
    return files, texts


def _read_text(
    full: Path, path: str, kind: FileKind, size: int, options: ScanOptions, texts: dict[str, str]
) -> FileFact:
    if size > options.max_text_bytes:
        limit = options.max_text_bytes // 1_000_000
        return FileFact(
            path, kind, size, read_error=f"too large to parse ({size // 1_000_000} MB > {limit} MB)"
        )
    try:
        data = full.read_bytes()
    except OSError as error:
        return FileFact(path, kind, size, read_error=_os_error(error))
    if data.startswith(LFS_HEADER):
        return FileFact(path, kind, size, lfs_pointer=True)
    digest = hashlib.sha256(data).hexdigest()
    if b"\0" in data[:8192] and kind != FileKind.DOC:
        return FileFact(path, kind, size, sha256=digest, read_error="binary content, not text")
    try:
        text = _decode(data, kind)
    except (UnicodeDecodeError, LookupError, SyntaxError) as error:
        if kind == FileKind.DOC:
            return FileFact(path, kind, size, sha256=digest)
        where = f" (byte {error.start})" if isinstance(error, UnicodeDecodeError) else ""
        return FileFact(
            path,
            kind,
            size,
            sha256=digest,
            read_error=f"not valid UTF-8 and no usable coding cookie{where}",
        )
    texts[path] = text
    return FileFact(path, kind, size, sha256=digest)


def _decode(data: bytes, kind: FileKind) -> str:
    """UTF-8, or for Python the PEP 263 coding cookie (``# -*- coding: latin-1 -*-``)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if kind != FileKind.PYTHON:
            raise
        import io
        import tokenize

        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        if encoding in ("utf-8", "utf-8-sig"):
            raise
        return data.decode(encoding)


def _is_lfs_pointer(full: Path, size: int) -> bool:
    if size > 1024:
        return False
    try:
        with full.open("rb") as handle:
            return handle.read(len(LFS_HEADER)) == LFS_HEADER
    except OSError:
        return False


def _os_error(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"


# Decoded facts of the previous audit in this process, by cache key, when a caller opts in:
# a trend's worker audits revision after revision sharing most files, and decoding cached
# JSON is then most of an audit. One process, one thread at a time; bounded to one audit.
_decoded: dict[str, PythonFacts | NotebookFacts] | None = None


def keep_decoded_facts(enabled: bool = True) -> None:
    global _decoded
    _decoded = {} if enabled else None


def _analyze_sources(
    files: dict[str, FileFact],
    texts: dict[str, str],
    cache: FactCache,
    options: ScanOptions,
    progress: Progress | None,
) -> tuple[dict[str, PythonFacts], dict[str, NotebookFacts], int, int]:
    """Each distinct content is decoded or parsed once, whatever number of paths hold it (the
    empty ``__init__.py`` of every package); the facts hold no path, so the paths share them."""
    wanted = {
        path: fact
        for path, fact in files.items()
        if fact.kind in (FileKind.PYTHON, FileKind.NOTEBOOK) and path in texts
    }
    keys = {path: f"{ANALYZER_VERSION}:{fact.kind}:{fact.sha256}" for path, fact in wanted.items()}
    paths_of: dict[str, list[str]] = {}
    for path, key in sorted(keys.items()):
        paths_of.setdefault(key, []).append(path)
    known = _known_facts({key: wanted[paths[0]].kind for key, paths in paths_of.items()}, cache)
    missing = {key: paths for key, paths in paths_of.items() if key not in known}
    sources = {paths[0]: texts[paths[0]] for paths in missing.values()}
    known.update(_parsed(sources, wanted, keys, cache, options, progress))
    python, notebooks = _by_kind(files, wanted, keys, known)
    if _decoded is not None:
        _decoded.clear()
        _decoded.update(known)
    parsed = sum(len(paths) for paths in missing.values())
    return python, notebooks, len(keys) - parsed, parsed


def _parsed(
    sources: dict[str, str],
    wanted: dict[str, FileFact],
    keys: dict[str, str],
    cache: FactCache,
    options: ScanOptions,
    progress: Progress | None,
) -> dict[str, PythonFacts | NotebookFacts]:
    """The facts of each source (one path per content), by content key, cached as parsed."""
    jobs = [(path, wanted[path].kind.value, text) for path, text in sorted(sources.items())]
    found: dict[str, PythonFacts | NotebookFacts] = {}
    with _no_gc():
        for count, (path, payload) in enumerate(_run_jobs(jobs, options.jobs), start=1):
            if progress and count % 100 == 0:
                progress("parsing", count, len(jobs))
            found[keys[path]] = _decoded_facts(wanted[path].kind, payload)
            cache.put(keys[path], payload)
    return found


def _by_kind(
    files: dict[str, FileFact],
    wanted: dict[str, FileFact],
    keys: dict[str, str],
    known: dict[str, PythonFacts | NotebookFacts],
) -> tuple[dict[str, PythonFacts], dict[str, NotebookFacts]]:
    """Each path's facts, by path in order; unreadable sources still count as unparsable."""
    python: dict[str, Any] = {}
    notebooks: dict[str, Any] = {}
    for path, key in keys.items():
        (python if wanted[path].kind == FileKind.PYTHON else notebooks)[path] = known[key]
    for path, fact in files.items():
        if fact.kind == FileKind.PYTHON and fact.read_error and path not in python:
            python[path] = PythonFacts(parse_error=fact.read_error)
        elif fact.kind == FileKind.NOTEBOOK and fact.read_error and path not in notebooks:
            notebooks[path] = NotebookFacts(parse_error=fact.read_error)
    return dict(sorted(python.items())), dict(sorted(notebooks.items()))


def _known_facts(
    kinds: dict[str, FileKind], cache: FactCache
) -> dict[str, PythonFacts | NotebookFacts]:
    """The facts of each content key (-> its file kind) that the previous audit or the cache
    holds, each decoded once."""
    kept = _decoded if _decoded is not None else {}
    known = {key: kept[key] for key in kinds if key in kept}
    for chunk in cache.chunks(sorted(key for key in kinds if key not in known)):
        for key, payload in chunk.items():  # decoded as read: the texts never pile up
            fact = _cached_facts(kinds[key], payload)
            if fact is not None:
                known[key] = fact
    return known


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Facts are built as many small objects and none is garbage: collections scanning that
    growing heap cost a fifth of the building and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decoded_facts(kind: FileKind, payload: str) -> PythonFacts | NotebookFacts:
    return load_facts(PythonFacts if kind == FileKind.PYTHON else NotebookFacts, payload)


def _cached_facts(kind: FileKind, payload: str) -> PythonFacts | NotebookFacts | None:
    """A cached value of the wrong shape (a damaged or planted cache) is a miss, not a crash."""
    try:
        return _decoded_facts(kind, payload)
    except (ValueError, TypeError):
        return None


def _analyze_one(job: tuple[str, str, str]) -> tuple[str, str]:
    path, kind, text = job
    facts = analyze_python(text) if kind == FileKind.PYTHON.value else analyze_notebook(text)
    return path, dump_facts(facts)


def _run_jobs(jobs: list[tuple[str, str, str]], requested: int):  # type: ignore[no-untyped-def]
    workers = requested or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
        yield from map(_analyze_one, jobs)
        return
    chunk = max(1, min(_MAX_CHUNK, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_analyze_one, jobs, chunksize=chunk)
