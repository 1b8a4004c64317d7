"""The MLOps maturity levels in words, shared by the terminal and Markdown reporters."""

from __future__ import annotations

from prodready.models import AuditResult, CriterionStatus, MaturityAssessment
from prodready.safe_text import markdown as escape

NAMES = {"google": "Google", "microsoft": "Microsoft"}


def level_text(assessment: MaturityAssessment) -> str:
    """``Google level 1/2 (ML pipeline automation)``, marked when unknowns hold it down."""
    top = len(assessment.levels) - 1
    name = NAMES.get(assessment.model, assessment.model)
    bound = " or higher (undecided criteria)" if assessment.lower_bound else ""
    return f"{name} level {assessment.level}/{top} ({assessment.level_name}){bound}"


def to_next(assessment: MaturityAssessment) -> str:
    """How many criteria of the next level are not met yet."""
    if assessment.next_level is None:
        return "top level"
    blocking = [
        c
        for c in assessment.criteria
        if c.level == assessment.next_level and c.status != CriterionStatus.MET
    ]
    total = sum(1 for c in assessment.criteria if c.level == assessment.next_level)
    return f"{len(blocking)} of {total} criteria to level {assessment.next_level}"


def maturity_line(result: AuditResult) -> str | None:
    """One line for every model, or None when the result carries no maturity section."""
    if not result.maturity:
        return None
    return "MLOps maturity: " + "; ".join(f"{level_text(a)}, {to_next(a)}" for a in result.maturity)


def markdown_section(result: AuditResult) -> list[str]:
    """Each model's level and the steps to its next level, as Markdown lines."""
    if not result.maturity:
        return []
    lines = ["", "### MLOps maturity", ""]
    for assessment in result.maturity:
        lines.append(f"- **{escape(level_text(assessment))}**: {escape(to_next(assessment))}")
        lines += [f"  - {escape(step)}" for step in assessment.next_steps]
    return lines
