"""Plain text: the terminal summary without colour, for logs and files."""

from __future__ import annotations

from prodready.models import AuditResult


def render(result: AuditResult) -> str:
    from io import StringIO

    from rich.console import Console

    from prodready.report.terminal import print_summary

    buffer = StringIO()
    print_summary(
        result, Console(file=buffer, width=100, no_color=True, highlight=False, emoji=False)
    )
    return buffer.getvalue()
