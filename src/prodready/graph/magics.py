"""What a notebook's IPython magics say about its dependencies.

``%load_ext line_profiler`` imports ``line_profiler``; ``%%writefile helper.py``
writes a module the notebook then imports (``import helper`` is not a package);
``!pip install timm==0.4.5`` declares ``timm`` for the notebook, the way a
requirements file would (and so does ``pip install`` in a CI job or a Dockerfile).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

from prodready.scanners.facts import ImportFact, NotebookFacts

# Extensions IPython ships: loading one needs nothing beyond the kernel.
_BUILTIN_EXTENSIONS = frozenset({"autoreload", "storemagic"})
_LOAD_EXT = re.compile(r"^%(?:re)?load_ext\s+([A-Za-z_][\w.]*)")
_WRITEFILE = re.compile(r"^%%(?:writefile|file)\s+(?:-a\s+|--append\s+)?(\S+)")
_INSTALL = re.compile(
    r"(?:^|\s)(?:(?:python[\d.]*|\{sys\.executable\})\s+-m\s+)?"
    r"(?:pip3?|conda|mamba|micromamba|uv\s+pip)\s+install\s+(.*)$"
)
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
# Options of `pip install` / `conda install` that take a value: the value is not a package.
_VALUED_OPTIONS = frozenset(
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
        "-n", "--name", "-p", "--channel", "--platform", "--python-version",
    }
)  # fmt: skip


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


def installed(notebook: NotebookFacts) -> Iterator[str]:
    """Distribution names the notebook installs itself (``!pip install``, ``%conda install``)."""
    for magic in notebook.magics:
        if magic.text.startswith(("!", "%")):
            yield from install_names(magic.text.lstrip("!%"))


def install_names(line: str) -> Iterator[str]:
    """Names a shell line installs: ``pip install -U x "y[extra]>=1"``, ``conda install -c c z``."""
    for command in re.split(r"&&|\|\||;|\|", line):
        match = _INSTALL.search(command.strip())
        if match is None:
            continue
        try:
            words = shlex.split(match.group(1).split(" #")[0])
        except ValueError:
            continue
        skip = False
        for word in words:
            if skip:
                skip = False
                continue
            if word.startswith("-"):
                skip = word in _VALUED_OPTIONS
                continue
            if "://" in word or word.startswith((".", "/", "$", "{", "~")) or "/" in word:
                continue  # a URL, a local path or a variable, not a name on an index
            name = _REQUIREMENT.match(word.split("::")[-1])
            if name:
                yield name.group(1)
