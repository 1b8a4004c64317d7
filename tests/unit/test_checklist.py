"""The checklist cross-check: every status for every section, evidence resolution, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from prodready.checklist.crosscheck import SECTIONS, cross_check
from prodready.checklist.evidence import resolve
from prodready.models import ClaimStatus
from prodready.scanners import ScanOptions, collect
from prodready.scanners.checklist import parse_checklist
from tests.conftest import EXAMPLES, FIXTURES

BASE = FIXTURES / "rules" / "CHK-013" / "pass"
FOREST = "from sklearn.ensemble import RandomForestClassifier\n"
SEEDED = FOREST + "RandomForestClassifier(random_state=1).fit(X, y)\n"


def claims_for(
    tmp_path: Path, checklist: dict | None, files: dict[str, str] | None = None
) -> dict[str, ClaimStatus]:
    import shutil

    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    if checklist is None:
        (tmp_path / "prodready.yaml").unlink()
    else:
        (tmp_path / "prodready.yaml").write_text(yaml.safe_dump(checklist), encoding="utf-8")
    for path, text in (files or {}).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    report = cross_check(collect(tmp_path, ScanOptions(use_cache=False)))
    return {claim.field: claim.status for claim in report.claims}


V, C, X, M = (
    ClaimStatus.VERIFIED,
    ClaimStatus.CLAIMED,
    ClaimStatus.CONTRADICTED,
    ClaimStatus.MISSING,
)

CASES = [
    # (section, checklist, extra files, field, expected)
    ("model", {"model": {"owners": {"technical": ["@alice"]}}}, {}, "model.owners.technical", V),
    ("model", {"model": {"owners": {"technical": ["@zed"]}}}, {}, "model.owners.technical", X),
    ("model", {"model": {"owners": {"business": "Dana"}}}, {}, "model.owners.business", C),
    ("model", {}, {}, "model.owners.technical", M),
    (
        "objective",
        {
            "objective": {"success_metric": "auc", "acceptance_threshold": 0.8},
            "evaluation": {"metrics": [{"name": "auc", "evidence": "metrics/scores.json#/auc"}]},
        },
        {},
        "objective.acceptance_threshold",
        V,
    ),
    (
        "objective",
        {
            "objective": {"success_metric": "auc", "acceptance_threshold": 0.95},
            "evaluation": {"metrics": [{"name": "auc", "evidence": "metrics/scores.json#/auc"}]},
        },
        {},
        "objective.acceptance_threshold",
        X,
    ),
    (
        "objective",
        {"objective": {"acceptance_threshold": 0.8}},
        {},
        "objective.acceptance_threshold",
        C,
    ),
    ("objective", {}, {}, "objective.acceptance_threshold", M),
    (
        "baseline",
        {"baseline": {"value": 0.7, "evidence": "metrics/baseline.json#/auc"}},
        {},
        "baseline.value",
        V,
    ),
    (
        "baseline",
        {"baseline": {"value": 0.6, "evidence": "metrics/baseline.json#/auc"}},
        {},
        "baseline.value",
        X,
    ),
    (
        "baseline",
        {"baseline": {"value": 0.7, "evidence": "metrics/nope.json#/auc"}},
        {},
        "baseline.value",
        X,
    ),
    ("baseline", {"baseline": {"value": 0.7}}, {}, "baseline.value", C),
    ("baseline", {}, {}, "baseline.value", M),
    (
        "baseline",
        {
            "baseline": {"metric": "loss", "value": 0.2, "direction": "lower"},
            "evaluation": {"metrics": [{"name": "loss", "value": 0.3, "direction": "lower"}]},
        },
        {},
        "baseline.beaten",
        X,
    ),
    (
        "evaluation",
        {
            "evaluation": {
                "metrics": [{"name": "auc", "value": 0.9, "evidence": "metrics/scores.json#/auc"}]
            }
        },
        {},
        "evaluation.metrics[0].auc",
        V,
    ),
    (
        "evaluation",
        {
            "evaluation": {
                "metrics": [
                    {"name": "auc", "value": 0.9, "evidence": "metrics/scores.json#/missing_key"}
                ]
            }
        },
        {},
        "evaluation.metrics[0].auc",
        X,
    ),
    (
        "evaluation",
        {"evaluation": {"metrics": [{"name": "auc", "value": 0.9}]}},
        {},
        "evaluation.metrics[0].auc",
        C,
    ),
    ("evaluation", {}, {}, "evaluation.metrics", M),
    (
        "reproducibility",
        {"reproducibility": {"seed": 1}},
        {"train.py": SEEDED},
        "reproducibility.seed",
        V,
    ),
    (
        "reproducibility",
        {"reproducibility": {"seed": 1}},
        {"train.py": FOREST + "RandomForestClassifier().fit(X, y)\n"},
        "reproducibility.seed",
        X,
    ),
    (  # an unknown model's fit and no seed: nothing stochastic to check (REPRO-004 n/a)
        "reproducibility",
        {"reproducibility": {"seed": 1}},
        {"train.py": "model.fit(X, y)\n"},
        "reproducibility.seed",
        C,
    ),
    (  # the fixture's random.seed(1) before an unknown model's fit: the code sets the seed
        "reproducibility",
        {"reproducibility": {"seed": 1}},
        {},
        "reproducibility.seed",
        V,
    ),
    (
        "reproducibility",
        {"reproducibility": {"seed": 1}},
        {"train.py": "print('no training here')\n"},
        "reproducibility.seed",
        C,
    ),
    (
        "reproducibility",
        {"reproducibility": {"lock_file": "CODEOWNERS"}},
        {},
        "reproducibility.lock_file",
        X,
    ),
    (
        "reproducibility",
        {"reproducibility": {"training_command": "make train"}},
        {},
        "reproducibility.training_command",
        X,
    ),
    (
        "reproducibility",
        {"reproducibility": {"training_command": "python -m pkg.train"}},
        {"pkg/train.py": "x = 1\n"},
        "reproducibility.training_command",
        V,
    ),
    (
        "reproducibility",
        {"reproducibility": {"data_version": "s3://bucket/v3"}},
        {},
        "reproducibility.data_version",
        C,
    ),
    ("reproducibility", {}, {}, "reproducibility.seed", M),
    (
        "latency",
        {"latency": {"p99_ms": 45, "evidence": "bench/latency.json"}},
        {},
        "latency.p99_ms",
        V,
    ),
    (
        "latency",
        {"latency": {"p99_ms": 35, "evidence": "bench/latency.json"}},
        {},
        "latency.p99_ms",
        X,
    ),
    (
        "latency",
        {"latency": {"throughput_rps": 100, "evidence": "bench/load.csv"}},
        {"bench/load.csv": "run,throughput_rps\n1,80\n"},
        "latency.throughput_rps",
        X,
    ),
    ("latency", {"latency": {"p99_ms": 35}}, {}, "latency.p99_ms", C),
    ("latency", {}, {}, "latency", M),
    (
        "monitoring",
        {"monitoring": {"feature_drift": "monitoring/drift.yaml"}},
        {},
        "monitoring.feature_drift",
        V,
    ),
    (
        "monitoring",
        {"monitoring": {"feature_drift": "monitoring/missing.yaml"}},
        {},
        "monitoring.feature_drift",
        X,
    ),
    (
        "monitoring",
        {"monitoring": {"dashboard": "https://grafana.example/d/1"}},
        {},
        "monitoring.dashboard",
        C,
    ),
    ("monitoring", {}, {}, "monitoring", M),
    (
        "rollout",
        {"rollout": {"rollback": "docs/rollback.md"}},
        {"docs/rollback.md": "# Rollback\n"},
        "rollout.rollback",
        V,
    ),
    ("rollout", {"rollout": {"rollback": "docs/rollback.md"}}, {}, "rollout.rollback", X),
    ("rollout", {"rollout": {"strategy": "canary"}}, {}, "rollout.strategy", C),
    ("rollout", {}, {}, "rollout.rollback", M),
    ("data", {"data": {"contracts": ["contracts/x.odcs.yaml"]}}, {}, "data.contracts[0]", V),
    ("data", {"data": {"contracts": ["../elsewhere/x.odcs.yaml"]}}, {}, "data.contracts[0]", X),
    ("data", {}, {}, "data.contracts", M),
    ("risks", {"risks": {"model_card": "MODEL_CARD.md"}}, {}, "risks.model_card", V),
    ("risks", {"risks": {"model_card": "CARD.md"}}, {}, "risks.model_card", X),
    ("risks", {"risks": {"failure_modes": ["drift"]}}, {}, "risks.failure_modes", C),
    ("risks", {}, {}, "risks.model_card", M),
    (
        "signoff",
        {"signoff": {"approvers": [{"name": "A", "decision": "approved", "date": "2026-01-01"}]}},
        {},
        "signoff.A",
        V,
    ),
    (
        "signoff",
        {"signoff": {"approvers": [{"name": "A", "decision": "rejected"}]}},
        {},
        "signoff.A",
        X,
    ),
    ("signoff", {"signoff": {"approvers": [{"name": "A"}]}}, {}, "signoff.A", C),
    ("signoff", {}, {}, "signoff.approvers", M),
]


@pytest.mark.parametrize(
    ("section", "checklist", "files", "field", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{c[4].value}" for c in CASES],
)
def test_claim_status(
    tmp_path: Path, section: str, checklist: dict, files: dict, field: str, expected: ClaimStatus
) -> None:
    assert claims_for(tmp_path, checklist, files)[field] == expected


def test_every_section_is_covered_by_every_status() -> None:
    covered = {(section, expected) for section, *_, expected in CASES}
    for section in SECTIONS:
        # a listed contract path is either there or not: data claims are never merely "claimed"
        wanted = {M, V, X} if section == "data" else {M, V, X, C}
        assert {status for s, status in covered if s == section} >= wanted, section


def test_no_checklist_means_every_section_missing(tmp_path: Path) -> None:
    statuses = claims_for(tmp_path, None)
    assert set(statuses) == set(SECTIONS) and set(statuses.values()) == {M}


def test_evidence_formats_and_refusal(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps({"a": {"b/c": [1, 2.5]}}), encoding="utf-8")
    (tmp_path / "m.yaml").write_text("runs:\n  - auc: 0.8\n  - auc: 0.9\n", encoding="utf-8")
    (tmp_path / "m.toml").write_text("[scores]\nf1 = 0.7\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("epoch,loss\n1,0.5\n2,0.3\n", encoding="utf-8")
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    assert resolve(facts, "m.json#/a/b~1c/1").value == 2.5
    assert resolve(facts, "m.yaml#/runs/-1/auc").value == 0.9
    assert resolve(facts, "m.toml#/scores/f1").value == 0.7
    assert resolve(facts, "m.csv#/-1/loss").value == "0.3"
    assert resolve(facts, "../secret.json#/x").refused
    assert resolve(facts, "/etc/passwd").refused
    assert "not found" in (resolve(facts, "m.json#/a/zzz").problem or "")


def test_checklist_errors_name_file_line_and_suggestion() -> None:
    assert parse_checklist("prodready.yaml", "model: [\n").error == (
        "prodready.yaml: invalid YAML at line 2, column 1: expected the node content, but found '<stream end>'"
    )
    assert "model.owners.technicl: unknown key (did you mean 'technical'?)" in (
        parse_checklist("prodready.yaml", "model:\n  owners:\n    technicl: [a]\n").error or ""
    )
    assert "latency.p99_ms: input should be a valid number" in (
        parse_checklist("p.yaml", "latency: {p99_ms: fast}\n").error or ""
    )


def test_prepared_example_is_mostly_verified_with_the_deliberate_contradiction() -> None:
    report = cross_check(collect(EXAMPLES / "fraud-detection", ScanOptions(use_cache=False)))
    statuses = [claim.status for claim in report.claims]
    assert statuses.count(V) > statuses.count(X) + statuses.count(M)
    contradicted = [claim.field for claim in report.claims if claim.status == X]
    assert contradicted == ["latency.p99_ms"]


def test_poc_example_is_mostly_missing() -> None:
    report = cross_check(collect(EXAMPLES / "churn-notebook-poc", ScanOptions(use_cache=False)))
    statuses = [claim.status for claim in report.claims]
    assert report.path == "prodready.yaml" and report.error is None
    assert statuses.count(M) > len(statuses) / 2 and V not in statuses
    owners = next(claim for claim in report.claims if claim.field == "model.owners.technical")
    assert owners.status == C  # no CODEOWNERS to confirm @maria


@pytest.mark.parametrize(
    "code",
    [
        "",  # only the fixture's unknown model: nothing stochastic
        "RandomForestClassifier().fit(X, y)\n",
        "RandomForestClassifier(random_state=1).fit(X, y)\n",
        "import numpy as np\nnp.random.seed(1)\nx = np.random.rand(3)\nmodel.fit(x)\n",
        "x = np.random.rand(3)\nmodel.fit(x)\n",
    ],
)
def test_the_seed_claim_reads_repro_004s_judgement(tmp_path: Path, code: str) -> None:
    from prodready.audit import rule_context
    from prodready.engine import evaluate_rule
    from prodready.engine.kind import detect_kind
    from prodready.rules.reproducibility.repro_004 import RandomSeedsSet

    files = {"train.py": FOREST + "import numpy as np\n" + code} if code else {}
    claims_for(tmp_path, {"reproducibility": {"seed": 1}}, files)
    facts = collect(tmp_path, ScanOptions(use_cache=False))
    ctx = rule_context(facts, detect_kind(facts))
    rule = evaluate_rule(RandomSeedsSet(), ctx).status.value
    claim = next(c for c in ctx.checklist.claims if c.field == "reproducibility.seed").status
    seeds_set = "seed(" in code or not code  # the fixture itself calls random.seed(1)
    expected = {"pass": V, "fail": X, "unknown": C, "not_applicable": V if seeds_set else C}[rule]
    assert claim == expected, (rule, claim)
