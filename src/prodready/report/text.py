"""Plain text: the terminal summary without colour and without hard wrapping, for logs and files."""

from __future__ import annotations

from prodready.models import AuditResult


def render(result: AuditResult) -> str:
    from io import StringIO

    from rich.console import Console

    from prodready.report.terminal import print_summary

    buffer = StringIO()
    console = Console(
        file=buffer, width=200, color_system=None, soft_wrap=True, highlight=False, emoji=False
    )
    print_summary(result, console)
    return buffer.getvalue()
