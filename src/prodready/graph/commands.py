"""Modules a shell command runs: ``python -m pkg.mod``, ``python path/to/script.py``, ``uvicorn pkg.mod:app``."""

from __future__ import annotations

import re

_PYTHON = re.compile(
    r"(?<![\w/.-])(?:python[\d.]*|py|uv\s+run(?:\s+python[\d.]*)?|poetry\s+run\s+python[\d.]*|"
    r"pipenv\s+run\s+python[\d.]*)\s+(?:-[A-Za-z]+\s+)*"
    r"(?:-m\s+(?P<module>[A-Za-z_][\w.]*)|(?P<script>[\w./-]+\.py)\b)"
)
_APP_SERVER = re.compile(
    r"(?<![\w-])(?:uvicorn|gunicorn|hypercorn|daphne|waitress-serve|granian)\b[^\n\"']*?"
    r"\s(?:--app\s+|--call\s+)?(?P<target>[A-Za-z_][\w.]*):[A-Za-z_]\w*"
)
_BARE_SCRIPT = re.compile(r"(?:^|[\s\"'\[,])(?:\./)?(?P<script>[\w./-]+\.py)\b")


def command_targets(command: str) -> list[tuple[str, str]]:
    """``("module", "pkg.mod")`` or ``("path", "dir/script.py")`` for each module the command runs."""
    found: list[tuple[str, str]] = []
    for match in _PYTHON.finditer(command):
        if match.group("module"):
            found.append(("module", match.group("module")))
        else:
            found.append(("path", match.group("script").removeprefix("./")))
    for match in _APP_SERVER.finditer(command):
        found.append(("module", match.group("target")))
    return list(dict.fromkeys(found))


def script_mentions(text: str) -> set[str]:
    """Every ``something.py`` a text names: scripts run from CI, a Makefile or the docs."""
    return {match.group("script").removeprefix("./") for match in _BARE_SCRIPT.finditer(text)}
