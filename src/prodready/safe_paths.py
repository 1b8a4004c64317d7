"""Where prodready may write: never through a symlink the audited repository could have committed.

A repository can commit ``.prodready`` or ``reports`` as a symlink to anywhere (a dotfile, git's
global excludes file). Writing through it would let the repository choose what prodready
overwrites outside itself, so every write below the repository root first checks that no
component of the path, the file included, is a symlink.
"""

from __future__ import annotations

import os
from pathlib import Path


def symlink_on_the_way(path: Path, root: Path) -> Path | None:
    """The first symlink from ``root`` (excluded) down to ``path`` (included), if ``path`` is
    below ``root``; None when there is none or ``path`` is elsewhere."""
    target = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root))
    try:
        parts = target.relative_to(base).parts
    except ValueError:
        return None
    current = base
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None
