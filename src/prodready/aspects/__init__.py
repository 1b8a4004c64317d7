"""Readiness aspects: a fixed vocabulary of yes/no/unknown facts other tools can read.

Each aspect is decided from the repository's facts alone, whatever the project kind
and whichever rules were selected: ``yes`` with the evidence (path:line), ``no`` when
it was looked for in a complete view and is absent, ``unknown`` only when the view is
incomplete (a file that did not parse, history that could not be read). Some aspects
state exactly what a kind-independent rule's definition checks; those evaluate that
definition with its default options (never the run's verdict, selection or severity).
``inverted`` aspects name a problem: yes means the problem is present.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from prodready.engine import default_verdict
from prodready.engine.context import RuleContext
from prodready.engine.registry import Catalog
from prodready.models import Aspect, AspectStatus, ProjectInfo, ProjectKind, Status
from prodready.rules import evidence as found

Decider = Callable[[RuleContext], Aspect]


@dataclass(frozen=True)
class AspectSpec:
    summary: str
    decide: Decider | None = None  # a fact finder; None: the definition of ``rules``
    rules: tuple[str, ...] = ()
    inverted: bool = False


ASPECTS: dict[str, AspectSpec] = {
    "ownership.codeowners": AspectSpec(
        "a CODEOWNERS file with at least one rule", found.codeowners
    ),
    "ownership.declared_owner": AspectSpec(
        "an owner named in CODEOWNERS, the checklist or package metadata", found.declared_owner
    ),
    "ownership.bus_factor_ok": AspectSpec(
        "at least two people are needed to cover half of the source (OWN-002's measure)",
        rules=("OWN-002",),
    ),
    "reproducibility.locked_dependencies": AspectSpec(
        "a lock file is committed", found.locked_dependencies
    ),
    "reproducibility.random_seeds": AspectSpec(
        "every stochastic call in code and notebooks (tests aside) is seeded", found.random_seeds
    ),
    "reproducibility.data_versioning": AspectSpec(
        "DVC or git LFS versions data or models", found.data_versioning
    ),
    "reproducibility.config_separated": AspectSpec(
        "training hyperparameters come from configuration (REPRO-006's measure)",
        rules=("REPRO-006",),
    ),
    "reproducibility.environment_spec": AspectSpec(
        "a container, conda, devcontainer, compose, pixi or Nix environment is committed",
        found.environment_spec,
    ),
    "testing.tests_present": AspectSpec("a test module defines a test", found.tests_present),
    "testing.ci_runs_tests": AspectSpec(
        "a CI configuration reaches a test runner", found.ci_runs_tests
    ),
    "baseline.declared": AspectSpec(
        "a baseline is declared in the checklist, code or metrics files", found.baseline
    ),
    "evaluation.metrics_tracked": AspectSpec(
        "evaluation metrics are recorded (files, DVC metrics, logging in code, checklist)",
        found.metrics_tracked,
    ),
    "latency.targets_declared": AspectSpec(
        "a latency target or load test is declared", found.latency_targets
    ),
    "monitoring.plan_declared": AspectSpec(
        "monitoring is declared or implemented (monitors, metrics exporters, alerts)",
        found.monitoring,
    ),
    "documentation.readme": AspectSpec("a README at the root", rules=("DOC-001",)),
    "documentation.model_card": AspectSpec(
        "a model card file or README section", rules=("DOC-003",)
    ),
    "documentation.license": AspectSpec(
        "a licence file or licence in the package metadata", rules=("DOC-002",)
    ),
    "hygiene.notebooks_in_source": AspectSpec(
        "a notebook sits in a Python package or is imported by code",
        rules=("CODE-006",),
        inverted=True,
    ),
    "hygiene.data_committed": AspectSpec(
        "a data file is committed outside LFS/DVC", rules=("HYG-001",), inverted=True
    ),
    "hygiene.large_binaries_committed": AspectSpec(
        "a model binary or a file over 5 MB is committed outside LFS/DVC",
        rules=("HYG-002", "HYG-003"),
        inverted=True,
    ),
    "security.unsafe_deserialization": AspectSpec(
        "shipping code loads pickle-based files", rules=("SEC-001",), inverted=True
    ),
    "data.contracts_present": AspectSpec(
        "an ODCS or Data Contract Specification file", found.contracts_present
    ),
    "data.samples_valid": AspectSpec(
        "sample data tied to a contract satisfies it (DATA-020's measure)", rules=("DATA-020",)
    ),
}


def decide_aspects(ctx: RuleContext, catalog: Catalog) -> dict[str, Aspect]:
    """Every aspect, decided on a context with no project kind: facts, not judgements in context."""
    neutral = copy.copy(ctx)  # shares the views already built, which no kind changes
    neutral.options = {}
    neutral.project = ProjectInfo(
        kind=ProjectKind.UNKNOWN, reason="aspects do not depend on the kind"
    )
    return {name: _decide(name, spec, neutral, catalog) for name, spec in ASPECTS.items()}


def _decide(name: str, spec: AspectSpec, ctx: RuleContext, catalog: Catalog) -> Aspect:
    try:
        if spec.decide is not None:
            return spec.decide(ctx)
        return _by_definition(spec, ctx, catalog)
    except Exception as error:  # an aspect bug must not cost the audit: say so, never guess
        return Aspect(status=AspectStatus.UNKNOWN, evidence=[f"{name}: {type(error).__name__}"])


def _by_definition(spec: AspectSpec, ctx: RuleContext, catalog: Catalog) -> Aspect:
    """Evaluate the rules' own checks, default options, whatever the kind or the selection.

    A rule that finds nothing to judge (no code, no contract, nothing trains) means the
    thing the aspect names is absent: a fact, not a gap in the view.
    """
    problem, evidence, unknown = False, [], []
    for rule_id in spec.rules:
        verdict = default_verdict(catalog.rules[rule_id], ctx)
        if verdict.status == Status.FAIL:
            problem = True
            evidence.extend(_where(f) for f in verdict.findings)
        elif verdict.status == Status.PASS:
            evidence.extend(verdict.evidence or [verdict.message])
        elif verdict.status == Status.NOT_APPLICABLE:
            evidence.append(f"{rule_id}: {verdict.message}")
            problem = problem or not spec.inverted
        else:
            unknown.append(f"{rule_id}: {verdict.message}")
    if unknown and not problem:
        return Aspect(status=AspectStatus.UNKNOWN, evidence=unknown[:10])
    says_yes = problem if spec.inverted else not problem
    return Aspect(
        status=AspectStatus.YES if says_yes else AspectStatus.NO,
        evidence=sorted(dict.fromkeys(evidence))[:10],
    )


def _where(finding: object) -> str:
    path = getattr(finding, "path", None)
    line = getattr(finding, "line", None)
    message = getattr(finding, "message", "")
    return f"{path}:{line}" if path and line else (path or message)
