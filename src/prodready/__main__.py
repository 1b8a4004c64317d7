"""``python -m prodready``: the audited folder is often the working directory, never code to load.

Python puts the working directory first on the import path for ``-m``; a repository's own
``yaml.py`` or ``*.dist-info`` entry point would then load in prodready's process. Only
installed code may run, so that entry leaves the path before anything else is imported.
"""

import os
import sys

_here = os.path.realpath(os.getcwd())
sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.realpath(p) != _here]

from prodready.entry import main  # noqa: E402  (after the path is safe)

main()
