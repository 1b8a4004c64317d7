"""Distribution names a shell line installs, and what a notebook installs itself.

``!pip install timm==0.4.5`` declares ``timm`` for the notebook, the way a requirements
file would, and so does ``pip install`` in a CI job, a Dockerfile or a Makefile.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

from prodready.scanners.facts import NotebookFacts

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
