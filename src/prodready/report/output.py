"""Write outputs safely: atomically to regular files, through to devices, all or none.

A temp file in the same folder, then a rename, so a reader never sees half a report and a
killed run leaves the old one. That is right only for regular files: ``-o /dev/stdout`` or a
FIFO is written through (a rename would replace the device with a file), a symlink is followed
deliberately (its target is replaced, the link kept), and under the audited repository nothing
is written through a symlink it may have committed. ``write_all`` renders nothing itself: it
stages every regular file first and renames only when all are staged, so a full disk leaves
every previous report in place.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from prodready.safe_paths import symlink_on_the_way


class UnsafeTarget(OSError):
    """An output path prodready refuses to write (a repository symlink, a folder)."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EPERM, message)


def _default_mode() -> int:
    """The mode a plain open() would give: 0o666 less the process umask (mkstemp uses 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, text: str, repo: Path | None = None) -> None:
    """One output; see ``write_all``."""
    write_all([(path, text)], repo)


def write_all(outputs: Iterable[tuple[Path, str]], repo: Path | None = None) -> None:
    """Write every output or, when one cannot be staged, none of the regular files."""
    staged: list[tuple[str, Path]] = []
    devices: list[tuple[Path, str]] = []
    try:
        for path, text in outputs:
            try:
                target = _target(path, repo)
                if target is None:
                    devices.append((path, text))
                else:
                    staged.append((_stage(target, text), target))
            except OSError as error:  # name the output, whatever failed (ENOSPC names none)
                error.filename = str(path)
                raise
        for temp_name, target in staged:
            os.replace(temp_name, target)
        staged = []
    finally:
        for temp_name, _ in staged:
            Path(temp_name).unlink(missing_ok=True)
    for path, text in devices:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


def _target(path: Path, repo: Path | None) -> Path | None:
    """The regular file to replace atomically, or None to write ``path`` through as it is."""
    if repo is not None:
        link = symlink_on_the_way(path, repo)
        if link is not None:
            raise UnsafeTarget(f"{link} is a symlink inside the audited repository: not written")
    resolved = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = resolved.stat().st_mode
    except FileNotFoundError:
        return resolved
    if stat.S_ISDIR(mode):
        raise UnsafeTarget(f"{path} is a folder")
    return resolved if stat.S_ISREG(mode) else None


def _stage(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp_name, _default_mode())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name
