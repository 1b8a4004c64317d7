"""Find inline suppression comments: ``# prodready: ignore[RULE-ID] reason="..." until=YYYY-MM-DD``.

They are read from the text already in memory, in any file with ``#`` comments.
Applying them is the engine's job; this only records what is written where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = "prodready:"
_COMMENT = re.compile(r"#\s*prodready:\s*ignore\[(?P<rules>[^\]]*)\](?P<rest>.*)$")
_REASON = re.compile(r"""reason\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
_UNTIL = re.compile(r"until\s*=\s*(?P<date>\S+)")


@dataclass(frozen=True, slots=True)
class InlineSuppression:
    path: str
    line: int
    rules: tuple[str, ...]
    reason: str | None
    until: str | None
    comment_only: bool  # a comment on its own line suppresses the next line too


def find_suppressions(texts: dict[str, str]) -> dict[str, tuple[InlineSuppression, ...]]:
    found: dict[str, tuple[InlineSuppression, ...]] = {}
    for path, text in texts.items():
        if _MARKER not in text:
            continue
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            match = _COMMENT.search(line)
            if match is None:
                continue
            rest = match.group("rest")
            reason = _REASON.search(rest)
            until = _UNTIL.search(rest)
            text_reason = (
                (reason.group("double") or reason.group("single") or "").strip() if reason else ""
            )
            entries.append(
                InlineSuppression(
                    path=path,
                    line=number,
                    rules=tuple(
                        r.strip().upper() for r in match.group("rules").split(",") if r.strip()
                    ),
                    reason=text_reason or None,
                    until=until.group("date") if until else None,
                    comment_only=line.lstrip().startswith("#"),
                )
            )
        if entries:
            found[path] = tuple(entries)
    return found
