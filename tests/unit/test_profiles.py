"""Profiles: loading and validation, custom weights and bands, and ML Test Score arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.errors import ConfigError
from prodready.models import (
    Band,
    Category,
    ChecklistReport,
    Claim,
    ClaimStatus,
    RubricOutcome,
    RuleResult,
    Severity,
    Status,
)
from prodready.profiles import Evidence, Profile, Rubric, RubricBand, RubricTest, load_profile
from prodready.scoring import band_for, score_rubric, weighted_score


def rule(rule_id: str, status: Status, severity: Severity = Severity.MEDIUM) -> RuleResult:
    return RuleResult(
        rule_id=rule_id, title="t", category=Category.TESTING, severity=severity, status=status
    )


def claim(field: str, status: ClaimStatus) -> Claim:
    return Claim(section=field.split(".")[0], field=field, status=status)


def test_builtin_profiles_load_and_reference_real_rules() -> None:
    from prodready.engine.registry import discover

    catalog = discover(plugins=False)
    mts = load_profile("ml-test-score")
    assert mts.rubric is not None and mts.rubric.version == "2017"
    assert {name: len(tests) for name, tests in mts.rubric.sections.items()} == {
        "data": 7,
        "model": 7,
        "infrastructure": 7,
        "monitoring": 7,
    }
    referenced = {
        rid
        for tests in mts.rubric.sections.values()
        for t in tests
        for rid in t.automated.rules + t.manual.rules
    }
    assert referenced <= set(catalog.rules), referenced - set(catalog.rules)
    assert load_profile("default").weights[Severity.CRITICAL] == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: x\nbands: {ready: 50, ready_with_conditions: 70}\n",
            "ready_with_conditions must not be above ready",
        ),
        ("name: x\nweigths: {}\n", "weigths: unknown key (did you mean 'weights'?)"),
        ("name: x\nweights: {critical: 1}\n", "weights missing for: high, medium, low, info"),
        ("name: [x\n", "team.yaml:2:1: invalid YAML"),
    ],
)
def test_bad_profiles_are_config_errors_at_their_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"team\.yaml") as error:
        load_profile(str(path))
    assert message in str(error.value)
    with pytest.raises(ConfigError, match="unknown profile 'nope'"):
        load_profile("nope")


def test_custom_weights_bands_and_required_sections() -> None:
    profile = Profile(
        name="team",
        weights={
            Severity.CRITICAL: 1,
            Severity.HIGH: 1,
            Severity.MEDIUM: 1,
            Severity.LOW: 1,
            Severity.INFO: 1,
        },
        bands={"ready": 50, "ready_with_conditions": 25},
        required_sections=["monitoring"],
    )
    results = [
        rule("A-001", Status.PASS, Severity.CRITICAL),
        rule("A-002", Status.FAIL, Severity.LOW),
    ]
    assert weighted_score(results, profile.weights) == 50.0
    checklist = ChecklistReport(
        path="prodready.yaml", claims=[claim("monitoring", ClaimStatus.MISSING)]
    )
    assert band_for(50.0, results, profile, checklist)[0] == Band.NOT_READY
    fine = ChecklistReport(
        path="prodready.yaml", claims=[claim("monitoring.feature_drift", ClaimStatus.VERIFIED)]
    )
    assert band_for(50.0, results, profile, fine)[0] == Band.READY


def _rubric(**sections: list[RubricTest]) -> Profile:
    rubric = Rubric(
        version="2017",
        reference="r",
        points={"none": 0, "manual": 0.5, "automated": 1},
        sections=sections,
        bands=[
            RubricBand(up_to=0, label="research"),
            RubricBand(up_to=1, label="holes"),
            RubricBand(up_to=2, label="first pass"),
            RubricBand(label="better"),
        ],
    )
    return Profile(name="mts", kind="ml_test_score", rubric=rubric)


def test_ml_test_score_arithmetic_by_hand() -> None:
    automated = RubricTest(
        id="A", title="a", automated=Evidence(rules=["T-001"]), manual=Evidence(claims=["x.y"])
    )
    manual = RubricTest(
        id="B", title="b", automated=Evidence(rules=["T-002"]), manual=Evidence(claims=["x.y"])
    )
    none = RubricTest(id="C", title="c", manual=Evidence(claims=["z"]))
    undecided = RubricTest(id="D", title="d", automated=Evidence(rules=["T-003"]))
    unmappable = RubricTest(id="E", title="e")
    profile = _rubric(
        data=[automated, manual, none], model=[automated, automated, undecided, unmappable]
    )
    results = [
        rule("T-001", Status.PASS),
        rule("T-002", Status.FAIL),
        rule("T-003", Status.UNKNOWN),
    ]
    checklist = ChecklistReport(
        path="p", claims=[claim("x.y", ClaimStatus.CLAIMED), claim("z", ClaimStatus.MISSING)]
    )
    scored = score_rubric(profile, results, checklist)
    assert scored is not None
    data, model = scored.sections
    assert [t.outcome for t in data.tests] == [
        RubricOutcome.AUTOMATED,
        RubricOutcome.MANUAL,
        RubricOutcome.NONE,
    ]
    assert data.points == 1.5 and data.undecided == 0
    assert [t.points for t in model.tests] == [1.0, 1.0, None, None]
    assert model.points == 2.0 and model.undecided == 2
    assert scored.final_score == 1.5  # the minimum over sections, not the sum
    assert scored.band == "first pass" and scored.lower_bound


def test_contradicted_claims_earn_no_manual_credit() -> None:
    test = RubricTest(id="A", title="a", manual=Evidence(claims=["latency."]))
    profile = _rubric(monitoring=[test])
    checklist = ChecklistReport(
        path="p",
        claims=[
            claim("latency.p50_ms", ClaimStatus.VERIFIED),
            claim("latency.p99_ms", ClaimStatus.CONTRADICTED),
        ],
    )
    scored = score_rubric(profile, [], checklist)
    assert scored is not None and scored.final_score == 0 and scored.band == "research"


def test_ml_test_score_on_the_examples(example_repo, tmp_path: Path) -> None:
    from prodready.audit import run_audit
    from prodready.config import Settings

    prepared = run_audit(
        example_repo("fraud-detection"), Settings(profile="ml-test-score", cache=False)
    )
    poc = run_audit(
        example_repo("churn-notebook-poc"), Settings(profile="ml-test-score", cache=False)
    )
    assert prepared.rubric is not None and poc.rubric is not None
    assert prepared.rubric.final_score > poc.rubric.final_score == 0
    assert poc.rubric.band == "More of a research project than a productionized system"
    assert prepared.profile == "ml-test-score"
