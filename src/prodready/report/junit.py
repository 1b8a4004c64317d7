"""JUnit XML as GitHub, GitLab and Jenkins display it: one test case per evaluated rule."""

from __future__ import annotations

from xml.etree import ElementTree

from prodready.models import AuditResult, Status
from prodready.report.presentation import accepted_debt, where
from prodready.safe_text import xml


def render(result: AuditResult) -> str:
    suite = ElementTree.Element("testsuite", name=xml(f"prodready: {result.repo.name}"))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule in result.results:
        counts["tests"] += 1
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"prodready.{rule.category.value}",
            name=f"{rule.rule_id} {rule.title}",
        )
        open_findings = [f for f in rule.findings if f.suppression is None]
        if rule.status == Status.FAIL and not rule.findings:  # --changed-since left them out
            counts["skipped"] += 1
            ElementTree.SubElement(case, "skipped", message=rule.message)
        elif rule.status == Status.FAIL and not open_findings:
            counts["skipped"] += 1  # all accepted in the baseline: debt, not a new failure
            ElementTree.SubElement(
                case,
                "skipped",
                message=f"{sum(map(accepted_debt, rule.findings))} accepted as known debt (baseline)",
            )
        elif rule.status == Status.FAIL:
            counts["failures"] += 1
            failure = ElementTree.SubElement(
                case, "failure", message=xml(rule.message), type=rule.severity.value
            )
            failure.text = xml(
                "\n".join(f"{where(f)}: {f.message}\n  fix: {f.remediation}" for f in open_findings)
            )
        elif rule.status == Status.ERROR:
            counts["errors"] += 1
            ElementTree.SubElement(case, "error", message=xml(rule.message))
        elif rule.status in (Status.UNKNOWN, Status.NOT_APPLICABLE, Status.SUPPRESSED):
            counts["skipped"] += 1
            ElementTree.SubElement(
                case, "skipped", message=xml(f"{rule.status.value}: {rule.message}")
            )
    for key, value in counts.items():
        suite.set(key, str(value))
    suites = ElementTree.Element(
        "testsuites", name="prodready", **{k: str(v) for k, v in counts.items()}
    )
    suites.append(suite)
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(suites, encoding="unicode")
        + "\n"
    )
