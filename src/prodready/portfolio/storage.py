"""Where reports and portfolios are written: a local path, or any fsspec URL (s3://, gs://, memory://).

Local files are written atomically, like every prodready report; URLs go through fsspec,
an optional extra, imported only when a URL is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prodready.errors import ProdreadyError


def is_url(location: str) -> bool:
    return "://" in location


def open_filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem and path of a URL."""
    try:
        import fsspec
    except ImportError:
        raise ProdreadyError(
            f"{url}: URLs need fsspec (pip install 'prodready[portfolio]')"
        ) from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as error:
        raise ProdreadyError(f"{url}: {error}") from None


def join(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}" if is_url(folder) else str(Path(folder) / name)


def write_text(target: str, text: str) -> None:
    """Write one output; a failure is one line naming it."""
    if not is_url(target):
        from prodready.report.output import write_atomic

        try:
            write_atomic(Path(target), text)
        except OSError as error:
            raise ProdreadyError(f"{target}: cannot write: {error.strerror or error}") from None
        return
    fs, path = open_filesystem(target)
    try:
        parent = path.rsplit("/", 1)[0]
        if parent and parent != path:
            fs.makedirs(parent, exist_ok=True)
        with fs.open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise ProdreadyError(f"{target}: cannot write: {error}") from None
