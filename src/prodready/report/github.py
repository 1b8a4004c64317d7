"""GitHub Actions workflow commands: annotations on the lines of each open finding."""

from __future__ import annotations

from prodready.models import AuditResult, Severity, Status
from prodready.safe_text import visible

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}


def _data(text: str) -> str:
    """Workflow-command escaping, after control characters (ESC in a file name) are made visible."""
    shown = visible(text, newlines=True)
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: AuditResult) -> str:
    lines = []
    for rule in result.results:
        if rule.status != Status.FAIL:
            continue
        for finding in rule.findings:
            if finding.suppression is not None:
                continue
            properties = [f"title={_property(f'{finding.rule_id} {rule.title}')}"]
            if finding.location.path:
                properties.insert(0, f"file={_property(finding.location.path)}")
                if finding.location.line:
                    properties.insert(1, f"line={finding.location.line}")
            message = f"{finding.message} (fix: {finding.remediation})"
            lines.append(f"::{COMMANDS[finding.severity]} {','.join(properties)}::{_data(message)}")
    score = "n/a" if result.score is None else f"{result.score:g}"
    lines.append(f"::notice title=prodready::readiness {score}/100, {result.band.value}")
    return "\n".join(lines) + "\n"
