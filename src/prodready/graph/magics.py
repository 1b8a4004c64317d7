"""What a notebook's IPython magics say about its imports.

``%load_ext line_profiler`` imports ``line_profiler``; ``%%writefile helper.py``
writes a module the notebook then imports (``import helper`` is not a package).
What ``!pip install`` declares is a scanner fact (``scanners.configs.installs``).
"""

from __future__ import annotations

import re

from prodready.scanners.facts import ImportFact, NotebookFacts

# Extensions IPython ships: loading one needs nothing beyond the kernel.
_BUILTIN_EXTENSIONS = frozenset({"autoreload", "storemagic"})
_LOAD_EXT = re.compile(r"^%(?:re)?load_ext\s+([A-Za-z_][\w.]*)")
_WRITEFILE = re.compile(r"^%%(?:writefile|file)\s+(?:-a\s+|--append\s+)?(\S+)")


def extension_imports(notebook: NotebookFacts) -> list[ImportFact]:
    """``%load_ext X`` as the import of ``X`` it performs."""
    found = []
    for magic in notebook.magics:
        match = _LOAD_EXT.match(magic.text)
        if match and match.group(1).split(".")[0] not in _BUILTIN_EXTENSIONS:
            found.append(ImportFact(module=match.group(1), line=magic.line))
    return found


def written_modules(notebook: NotebookFacts) -> set[str]:
    """Top-level module names the notebook writes with ``%%writefile name.py``."""
    found = set()
    for magic in notebook.magics:
        match = _WRITEFILE.match(magic.text)
        if match and match.group(1).strip("\"'").endswith(".py"):
            found.add(match.group(1).strip("\"'").rsplit("/", 1)[-1].removesuffix(".py"))
    return found
