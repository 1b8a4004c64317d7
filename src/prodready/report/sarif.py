"""SARIF 2.1.0 for code-scanning tools: one run, rule metadata, locations, fingerprints, suppressions."""

from __future__ import annotations

import json
from typing import Any

from prodready import __version__
from prodready.models import AuditResult, Finding, Severity, Status
from prodready.safe_text import uri_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/prodready/prodready"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
SUPPRESSION_KINDS = {"inline": "inSource", "config": "external", "baseline": "external"}


def render(result: AuditResult) -> str:
    docs = result.rule_docs
    index = {doc.id: position for position, doc in enumerate(docs)}
    fallback = result.checklist.path if result.checklist and result.checklist.path else "."
    results = [
        _result(finding, index, fallback if finding.rule_id.startswith("CHK-") else ".")
        for rule in result.results
        if rule.status in (Status.FAIL, Status.SUPPRESSED)
        for finding in rule.findings
    ]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prodready",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(doc) for doc in docs],
                    }
                },
                "automationDetails": {"id": f"prodready/{result.repo.name}/"},
                "results": results,
                "properties": {
                    "score": result.score,
                    "band": result.band.value,
                    "profile": result.profile,
                },
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _rule(doc: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": doc.id,
        "name": "".join(
            word.capitalize() for word in doc.title.replace("-", " ").split() if word.isalnum()
        )
        or doc.id,
        "shortDescription": {"text": doc.title},
        "fullDescription": {"text": doc.rationale},
        "help": {
            "text": f"{doc.rationale}\n\nPasses when: {doc.passes_when}\n\nFix: {doc.remediation}",
            "markdown": f"{doc.rationale}\n\n**Passes when:** {doc.passes_when}\n\n**Fix:** {doc.remediation}",
        },
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
        "properties": {
            "category": doc.category.value,
            "severity": doc.severity.value,
            "tags": [doc.category.value],
        },
    }
    if doc.help_uri:
        rule["helpUri"] = doc.help_uri
    return rule


def _result(finding: Finding, index: dict[str, int], fallback: str) -> dict[str, Any]:
    region = {"startLine": finding.location.line} if finding.location.line else None
    physical: dict[str, Any] = {
        "artifactLocation": {
            "uri": uri_path(finding.location.path or fallback),
            "uriBaseId": "%SRCROOT%",
        }
    }
    if region:
        physical["region"] = region
    text = finding.message
    if finding.evidence:
        text += " Evidence: " + "; ".join(finding.evidence[:5])
    entry: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"prodready/v1": finding.fingerprint},
        "properties": {"remediation": finding.remediation, "severity": finding.severity.value},
    }
    if finding.rule_id in index:
        entry["ruleIndex"] = index[finding.rule_id]
    if finding.suppression is not None:
        entry["suppressions"] = [
            {
                "kind": SUPPRESSION_KINDS.get(finding.suppression.kind, "external"),
                "status": "accepted",
                "justification": finding.suppression.reason or finding.suppression.kind,
            }
        ]
    return entry
