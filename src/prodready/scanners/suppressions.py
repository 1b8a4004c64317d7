"""Find inline suppression comments: ``# prodready: ignore[RULE-ID] reason="..." until=YYYY-MM-DD``.

They are read from the text already in memory: in Python through the tokenizer,
so a marker quoted in a string or docstring is not a suppression; in other files
with ``#`` comments (YAML, TOML, shell) line by line. Documentation is skipped:
it quotes the syntax. Applying them is the engine's job; this only records them.
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


_PROSE = (".md", ".rst", ".txt", ".adoc", ".html", ".ipynb")


def find_suppressions(texts: dict[str, str]) -> dict[str, tuple[InlineSuppression, ...]]:
    found: dict[str, tuple[InlineSuppression, ...]] = {}
    for path, text in texts.items():
        if _MARKER not in text or path.endswith(_PROSE):
            continue
        lines = text.splitlines()
        comments = _python_comments(text) if path.endswith(".py") else None
        entries = []
        for number, line in enumerate(lines, start=1):
            if comments is not None and number not in comments:
                continue
            match = _COMMENT.search(comments[number] if comments is not None else line)
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


def _python_comments(text: str) -> dict[int, str]:
    """Comment tokens by line; a file the tokenizer rejects has none we can trust."""
    import io
    import tokenize

    comments: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and _MARKER in token.string:
                comments[token.start[0]] = token.string
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return comments
    return comments
