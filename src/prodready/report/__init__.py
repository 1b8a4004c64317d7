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
    """``extension`` names default files (distinct per format, so two never share one);
    ``accepts`` are the file endings this format may be written to (``-o`` is checked)."""

    module: str
    extension: str
    description: str
    accepts: tuple[str, ...] = ()

    def fits(self, filename: str) -> bool:
        return filename.lower().endswith(
            tuple(f".{ending}" for ending in (self.extension, *self.accepts))
        )

    def renderer(self) -> Renderer:
        return importlib.import_module(f"prodready.report.{self.module}").render


REPORTERS: dict[str, ReporterSpec] = {
    "json": ReporterSpec(
        "json_report", "json", "the result model, versioned (see `prodready schema`)"
    ),
    "html": ReporterSpec("html", "html", "self-contained report for sign-off", ("htm",)),
    "markdown": ReporterSpec(
        "markdown", "md", "summary for a pull request or PRD page", ("markdown",)
    ),
    "text": ReporterSpec("text", "txt", "plain-text summary", ("log",)),
    "concise": ReporterSpec(
        "listing",
        "concise.txt",
        "one line per finding: path:line: SEVERITY RULE-ID message",
        ("txt", "log"),
    ),
    "sarif": ReporterSpec("sarif", "sarif", "SARIF 2.1.0 for code scanning", ("sarif.json",)),
    "junit": ReporterSpec("junit", "xml", "JUnit XML: one test case per evaluated rule"),
    "github": ReporterSpec("github", "github.txt", "GitHub Actions annotations", ("txt", "log")),
}


def format_for(filename: str) -> str | None:
    """The format a file name asks for by its ending (``report.html``), or None.

    The longest ending wins (``x.sarif.json`` is SARIF), then a format's own extension
    (``x.txt`` is text, though annotations may be written to one too).
    """
    lowered = filename.lower()
    endings = [
        (ending, index > 0, name)
        for name, spec in REPORTERS.items()
        for index, ending in enumerate((spec.extension, *spec.accepts))
    ]
    endings.sort(key=lambda item: (-len(item[0]), item[1]))
    return next((name for ending, _, name in endings if lowered.endswith(f".{ending}")), None)


def render(result: AuditResult, format_name: str) -> str:
    """Secrets are masked here too: a saved report given to `prodready report` may carry them."""
    from prodready.secrets import masked

    return REPORTERS[format_name].renderer()(masked(result))
