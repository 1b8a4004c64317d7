"""The maturity section in every format: rendered from the result, repository text inert."""

from __future__ import annotations

import json

from rich.console import Console

from prodready.maturity import assess
from prodready.maturity.criteria import GOOGLE, MICROSOFT
from prodready.models import Aspect, AspectStatus, AuditResult
from prodready.report import render
from prodready.report.terminal import print_summary
from tests.unit.test_scoring_and_gate import _audit

HOSTILE = "<script>alert(1)</script> [x](https://evil.example) @team"


def _signals(name: str) -> Aspect:
    """Levels 1-2 met, one level-3 criterion undecided with hostile evidence."""
    if name == "ci_deploys":
        return Aspect(status=AspectStatus.UNKNOWN, evidence=[f"cannot see: {HOSTILE}"])
    if name in ("integration_tests", "data_versioning", "ci_trains", "retrain_on_metrics"):
        return Aspect(status=AspectStatus.NO, evidence=["nothing found"])
    return Aspect(status=AspectStatus.YES, evidence=[f"src/{HOSTILE}.py:3"])


def _result() -> AuditResult:
    return _audit([], 50.0).model_copy(
        update={"maturity": [assess(GOOGLE, _signals), assess(MICROSOFT, _signals)]}
    )


def test_levels_of_the_fixture() -> None:
    google, microsoft = _result().maturity
    assert (google.level, microsoft.level) == (0, 2)
    assert microsoft.next_level == 3 and not microsoft.lower_bound
    assert len(microsoft.next_steps) == 3


def test_terminal_prints_one_maturity_line() -> None:
    console = Console(record=True, width=300)
    print_summary(_result(), console)
    lines = [line for line in console.export_text().splitlines() if "MLOps maturity" in line]
    assert lines == [
        "MLOps maturity: Google level 0/2 (Manual process), 1 of 7 criteria to level 1; "
        "Microsoft level 2/4 (Automated training), 3 of 3 criteria to level 3"
    ]


def test_terminal_prints_nothing_for_a_report_without_maturity() -> None:
    console = Console(record=True, width=300)
    print_summary(_audit([], 50.0), console)
    assert "MLOps maturity" not in console.export_text()


def test_markdown_lists_levels_and_escaped_steps() -> None:
    text = render(_result(), "markdown")
    assert "### MLOps maturity" in text
    assert "- **Microsoft level 2\\/4 \\(Automated training\\)**" in text
    assert "could not be decided" in text
    assert "<script>" not in text and "](https://evil" not in text and "@team" not in text


def test_html_has_the_criteria_with_escaped_evidence() -> None:
    text = render(_result(), "html")
    section = text[text.index('<section aria-labelledby="maturity"') :]
    section = section[: section.index("</section>")]
    assert "Microsoft Azure MLOps maturity model: level 2 of 4, Automated training" in section
    assert section.count('<span class="tag s-pass">met</span>') == (6 + 4) + (4 + 5 + 1)
    assert '<span class="tag s-unknown">unknown</span>' in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "<script>" not in section
    assert "To reach level 3</strong> (Automated model deployment)" in section


def test_json_carries_the_section_and_reads_back() -> None:
    text = render(_result(), "json")
    data = json.loads(text)
    assert data["schema_version"] == "1.2"
    microsoft = data["maturity"][1]
    assert microsoft["model"] == "microsoft" and microsoft["level"] == 2
    deploys = next(c for c in microsoft["criteria"] if c["id"] == "microsoft.3.automatic_release")
    assert deploys["status"] == "unknown" and deploys["evidence"] == [f"cannot see: {HOSTILE}"]
    assert AuditResult.model_validate_json(text) == _result()
