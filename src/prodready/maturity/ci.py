"""What CI does beyond tests: does it train a model, does it deploy, and what starts it.

CI files are followed the way TEST-003 follows them (``ci_chain.ci_reaches``: includes,
make/tox targets, scripts, job files); only the command matcher differs. A Python
command counts as training when the module it runs, or repository code it imports,
trains or defines an orchestrated pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from prodready.engine.context import RuleContext
from prodready.engine.kind import PIPELINE_MODULES, package_folders
from prodready.graph.commands import command_targets
from prodready.rules.test_suite.ci_chain import CiTests, ci_reaches
from prodready.scanners.facts import PythonFacts
from prodready.scanners.queries import (
    imported_modules,
    is_source_path,
    is_test_path,
    is_training_call,
)

TRAIN_TOOL = re.compile(
    r"(?<![\w-])(?:dvc\s+(?:repro|exp\s+run)|mlflow\s+run|kedro\s+run|zenml\s+pipeline\s+run"
    r"|az\s+ml\s+(?:job\s+create|run\s+submit-pipeline|run\s+submit-script)"
    r"|gcloud\s+ai\s+custom-jobs\s+create|gcloud\s+ai-platform\s+jobs\s+submit\s+training"
    r"|airflow\s+dags\s+trigger|flyte\w*\s+run|metaflow\s+run)(?![\w-])"
)
DEPLOY_TOOL = re.compile(
    r"(?<![\w-])(?:docker\s+(?:image\s+)?push|docker\s+buildx\s+build\b[^\n]*--push"
    r"|kubectl\s+(?:apply|create|set\s+image|rollout)|helm\s+(?:upgrade|install)"
    r"|gcloud\s+(?:run|app|functions)\s+deploy|gcloud\s+ai\s+endpoints\s+deploy-model"
    r"|az\s+ml\s+(?:online-deployment|online-endpoint|batch-deployment|batch-endpoint)"
    r"\s+(?:create|update)|az\s+ml\s+model\s+deploy|az\s+(?:webapp|functionapp|containerapp)"
    r"\s+(?:up|deploy|update|create)|aws\s+(?:ecs\s+update-service|lambda\s+update-function-code"
    r"|sagemaker\s+(?:create|update)-endpoint)|(?:serverless|sls)\s+deploy"
    r"|terraform\s+apply|cdk\s+deploy|bentoml\s+deploy|fly\s+deploy|anyscale\s+service\s+(?:deploy|rollout)"
    r"|serve\s+deploy|modal\s+deploy)(?![\w-])"
)
# Workflow steps (GitHub ``uses:``) and Azure Pipelines tasks that deploy.
DEPLOY_STEP = re.compile(
    r"^(?:docker/build-push-action|azure/(?:webapps-deploy|functions-action|k8s-deploy|"
    r"aml-deploy|container-apps-deploy-action)|google-github-actions/deploy-\w+"
    r"|aws-actions/amazon-ecs-deploy-task-definition|appleboy/ssh-action"
    r"|(?:HelmDeploy|KubernetesManifest|Kubernetes|AzureWebApp\w*|AzureFunctionApp\w*"
    r"|AzureRmWebAppDeployment|AzureMLModelDeploy|AzureContainerApps)@\d+)",
    re.IGNORECASE,
)
MANUAL_ONLY = frozenset({"workflow_dispatch", "manual"})
TRAINING_LOOP = ".backward"
PIPELINE_ROOTS = frozenset(module.split(".")[0] for module in PIPELINE_MODULES)
# A script named for tests (hf-integration-tests.py, smoke_test.py) runs tests, not training.
TEST_SCRIPT = re.compile(r"(^|[/_-])tests?([/_.-]|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CiStep:
    """A CI file reaching a training or deployment step, and the triggers that start it."""

    evidence: str
    triggers: tuple[str, ...] | None  # None: the CI system starts it on changes (not stated)

    @property
    def automatic(self) -> bool:
        return self.triggers is None or not set(self.triggers) <= MANUAL_ONLY


@dataclass
class CiActivity:
    trains: list[CiStep] = field(default_factory=list)
    deploys: list[CiStep] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


def ci_activity(ctx: RuleContext) -> CiActivity:
    """Training and deployment steps reached from CI, each with the triggers of its CI file."""
    facts = ctx.facts
    activity = CiActivity(broken=[f"{ci.path}: {ci.error}" for ci in facts.configs.ci if ci.error])
    if not facts.configs.ci:
        return activity
    trainer = _TrainingCommand(ctx)
    trained = ci_reaches(facts, trainer)
    activity.trains = _steps(ctx, trained, trainer.reasons)
    deployed = ci_reaches(facts, lambda piece: bool(DEPLOY_TOOL.search(piece)))
    activity.deploys = _steps(ctx, deployed, {})
    activity.deploys += _deploy_steps(ctx)
    activity.unresolved = list(dict.fromkeys([*trained.unresolved, *deployed.unresolved]))
    return activity


def _steps(ctx: RuleContext, found: CiTests, reasons: dict[str, str]) -> list[CiStep]:
    steps = []
    for run in found.runs:
        why = reasons.get(run.chain[-1]) if run.chain else None
        evidence = run.evidence + (f" ({why})" if why else "")
        steps.append(CiStep(evidence, triggers_of(ctx, run.config)))
    return steps


def _deploy_steps(ctx: RuleContext) -> list[CiStep]:
    """Deploying ``uses:`` actions and Azure Pipelines tasks, which are not shell commands."""
    steps = []
    for ci in ctx.facts.configs.ci:
        config = ctx.facts.configs.get(ci.path)
        if config is None or config.error:
            continue
        text = ctx.facts.texts.get(ci.path, "")
        for value in _values(config.data, ("uses", "task")):
            if DEPLOY_STEP.search(value):
                line = _line_of(text, value)
                where = f"{ci.path}:{line}" if line else ci.path
                steps.append(CiStep(f"{where}: {value}", triggers_of(ctx, ci.path)))
    return steps


def triggers_of(ctx: RuleContext, path: str) -> tuple[str, ...] | None:
    """The events that start a CI file, where its system states them; None when it does not."""
    config = ctx.facts.configs.get(path)
    data = config.data if config is not None else None
    if not isinstance(data, dict):
        return None
    if config is not None and config.kind == "ci:github-actions":
        on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as True
        if isinstance(on, str):
            return (on,)
        if isinstance(on, list | dict):
            return tuple(sorted(str(event) for event in on))
        return None
    if config is not None and config.kind == "ci:azure-pipelines":
        events = [name for name in ("trigger", "pr") if data.get(name, "") not in ("none", None)]
        if data.get("schedules"):
            events.append("schedules")
        return tuple(events) or ("manual",)
    return None


class _TrainingCommand:
    """Does one shell command train a model? Remembers why, for the evidence."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.reasons: dict[str, str] = {}
        self._nodes = _code_nodes(ctx)
        self._library = tuple(f"{name}/" for name in package_folders(ctx.facts))

    def __call__(self, piece: str) -> bool:
        if TRAIN_TOOL.search(piece):
            return True
        for kind, target in command_targets(piece):
            path = self._path(kind, target)
            reason = self._trains(path) if path else None
            if reason:
                self.reasons[piece] = reason
                return True
        return False

    def _path(self, kind: str, target: str) -> str | None:
        if kind == "path":
            return target if target in self.ctx.facts.python else None
        stem = target.split(":")[0].replace(".", "/")
        for candidate in (f"{stem}.py", f"{stem}/__main__.py", f"src/{stem}.py"):
            if candidate in self.ctx.facts.python:
                return candidate
        return None

    def _trains(self, path: str) -> str | None:
        """The first module, of ``path`` and the repository code it imports, that trains.

        A test script is a test run, whatever it calls; a distribution's own package is
        library code (its trainer implements ``fit``), so only a script run directly from
        it counts.
        """
        if is_test_path(path) or TEST_SCRIPT.search(path):
            return None
        imported = [m for m in sorted(self._imported(path)) if not m.startswith(self._library)]
        for module in [path, *imported]:
            unit = self.ctx.facts.python.get(module)
            if unit is None or unit.parse_error or not is_source_path(module):
                continue
            reason = _training_in(unit)
            if reason:
                return f"{module}:{reason}" if module == path else f"imports {module}:{reason}"
        return None

    def _imported(self, path: str) -> set[str]:
        graph = self.ctx.graph
        node = self._nodes.get(path)
        if graph is None or node is None:
            return set()
        from prodready.graph.dataflow import code_closure

        return {graph.nodes[n].get("path") for n in code_closure(graph, node)} - {None}


def _training_in(unit: PythonFacts) -> str | None:
    call = next(
        (c for c in unit.calls if is_training_call(c) or c.name.endswith(TRAINING_LOOP)), None
    )
    if call is not None:
        return f"{call.line}: {call.name}"
    flow = sorted(
        module
        for module in imported_modules(unit)
        if module.split(".")[0] in PIPELINE_ROOTS
        and any(module == m or module.startswith(f"{m}.") for m in PIPELINE_MODULES)
    )
    if flow:
        line = next((i.line for i in unit.imports if i.module.startswith(flow[0])), 0)
        return f"{line}: imports {flow[0]}"
    return None


def _code_nodes(ctx: RuleContext) -> dict[str, str]:
    graph = ctx.graph
    if graph is None:
        return {}
    return {data["path"]: node for node, data in graph.nodes(data=True) if data.get("path")}


def _values(node: Any, keys: tuple[str, ...], depth: int = 0) -> list[str]:
    if depth > 20:
        return []
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_values(value, keys, depth + 1))
    elif isinstance(node, list):
        for item in node[:500]:
            found.extend(_values(item, keys, depth + 1))
    return found


def _line_of(text: str, value: str) -> int | None:
    index = text.find(value)
    return text.count("\n", 0, index) + 1 if index >= 0 else None
