"""Whether an import runs unconditionally at import time, read from the line's enclosing blocks.

The import facts do not say where a statement sits, so the source text is read
around it: an import under ``if TYPE_CHECKING`` never runs (it cannot make a
cycle), one under ``try`` is optional (its package need not be declared), one
inside a function is lazy.
"""

from __future__ import annotations

import re
from enum import StrEnum

_HEADER = re.compile(
    r"^\s*(async\s+def|def|class|try|except|else|elif|finally|if|for|while|with)\b"
)


class Guard(StrEnum):
    TYPE_CHECKING = "type_checking"
    TRY = "try"
    CONDITIONAL = "if"
    LAZY = "lazy"


def import_guard(lines: list[str], line: int) -> Guard | None:
    """The strongest guard around the statement on 1-based ``line``; None at module level."""
    if not 0 < line <= len(lines):
        return None
    indent = _indent(lines[line - 1])
    found: set[Guard] = set()
    number = line - 1
    while indent > 0 and number > 0:
        number -= 1
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith("#") or _indent(text) >= indent:
            continue
        indent = _indent(text)
        guard = _guard_of(stripped)
        if guard is not None:
            found.add(guard)
    for guard in (Guard.TYPE_CHECKING, Guard.TRY, Guard.CONDITIONAL, Guard.LAZY):
        if guard in found:
            return guard
    return None


def _guard_of(header: str) -> Guard | None:
    match = _HEADER.match(header)
    if match is None:
        return None
    word = match.group(1)
    if word in ("if", "elif") and "TYPE_CHECKING" in header:
        return Guard.TYPE_CHECKING
    if word in ("try", "except", "finally"):
        return Guard.TRY
    if word in ("if", "elif", "else", "for", "while"):
        return Guard.CONDITIONAL
    if word.endswith("def"):
        return Guard.LAZY
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))
