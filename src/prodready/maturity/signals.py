"""The evidence behind each maturity criterion: the aspects, plus what only maturity asks.

A signal is ``yes`` with the file (and line) that proves it, ``no`` with where it looked,
or ``unknown`` when part of that view could not be read (a CI file or module that did
not parse, a script CI runs that is not in the repository). Signals read facts and the
aspects already decided; they never read files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prodready.engine import default_verdict
from prodready.engine.context import RuleContext
from prodready.engine.kind import weigh
from prodready.engine.registry import Catalog
from prodready.maturity.ci import CiActivity, CiStep, ci_activity
from prodready.models import Aspect, AspectStatus, ProjectKind, Status
from prodready.rules.evidence import MONITORING_MODULES, metric_call
from prodready.rules.test_suite.ci_chain import ci_reaches
from prodready.scanners.queries import imported_modules, is_test_path

YES, NO, UNKNOWN = AspectStatus.YES, AspectStatus.NO, AspectStatus.UNKNOWN

VALIDATION_MODULES = frozenset(
    {
        "great_expectations",
        "pandera",
        "tensorflow_data_validation",
        "deepchecks",
        "evidently",
        "whylogs",
        "soda",
        "pydeequ",
        "frictionless",
    }
)
RUN_CALLS = (
    "mlflow.log_param",
    "mlflow.log_params",
    "mlflow.start_run",
    "wandb.init",
)
REGISTRY_CALLS = (
    "mlflow.register_model",
    "mlflow.tracking.MlflowClient.create_registered_model",
    "azureml.core.Model.register",
    "azureml.core.model.Model.register",
    "google.cloud.aiplatform.Model.upload",
    "zenml.Model",
    "zenml.model.model.Model",
)
# Methods of a registry client (the receiver is a variable): only in a module importing one.
REGISTRY_METHODS = (
    ".create_registered_model",
    ".create_model_version",
    ".transition_model_version_stage",
    ".set_registered_model_alias",
    ".get_model_version",
    ".models.create_or_update",  # azure.ai.ml MLClient
    ".link_model",  # W&B registry
    ".register",  # azureml Model.register, sagemaker ModelPackage
)
REGISTRY_MODULES = frozenset(
    {"mlflow", "zenml", "azureml", "azure.ai.ml", "wandb", "google.cloud.aiplatform", "sagemaker"}
)
REGISTRY_CLI = re.compile(r"(?<![\w-])(?:az\s+ml\s+model\s+(?:create|register)|gto\s+register)\b")
# A folder of integration tests (tests/integration/, integration_tests/, e2e/) or a module
# named for them (test_integration_api.py, api_e2e_test.py).
INTEGRATION_TEST = re.compile(
    r"(^|/)(integration|e2e|end[_-]?to[_-]?end|acceptance|smoke)([_-]?tests?)?/"
    r"|(^|/)test_(integration|e2e|end_?to_?end)[^/]*\.py$"
    r"|_(integration|e2e)(_tests?)?\.py$",
    re.IGNORECASE,
)
INTEGRATION_RUN = re.compile(
    r"(?<![a-z])(integration|smoke|e2e|end[_-]?to[_-]?end)[_-]?tests?"
    r"|tests?/(integration|e2e|smoke|end[_-]?to[_-]?end)\b",
    re.IGNORECASE,
)
RETRAIN_NAME = re.compile(r"retrain|trigger_?(training|pipeline)", re.IGNORECASE)
RETRAIN_EVENTS = frozenset({"repository_dispatch"})


@dataclass
class Evidence:
    """What a signal reads: the context, the aspects and the CI activity (worked out once)."""

    ctx: RuleContext
    aspects: dict[str, Aspect]
    catalog: Catalog
    _ci: CiActivity | None = None

    @property
    def ci(self) -> CiActivity:
        if self._ci is None:
            self._ci = ci_activity(self.ctx)
        return self._ci

    def aspect(self, name: str) -> Aspect:
        return self.aspects.get(name) or Aspect(status=UNKNOWN, evidence=[f"{name} not decided"])


Signal = Callable[[Evidence], Aspect]


def _aspect(name: str) -> Signal:
    return lambda ev: ev.aspect(name)


def _yes(evidence: Iterable[str]) -> Aspect:
    return Aspect(status=YES, evidence=list(dict.fromkeys(evidence))[:10])


def _no(*evidence: str) -> Aspect:
    return Aspect(status=NO, evidence=list(evidence))


def _unknown(*evidence: str) -> Aspect:
    return Aspect(status=UNKNOWN, evidence=list(evidence)[:10])


def _absent(ev: Evidence, looked_for: str) -> Aspect:
    """``no`` when all shipping code could be read; ``unknown`` when some of it did not parse."""
    broken = sorted(
        path
        for path, unit in ev.ctx.facts.code_units().items()
        if unit.parse_error and not is_test_path(path)
    )
    if broken:
        return _unknown(
            f"{looked_for}; {len(broken)} file(s) did not parse: {', '.join(broken[:3])}"
        )
    return _no(looked_for)


def source_control(ev: Evidence) -> Aspect:
    git = ev.ctx.facts.git
    if git.available:
        return _yes([f"git repository at {git.head[:12]}" if git.head else "git repository"])
    return _no(f"not a git repository ({git.reason})" if git.reason else "not a git repository")


def ci_configured(ev: Evidence) -> Aspect:
    configs = ev.ctx.facts.configs.ci
    working = [ci.path for ci in configs if ci.entry and not ci.error]
    if working:
        return _yes(working)
    if configs:
        return _unknown(*(f"{ci.path}: {ci.error}" for ci in configs if ci.error))
    return _no("no CI configuration")


def pipeline_as_code(ev: Evidence) -> Aspect:
    """REPRO-008's definition (whatever the kind or selection), or a CI file that runs training.

    A CI job that runs the training is itself the pipeline's steps written as code.
    """
    return _any(_repro_008(ev), ci_trains(ev))


def _repro_008(ev: Evidence) -> Aspect:
    rule = ev.catalog.rules.get("REPRO-008")
    if rule is None:
        return _unknown("REPRO-008 is not in the catalog")
    verdict = default_verdict(rule, ev.ctx)
    if verdict.status == Status.PASS:
        return _yes(verdict.evidence or [verdict.message])
    if verdict.status == Status.FAIL:
        return _no(verdict.message)
    return _unknown(f"REPRO-008: {verdict.message}")


def _ci_steps(ev: Evidence, steps: list[CiStep], what: str) -> Aspect:
    automatic = [step for step in steps if step.automatic]
    if automatic:
        return _yes(_with_triggers(step) for step in automatic)
    if steps:
        return _no(*(f"{step.evidence} (manual trigger only)" for step in steps[:5]))
    if ev.ci.unresolved or ev.ci.broken:
        return _unknown(*(f"cannot see: {item}" for item in [*ev.ci.unresolved, *ev.ci.broken]))
    if not ev.ctx.facts.configs.ci:
        return _no(f"no CI configuration, so nothing {what} automatically")
    return _no(f"no CI file reaches a step that {what}")


def _with_triggers(step: CiStep) -> str:
    return f"{step.evidence} [on: {', '.join(step.triggers)}]" if step.triggers else step.evidence


def ci_trains(ev: Evidence) -> Aspect:
    return _ci_steps(ev, ev.ci.trains, "trains a model")


def ci_deploys(ev: Evidence) -> Aspect:
    return _ci_steps(ev, ev.ci.deploys, "deploys")


def registry(ev: Evidence) -> Aspect:
    found = []
    for path, unit in sorted(ev.ctx.units.items()):
        if is_test_path(path):
            continue
        client = bool(imported_modules(unit) & REGISTRY_MODULES)
        for call in unit.calls:
            named = call.name.startswith(REGISTRY_CALLS) or (
                client and call.name.endswith(REGISTRY_METHODS)
            )
            if named or (".log_model" in call.name and "registered_model_name" in call.kwargs):
                found.append(f"{path}:{call.line}: {call.name}")
                break
    for ci in ev.ctx.facts.configs.ci:
        command = next((c for c in ci.commands if REGISTRY_CLI.search(c.text)), None)
        if command is not None:
            found.append(f"{ci.path}:{command.line}: {command.text}" if command.line else ci.path)
    found += _dvc_model_artifacts(ev)
    return _yes(found) if found else _absent(ev, "no model registry call or command")


def _dvc_model_artifacts(ev: Evidence) -> list[str]:
    found = []
    for config in ev.ctx.facts.configs.of_kind("dvc"):
        artifacts = config.data.get("artifacts") if isinstance(config.data, dict) else None
        for name, spec in artifacts.items() if isinstance(artifacts, dict) else ():
            if isinstance(spec, dict) and spec.get("type") == "model":
                found.append(f"{config.path}: artifacts.{name} (type: model)")
    return found


def run_metadata(ev: Evidence) -> Aspect:
    found = []
    recorded = {}  # the first stage of each dvc.yaml that records params or metrics
    for stage in ev.ctx.facts.configs.dvc_stages:
        if stage.metrics or stage.params:
            recorded.setdefault(stage.path, stage.name)
    for config in ev.ctx.facts.configs.of_kind("dvc"):
        if config.path in recorded:
            found.append(f"{config.path}: stage {recorded[config.path]} records params/metrics")
    for path, unit in sorted(ev.ctx.units.items()):
        if is_test_path(path):
            continue
        call = metric_call(unit, also=RUN_CALLS)
        if call is not None:
            found.append(f"{path}:{call.line}: {call.name}")
    return _yes(found) if found else _absent(ev, "no DVC params/metrics or tracker call")


def data_validation(ev: Evidence) -> Aspect:
    contracts = ev.aspect("data.contracts_present")
    found = list(contracts.evidence) if contracts.status == YES else []
    for path, unit in sorted(ev.ctx.units.items()):
        if is_test_path(path):
            continue
        hit = next((i for i in unit.imports if i.module.split(".")[0] in VALIDATION_MODULES), None)
        if hit is not None:
            found.append(f"{path}:{hit.line}: imports {hit.module}")
    if found:
        return _yes(found)
    return _absent(ev, "no data contract and no data validation library in code")


def serving_code(ev: Evidence) -> Aspect:
    """The serving signals the kind detection weighs, whatever kind won."""
    found = [item.reason for item in weigh(ev.ctx.facts) if item.kind == ProjectKind.MODEL_SERVICE]
    return (
        _yes(found) if found else _absent(ev, "no serving app or scoring script in shipping code")
    )


def integration_tests(ev: Evidence) -> Aspect:
    """An integration test module, or CI running an integration/smoke test (of a deployment)."""
    for path, unit in sorted(ev.ctx.facts.python.items()):
        if unit.parse_error is None and is_test_path(path) and INTEGRATION_TEST.search(path):
            test = next((f for f in unit.functions if f.name.startswith("test")), None)
            if test is not None:
                return _yes([f"{path}:{test.line}"])
    reached = ci_reaches(ev.ctx.facts, lambda piece: bool(INTEGRATION_RUN.search(piece)))
    if reached.runs:
        return _yes(run.evidence for run in reached.runs)
    blind = [
        f"{path}: {unit.parse_error}"
        for path, unit in sorted(ev.ctx.facts.python.items())
        if unit.parse_error is not None and is_test_path(path)
    ]
    blind += [f"cannot see what this runs: {c}" for c in reached.unresolved]
    blind += [f"{ci.path}: {ci.error}" for ci in reached.broken]
    if blind:
        return _unknown(*blind)
    return _no(
        "no test function in an integration, e2e, acceptance or smoke test module, "
        "and no CI step runs one"
    )


def monitoring_in_code(ev: Evidence) -> Aspect:
    """The monitoring aspect without checklist claims: a plan is not a monitor."""
    aspect = ev.aspect("monitoring.plan_declared")
    checklist = ev.ctx.checklist.path
    shown = [e for e in aspect.evidence if not (checklist and e.startswith(f"{checklist}:"))]
    if aspect.status == YES and shown:
        return _yes(shown)
    if aspect.status == YES:
        return _no("monitoring is only claimed in the checklist")
    return aspect


def retrain_on_metrics(ev: Evidence) -> Aspect:
    linked = [
        _with_triggers(step)
        for step in ev.ci.trains
        if step.triggers and RETRAIN_EVENTS & set(step.triggers)
    ]
    for path, unit in sorted(ev.ctx.units.items()):
        if is_test_path(path) or not imported_modules(unit) & MONITORING_MODULES:
            continue
        call = next((c for c in unit.calls if RETRAIN_NAME.search(c.name)), None)
        if call is not None:
            linked.append(f"{path}:{call.line}: {call.name} in a monitoring module")
    if linked:
        return _yes(linked)
    monitored, trained = monitoring_in_code(ev), ci_trains(ev)
    if NO in (monitored.status, trained.status):
        return _no("no monitor that starts retraining")
    return _unknown(  # both present, or one cannot be seen: the link cannot be ruled out
        "a monitor and automated training are present or cannot be ruled out; the repository "
        "does not show the monitor starting the training",
        *monitored.evidence[:2],
        *trained.evidence[:2],
    )


def models_versioned(ev: Evidence) -> Aspect:
    return _any(ev.aspect("reproducibility.data_versioning"), registry(ev))


def model_delivery(ev: Evidence) -> Aspect:
    """A model reaches serving without a person: CI deploys, or CI trains and registers it."""
    return _any(ci_deploys(ev), _all(ci_trains(ev), registry(ev)))


def _any(*aspects: Aspect) -> Aspect:
    met = [a for a in aspects if a.status == YES]
    if met:
        return _yes(e for a in met for e in a.evidence)
    if any(a.status == UNKNOWN for a in aspects):
        return _unknown(*(e for a in aspects if a.status == UNKNOWN for e in a.evidence))
    return _no(*(e for a in aspects for e in a.evidence))


def _all(*aspects: Aspect) -> Aspect:
    if any(a.status == NO for a in aspects):
        return _no(*(e for a in aspects if a.status == NO for e in a.evidence))
    if any(a.status == UNKNOWN for a in aspects):
        return _unknown(*(e for a in aspects if a.status == UNKNOWN for e in a.evidence))
    return _yes(e for a in aspects for e in a.evidence)


SIGNALS: dict[str, Signal] = {
    "source_control": source_control,
    "ci_configured": ci_configured,
    "tests_present": _aspect("testing.tests_present"),
    "ci_runs_tests": _aspect("testing.ci_runs_tests"),
    "pipeline_as_code": pipeline_as_code,
    "ci_trains": ci_trains,
    "ci_deploys": ci_deploys,
    "environment_spec": _aspect("reproducibility.environment_spec"),
    "locked_dependencies": _aspect("reproducibility.locked_dependencies"),
    "data_versioning": _aspect("reproducibility.data_versioning"),
    "data_validation": data_validation,
    "metrics_tracked": _aspect("evaluation.metrics_tracked"),
    "baseline": _aspect("baseline.declared"),
    "run_metadata": run_metadata,
    "registry": registry,
    "models_versioned": models_versioned,
    "model_delivery": model_delivery,
    "serving_code": serving_code,
    "integration_tests": integration_tests,
    "monitoring_in_code": monitoring_in_code,
    "retrain_on_metrics": retrain_on_metrics,
}


def combine(aspects: list[Aspect]) -> Aspect:
    """All of a criterion's signals: any ``no`` is unmet, else any ``unknown`` is unknown."""
    return _all(*aspects)
