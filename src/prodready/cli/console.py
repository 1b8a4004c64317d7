"""The terminal as prodready writes to it: colour by choice, wrapping only on a real terminal,
and a closed pipe (``prodready audit | head``) ending quietly with the command's own code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

COLOR_CHOICES = ("auto", "always", "never")


def make_console(color: str = "auto", stderr: bool = False) -> Any:
    """A rich console: ``always``/``never`` win over NO_COLOR and FORCE_COLOR, which rich reads
    for ``auto``. Lines wrap (with a hanging indent) only when the stream is a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    options: dict[str, Any] = {}
    if color == "always":
        options = {"force_terminal": True, "no_color": False}
    elif color == "never":
        options = {"color_system": None}

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1: the caller knows the real code
            self.quiet = True
            raise BrokenPipeError

    tty = stream.isatty()
    return _Console(
        file=stream,
        highlight=False,
        emoji=False,
        soft_wrap=not tty,
        width=None if tty else 200,
        **options,
    )


@contextmanager
def closed_pipe_exits(code: int) -> Iterator[None]:
    """A reader that stopped reading is not an error: exit with ``code``, say nothing."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(code)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor (a test runner's buffer)
        pass
    finally:
        os.close(devnull)
