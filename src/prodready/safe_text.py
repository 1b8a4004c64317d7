"""Repository text made inert for each output it reaches: terminal, Markdown, XML, URIs.

File names, contract fields, CODEOWNERS entries and checklist values are written by whoever
wrote the audited repository. Printed raw they clear a terminal or disguise a link (escape
sequences, rich markup), inject headings, images and @-mentions into a pull-request comment,
or make an XML report not well-formed. Every reporter passes such text through one of
these functions; none of them interprets it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides that
# reorder what a reader sees ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Everything XML 1.0 does not allow in a document (tab, newline and return are allowed).
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# ASCII punctuation a Markdown renderer may act on; CommonMark lets each be backslash-escaped.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&=:\"'$%^;,/?])")
_MENTION = re.compile(r"@(?=[\w-])")


def visible(text: str, newlines: bool = False) -> str:
    """Control characters as ``\\x1b``-style escapes; newlines kept only when ``newlines``."""
    shown = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(text))
    if newlines:
        return shown.replace("\t", "\\t")
    return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def terminal(text: str) -> str:
    """For ``rich``: control characters made visible and markup (``[/]``, ``[link=…]``) escaped."""
    from rich.markup import escape

    return escape(visible(text))


def markdown(text: str) -> str:
    """Plain Markdown inline text: one line, every active character escaped, no @-mentions."""
    escaped = _MARKDOWN.sub(r"\\\1", visible(text))
    return _MENTION.sub("@\u200b", escaped)  # a zero-width space: GitHub then notifies no one


def markdown_code(text: str) -> str:
    """A Markdown code span holding ``text`` literally, whatever backticks it contains."""
    shown = _MENTION.sub("@\u200b", visible(text))
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or not shown.strip() else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def xml(text: str) -> str:
    """Text without the characters XML 1.0 forbids (they become visible escapes)."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", str(text))


def uri_path(path: str) -> str:
    """A relative file path as a URI reference: ``#``, ``?``, ``%`` and spaces percent-encoded."""
    return quote(path, safe="/")
