"""The console script. ``prodready --version`` answers before click and the commands load,
so a version check (pre-commit, CI) costs the interpreter's start and little more."""

from __future__ import annotations

import sys

from prodready import __version__

_VERSION_FLAGS = (["--version"], ["-V"])


def main() -> None:
    if sys.argv[1:] in _VERSION_FLAGS:
        print(f"prodready, version {__version__}")  # click's version_option says the same
        return
    from prodready.cli import main as run

    run()
