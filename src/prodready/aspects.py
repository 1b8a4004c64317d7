"""Readiness aspects: a fixed vocabulary of yes/no/unknown verdicts other tools can read.

Each aspect is decided by the rules listed here, so an aspect never says more
than its rules proved. ``inverted`` aspects name a problem (``data_committed``):
their rule failing means ``yes``.
"""

from __future__ import annotations

from dataclasses import dataclass

from prodready.models import Aspect, AspectStatus, RuleResult, Status


@dataclass(frozen=True)
class AspectSpec:
    rules: tuple[str, ...]
    inverted: bool = False


ASPECTS: dict[str, AspectSpec] = {
    "ownership.codeowners": AspectSpec(("OWN-001",)),
    "ownership.declared_owner": AspectSpec(("CHK-001",)),
    "ownership.bus_factor_ok": AspectSpec(("OWN-002",)),
    "reproducibility.locked_dependencies": AspectSpec(("REPRO-002",)),
    "reproducibility.random_seeds": AspectSpec(("REPRO-004",)),
    "reproducibility.data_versioning": AspectSpec(("REPRO-005",)),
    "reproducibility.config_separated": AspectSpec(("REPRO-006",)),
    "reproducibility.environment_spec": AspectSpec(("REPRO-007",)),
    "testing.tests_present": AspectSpec(("TEST-001",)),
    "testing.ci_runs_tests": AspectSpec(("TEST-003",)),
    "baseline.declared": AspectSpec(("CHK-003",)),
    "evaluation.metrics_tracked": AspectSpec(("CHK-004",)),
    "latency.targets_declared": AspectSpec(("CHK-006",)),
    "monitoring.plan_declared": AspectSpec(("CHK-007",)),
    "documentation.readme": AspectSpec(("DOC-001",)),
    "documentation.model_card": AspectSpec(("DOC-003",)),
    "documentation.license": AspectSpec(("DOC-002",)),
    "hygiene.notebooks_in_source": AspectSpec(("CODE-006",), inverted=True),
    "hygiene.data_committed": AspectSpec(("HYG-001",), inverted=True),
    "hygiene.large_binaries_committed": AspectSpec(("HYG-002", "HYG-003"), inverted=True),
    "security.unsafe_deserialization": AspectSpec(("SEC-001",), inverted=True),
    "data.contracts_present": AspectSpec(("DATA-001",)),
    "data.samples_valid": AspectSpec(("DATA-020",)),
}


def decide_aspects(results: list[RuleResult]) -> dict[str, Aspect]:
    by_id = {result.rule_id: result for result in results}
    aspects: dict[str, Aspect] = {}
    for name, spec in ASPECTS.items():
        members = [by_id[rule_id] for rule_id in spec.rules if rule_id in by_id]
        aspects[name] = _decide(spec, members)
    return aspects


def _decide(spec: AspectSpec, members: list[RuleResult]) -> Aspect:
    if not members:
        return Aspect(
            status=AspectStatus.UNKNOWN,
            evidence=[f"decided by {', '.join(spec.rules)}, not evaluated"],
        )
    evidence: list[str] = []
    for result in members:
        paths = sorted({f.location.path for f in result.findings if f.location.path})
        evidence.extend(paths[:5] or result.evidence[:5] or [f"{result.rule_id}: {result.message}"])
    statuses = {result.status for result in members}
    if Status.FAIL in statuses:
        problem = True
    elif statuses <= {Status.PASS}:
        problem = False
    else:
        reasons = [
            f"{r.rule_id} {r.status.value}: {r.message}" for r in members if r.status != Status.PASS
        ]
        return Aspect(status=AspectStatus.UNKNOWN, evidence=reasons[:5])
    says_yes = problem if spec.inverted else not problem
    return Aspect(
        status=AspectStatus.YES if says_yes else AspectStatus.NO,
        evidence=sorted(set(evidence))[:10],
    )
