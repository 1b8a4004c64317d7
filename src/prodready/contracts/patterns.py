"""Contract ``pattern``s compiled for a linear-time engine (RE2), never for backtracking ``re``.

A contract is repository content: ``^(a+)+$`` against 35 characters never finishes in
Python's ``re``. RE2 matches in time linear in the input, whatever the pattern; the few
constructs it cannot run (backreferences, lookaround) make the check ``unknown``, not pass.
"""

from __future__ import annotations

from typing import Any

_MAX_MEMORY = 8 << 20  # bytes RE2 may use for one compiled pattern


class PatternError(ValueError):
    """Why a pattern cannot be checked: not a regular expression, or not one RE2 runs."""


def compile_pattern(pattern: str) -> Any:
    """The compiled pattern (``.search`` as ``re``), or ``PatternError`` saying why not."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.max_mem = _MAX_MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = (
            error.args[0].decode()
            if error.args and isinstance(error.args[0], bytes)
            else str(error)
        )
        raise PatternError(
            f"{reason} (patterns run on a linear-time engine: no backreferences or lookaround)"
        ) from None
