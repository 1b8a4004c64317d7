"""Reporters: one module per format, each rendering an AuditResult and computing nothing."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from prodready.models import AuditResult


class Renderer(Protocol):
    def __call__(self, result: AuditResult) -> str: ...


@dataclass(frozen=True)
class ReporterSpec:
    module: str
    extension: str
    description: str

    def renderer(self) -> Renderer:
        return importlib.import_module(f"prodready.report.{self.module}").render


REPORTERS: dict[str, ReporterSpec] = {
    "json": ReporterSpec(
        "json_report", "json", "the result model, versioned (see `prodready schema`)"
    ),
    "html": ReporterSpec("html", "html", "self-contained report for sign-off"),
    "markdown": ReporterSpec("markdown", "md", "summary for a pull request or PRD page"),
    "text": ReporterSpec("text", "txt", "plain-text summary"),
    "sarif": ReporterSpec("sarif", "sarif", "SARIF 2.1.0 for code scanning"),
    "junit": ReporterSpec("junit", "xml", "JUnit XML: one test case per evaluated rule"),
    "github": ReporterSpec("github", "txt", "GitHub Actions annotations"),
}


def render(result: AuditResult, format_name: str) -> str:
    """Secrets are masked here too: a saved report given to `prodready report` may carry them."""
    from prodready.secrets import masked

    return REPORTERS[format_name].renderer()(masked(result))
