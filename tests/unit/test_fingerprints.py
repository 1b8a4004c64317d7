"""Fingerprints name the debt, not its size: a count in a message never makes an old finding new."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.audit import rule_context
from prodready.engine import evaluate_rule
from prodready.engine.kind import detect_kind
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.scanners import ScanOptions, collect

META = RuleMeta(
    id="ACME-001",
    title="A rule whose messages carry counts",
    category=Category.TESTING,
    severity=Severity.MEDIUM,
    rationale="Counts grow with the repository.",
    passes_when="Never.",
    remediation="Nothing.",
)


def _fingerprints(tmp_path: Path, verdict: Verdict) -> list[str]:
    class Counting(Rule):
        meta = META

        def evaluate(self, ctx):  # type: ignore[no-untyped-def]
            return verdict

    facts = collect(tmp_path, ScanOptions(use_cache=False))
    result = evaluate_rule(Counting(), rule_context(facts, detect_kind(facts)))
    return [finding.fingerprint for finding in result.findings]


def test_a_repository_wide_failure_keeps_its_fingerprint_as_the_repo_grows(
    tmp_path: Path,
) -> None:
    small = _fingerprints(tmp_path, Verdict.failed("0 test module(s) for 15 source module(s)"))
    grown = _fingerprints(
        tmp_path, Verdict.failed("0 test module(s) for 16 source module(s), imports a, b, c")
    )
    assert small == grown and len(small) == 1


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("data file of 142.0 kB committed to git", "data file of 1,150.5 kB committed to git"),
        ("11 code cell(s) committed with outputs", "12 code cell(s) committed with outputs"),
    ],
)
def test_a_file_finding_without_a_line_is_keyed_without_its_numbers(
    tmp_path: Path, before: str, after: str
) -> None:
    def one(message: str, path: str = "data/a.csv") -> list[str]:
        return _fingerprints(tmp_path, Verdict.failed("x", [FindingDraft(message, path=path)]))

    assert one(before) == one(after)
    assert one(before) != one(before, path="data/b.csv")
    assert one(before) != one("model binary of 142.0 kB committed to git")
