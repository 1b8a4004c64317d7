"""Evidence in the repository for each readiness topic, looked for in one complete view each.

The aspects state these facts; the checklist rules credit them when no checklist declares
the topic ("found, not declared"). ``yes`` carries the file (and line) that proves it;
``no`` says where it looked; ``unknown`` only when part of the view could not be read.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath
from typing import Any

from prodready.engine.context import RuleContext
from prodready.engine.kind import distribution_roots
from prodready.models import Aspect, AspectStatus
from prodready.rules.reproducibility._seeds import seed_gaps
from prodready.rules.test_suite.ci_chain import ci_test_runs
from prodready.scanners.configs import CI_SYSTEMS
from prodready.scanners.configs.dependencies import fully_pinned
from prodready.scanners.facts import CallFact, PythonFacts, RepoFacts
from prodready.scanners.model_cards import is_card_file
from prodready.scanners.queries import is_test_path

ENVIRONMENT_FILES = (
    "Dockerfile",
    "Dockerfile.*",
    "*.Dockerfile",
    "Dockerfile-*",
    "Containerfile",
    "environment.yml",
    "environment.yaml",
    "conda.yml",
    "conda.yaml",
    ".devcontainer.json",
    ".devcontainer/*",
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "compose.yml",
    "compose.yaml",
    "flake.nix",
    "shell.nix",
    "pixi.toml",
)
BASELINE_CALLS = frozenset({"sklearn.dummy.DummyClassifier", "sklearn.dummy.DummyRegressor"})
METRIC_CALLS = (
    "mlflow.log_metric",
    "mlflow.log_metrics",
    "mlflow.autolog",
    "mlflow.sklearn.autolog",
    "mlflow.pytorch.autolog",
    "ray.train.report",
    "ray.air.session.report",
    "ray.air.integrations.mlflow.MLflowLoggerCallback",
    "ray.air.integrations.wandb.WandbLoggerCallback",
    "zenml.log_metadata",
    "zenml.log_artifact_metadata",
    "zenml.log_model_metadata",
    "sacred.Experiment",
    "dvclive.Live",
    "wandb.log",
    "torch.utils.tensorboard.SummaryWriter",
    "tensorboardX.SummaryWriter",
    "tensorflow.summary.scalar",
    "keras.callbacks.TensorBoard",
    "tensorflow.keras.callbacks.TensorBoard",
    "clearml.Logger",
    "neptune.init_run",
    "comet_ml.Experiment",
    "visdom.Visdom",
    "aim.Run",
)
METRIC_FILE = re.compile(
    r"(^|/)(metrics?|scores?|evaluation|eval)[\w.-]*\.(json|ya?ml|csv|tsv)$", re.I
)
MONITORING_MODULES = frozenset(
    {
        "evidently",
        "whylogs",
        "nannyml",
        "alibi_detect",
        "deepchecks",
        "prometheus_client",
        "prometheus_fastapi_instrumentator",
        "prometheus_flask_exporter",
        "opencensus",
        "applicationinsights",
        "fluent",
        "datadog",
        "ddtrace",
        "arize",
        "fiddler",
    }
)
MONITORING_KEY = re.compile(r"^(alert|alerts|appinsightsenabled|monitoring)$", re.IGNORECASE)
LOAD_TEST_FILES = ("locustfile.py", "*/locustfile.py", "*k6*.js", "*.jmx", "*vegeta*")
LATENCY_KEY = re.compile(
    r"^(latency\w*|p(50|90|95|99)(_\w+)?|slos?|\w*timeout_?ms|request_?timeout\w*|"
    r"scoring_?timeout\w*|max_?latency\w*)$",
    re.IGNORECASE,
)
TERRAFORM_TIMEOUT = re.compile(r"^\s*timeout\s*=\s*\d+", re.MULTILINE)
# In a module that imports the tracker, ``<run>.log(...)`` records a metric.
TRACKER_LOG = {"azureml": (".log", ".log_row", ".log_list"), "lightning": (".log", ".log_dict")}
BASELINE_NAME = re.compile(r"(^|[/_.-])baselines?([/_.-]|$)", re.IGNORECASE)
# ``baseline_auc = model.evaluate(...)``: a baseline metric measured in code.
BASELINE_MEASURED = re.compile(
    r"^[ \t]*(\w*baseline\w*)[ \t]*=[^\n=][^\n]*?\b(evaluate|score|\w+_score|\w+_error|accuracy)\(",
    re.IGNORECASE | re.MULTILINE,
)
BASELINE_HEADING = re.compile(r"^#{1,6}[ \t]*[^\n]*\bbaselines?\b", re.IGNORECASE | re.MULTILINE)


def _yes(*evidence: str) -> Aspect:
    return Aspect(status=AspectStatus.YES, evidence=list(dict.fromkeys(evidence))[:10])


def _no(*evidence: str) -> Aspect:
    return Aspect(status=AspectStatus.NO, evidence=list(evidence))


def _unknown(*evidence: str) -> Aspect:
    return Aspect(status=AspectStatus.UNKNOWN, evidence=list(evidence))


def _matching(facts: RepoFacts, patterns: tuple[str, ...]) -> list[str]:
    return sorted(p for p in facts.files if any(fnmatch.fnmatchcase(p, g) for g in patterns))


def _stated(ctx: RuleContext, section: str) -> list[str]:
    """Checklist claims of ``section`` that are stated (verified or claimed), as evidence."""
    report = ctx.checklist
    return [
        f"{report.path}: {claim.field}"
        for claim in report.claims
        if claim.section == section and claim.status.value in ("verified", "claimed")
    ]


def codeowners(ctx: RuleContext) -> Aspect:
    configs = ctx.facts.configs
    if configs.codeowners_path and configs.codeowners:
        return _yes(f"{configs.codeowners_path}: {len(configs.codeowners)} rule(s)")
    if configs.codeowners_path:
        return _no(f"{configs.codeowners_path} has no rules")
    return _no("no CODEOWNERS in .github/, docs/, .gitlab/ or the root")


def declared_owner(ctx: RuleContext) -> Aspect:
    configs = ctx.facts.configs
    evidence = []
    if configs.codeowners:
        evidence.append(f"{configs.codeowners_path}: {' '.join(configs.codeowners[0][1])}")
    if ctx.checklist.owners:
        evidence.append(f"{ctx.checklist.path}: model.owners.technical")
    evidence.extend(_package_authors(ctx.facts))
    if evidence:
        return _yes(*evidence)
    return _no("no CODEOWNERS rule, checklist owner, or authors/maintainers in package metadata")


def _package_authors(facts: RepoFacts) -> list[str]:
    found = []
    for root in distribution_roots(facts) or [""]:
        prefix = f"{root}/" if root else ""
        found += _pyproject_authors(facts, f"{prefix}pyproject.toml")
        setup_cfg = facts.configs.get(f"{prefix}setup.cfg")
        data = setup_cfg.data if setup_cfg is not None and isinstance(setup_cfg.data, dict) else {}
        metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
        found += [
            f"{prefix}setup.cfg: metadata.{key}"
            for key in ("author", "maintainer")
            if _a_person(metadata.get(key))
        ]
        setup = facts.python.get(f"{prefix}setup.py")
        for call in setup.calls if setup else ():
            if call.name.endswith("setup"):
                found += [
                    f"{prefix}setup.py:{call.line}: {key}"
                    for key in ("author", "maintainer")
                    if _a_person(_literal(call.kwargs.get(key)))
                ]
    return found


def _pyproject_authors(facts: RepoFacts, path: str) -> list[str]:
    config = facts.configs.get(path)
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    found = []
    for key in ("authors", "maintainers"):
        people = [*_listed(project.get(key)), *_listed(poetry.get(key))]
        if any(_a_person(person) for person in people):
            found.append(f"{path}: {key}")
    return found


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _a_person(value: Any) -> bool:
    if isinstance(value, dict):
        value = value.get("name") or value.get("email")
    if not isinstance(value, str):
        return False
    text = value.strip().strip("'\"")
    return bool(text) and "{{" not in text and text.lower() not in ("todo", "your name", "author")


def _literal(text: str | None) -> str | None:
    return text.strip("'\"") if text and text[:1] in "'\"" else None


def locked_dependencies(ctx: RuleContext) -> Aspect:
    locks = list(ctx.facts.configs.lock_files)
    by_file: dict[str, list] = {}
    for dependency in ctx.facts.configs.dependencies:
        by_file.setdefault(dependency.source, []).append(dependency)
    for path, declared in sorted(by_file.items()):
        config = ctx.facts.configs.get(path)
        kind = config.kind if config is not None else ""
        if (
            kind in ("requirements", "conda-env")
            and not path.endswith(".in")
            and fully_pinned(declared)
        ):
            locks.append(f"{path}: all {len(declared)} entries pinned to one version")
    if locks:
        return _yes(*locks)
    return _no(
        "no poetry.lock, uv.lock, Pipfile.lock, pdm.lock, pixi.lock, conda-lock or compiled requirements"
    )


def _outside_tests(path: str) -> bool:
    return not is_test_path(path)


def random_seeds(ctx: RuleContext) -> Aspect:
    """REPRO-004's measure over all code and notebooks but tests: examples train models too."""
    report = seed_gaps(ctx.facts, include=_outside_tests)
    answer = report.answer
    if answer is None:
        return _no("nothing stochastic runs: no random split, stochastic estimator or draw")
    status = {"yes": AspectStatus.YES, "no": AspectStatus.NO}.get(answer, AspectStatus.UNKNOWN)
    return Aspect(status=status, evidence=report.evidence()[:10])


def data_versioning(ctx: RuleContext) -> Aspect:
    files = ctx.facts.files
    dvc = sorted(
        p
        for p in files
        if p.endswith(".dvc") or PurePosixPath(p).name in ("dvc.yaml",) or p == ".dvc/config"
    )
    if dvc:
        return _yes(*dvc[:5])
    if ctx.facts.configs.lfs_patterns:
        return _yes(f".gitattributes: LFS tracks {', '.join(ctx.facts.configs.lfs_patterns[:3])}")
    return _no("no dvc.yaml, *.dvc, .dvc/config or git LFS pattern")


def environment_spec(ctx: RuleContext) -> Aspect:
    found = [p for p in ctx.facts.files if _environment_file(p)]
    found += [c.path for c in ctx.facts.configs.of_kind("conda-env") if c.path not in found]
    pyproject = ctx.facts.configs.get("pyproject.toml")
    tool = pyproject.data.get("tool") if pyproject and isinstance(pyproject.data, dict) else None
    if isinstance(tool, dict) and "pixi" in tool:
        found.append("pyproject.toml: [tool.pixi]")
    if found:
        return _yes(*sorted(found))
    return _no(
        "no Dockerfile/Containerfile, conda environment, devcontainer, compose file, pixi or Nix file"
    )


def _environment_file(path: str) -> bool:
    name = PurePosixPath(path).name
    return "{{" not in path and any(
        fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(path, pattern)
        for pattern in ENVIRONMENT_FILES
    )


def tests_present(ctx: RuleContext) -> Aspect:
    for path, unit in sorted(ctx.facts.python.items()):
        if unit.parse_error is None and is_test_path(path):
            test = next((f for f in unit.functions if f.name.startswith("test")), None)
            if test is not None:
                return _yes(f"{path}:{test.line}")
    broken = sorted(p for p, u in ctx.facts.python.items() if u.parse_error and is_test_path(p))
    if broken:
        return _unknown(*(f"{path} does not parse" for path in broken[:5]))
    return _no("no test function in test_*.py, *_test.py or a tests/ folder")


def ci_runs_tests(ctx: RuleContext) -> Aspect:
    if not ctx.facts.configs.ci:
        return _no(f"no CI configuration ({', '.join(CI_SYSTEMS)})")
    found = ci_test_runs(ctx.facts)
    if found.runs:
        return _yes(*(run.evidence for run in found.runs))
    if found.unresolved or found.broken:
        return _unknown(
            *(f"cannot see what this runs: {c}" for c in found.unresolved),
            *(f"{ci.path}: {ci.error}" for ci in found.broken),
        )
    return _no(*(f"{ci.path}: no test runner reached" for ci in found.entries))


def baseline(ctx: RuleContext) -> Aspect:
    evidence = _stated(ctx, "baseline")
    for path, unit in sorted(ctx.units.items()):
        if not is_test_path(path):
            evidence += [f"{path}:{c.line}" for c in unit.calls if c.name in BASELINE_CALLS][:1]
    named = sorted(
        p
        for p in ctx.facts.files
        if BASELINE_NAME.search(PurePosixPath(p).stem) and not is_test_path(p) and "{{" not in p
    )
    evidence += named[:3]
    evidence += _measured_baselines(ctx)[:3]
    for path in sorted(p for p in ctx.facts.files if METRIC_FILE.search(p)):
        if re.search(r"\bbaseline\b", ctx.facts.texts.get(path, "")[:20000], re.I):
            evidence.append(path)
    readme = next((p for p in ("README.md", "README.rst", "README") if p in ctx.facts.texts), None)
    heading = BASELINE_HEADING.search(ctx.facts.texts[readme]) if readme else None
    if heading:
        line = ctx.facts.texts[readme].count("\n", 0, heading.start()) + 1
        evidence.append(f"{readme}:{line}: {heading.group(0).strip()}")
    if evidence:
        return _yes(*evidence)
    return _no(
        "no checklist baseline, DummyClassifier/DummyRegressor, baseline module or file, "
        "baseline metric measured in code, baseline in a metrics file, or README baseline section"
    )


def _measured_baselines(ctx: RuleContext) -> list[str]:
    """Shipping modules that assign a baseline the score of an evaluation call.

    The text finds the assignment; the parsed calls confirm it is code (a call of
    that name on that line), not a docstring or a string.
    """
    found = []
    for path, unit in sorted(ctx.facts.python.items()):
        if is_test_path(path) or unit.parse_error is not None:
            continue
        text = ctx.facts.texts.get(path, "")
        for match in BASELINE_MEASURED.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            called = match.group(2)
            if any(c.line == line and c.name.rsplit(".", 1)[-1] == called for c in unit.calls):
                found.append(f"{path}:{line}: {match.group(1)} measured by {called}()")
                break
    return found


def metrics_tracked(ctx: RuleContext) -> Aspect:
    evidence = _stated(ctx, "evaluation")
    evidence += _dvc_metrics(ctx.facts)
    evidence += sorted(
        p
        for p in ctx.facts.files
        if METRIC_FILE.search(p) and not is_test_path(p) and "/.github/" not in f"/{p}"
    )[:3]
    for path, unit in sorted(ctx.units.items()):
        if is_test_path(path):
            continue
        call = metric_call(unit)
        if call is not None:
            evidence.append(f"{path}:{call.line}: {call.name}")
    if evidence:
        return _yes(*evidence)
    return _no("no DVC metrics, metrics file, metric logging call or checklist metrics")


def metric_call(unit: PythonFacts, also: tuple[str, ...] = ()) -> CallFact | None:
    """The first call in ``unit`` that logs a metric to a tracker (or DVC, TensorBoard), or
    whose name starts with one of ``also``; None when there is none."""
    imported = {i.module.split(".")[0] for i in unit.imports}
    imported |= {"lightning"} if imported & {"pytorch_lightning", "lightning"} else set()
    suffixes = tuple(
        suffix for root, ends in TRACKER_LOG.items() if root in imported for suffix in ends
    )
    starts = (*METRIC_CALLS, *also)
    for call in unit.calls:
        name = call.name
        if name.startswith(starts) or name.endswith("MLflowLoggerCallback"):
            return call
        if suffixes and "." in name and name.endswith(suffixes):
            return call
    return None


def _dvc_metrics(facts: RepoFacts) -> list[str]:
    found = []
    for config in facts.configs.of_kind("dvc"):
        found += [
            f"{config.path}: stage {stage.name} metrics"
            for stage in facts.configs.dvc_stages
            if stage.path == config.path and stage.metrics
        ]
        if isinstance(config.data, dict) and config.data.get("metrics"):
            found.append(f"{config.path}: metrics")
    return found


def latency_targets(ctx: RuleContext) -> Aspect:
    evidence = _stated(ctx, "latency")
    evidence += [
        p for p in _matching(ctx.facts, LOAD_TEST_FILES) if not is_test_path(p) or "locust" in p
    ]
    for config in ctx.facts.configs.parsed.values():
        key = _first_key(config.data, LATENCY_KEY)
        if (
            key
            and config.kind != "checklist"
            and config.path != ctx.checklist.path
            and not is_test_path(config.path)
        ):
            evidence.append(f"{config.path}: {key}")
        elif config.path.endswith(".tf") and isinstance(config.data, str):
            match = TERRAFORM_TIMEOUT.search(config.data)
            if match:
                line = config.data.count("\n", 0, match.start()) + 1
                evidence.append(f"{config.path}:{line}: {match.group(0).strip()}")
    if evidence:
        return _yes(*evidence)
    return _no(
        "no checklist latency, load test (locust, k6, JMeter) or latency/timeout setting in configs"
    )


def monitoring(ctx: RuleContext) -> Aspect:
    evidence = _stated(ctx, "monitoring")
    for path, unit in sorted(ctx.units.items()):
        if is_test_path(path):
            continue
        hit = next((i for i in unit.imports if i.module.split(".")[0] in MONITORING_MODULES), None)
        if hit is not None:
            evidence.append(f"{path}:{hit.line}: imports {hit.module}")
    checklist = ctx.checklist.path
    for config in ctx.facts.configs.parsed.values():
        if config.kind == "checklist" or config.path == checklist:
            continue  # the checklist's own claims are judged as claims, above
        if _first_key(config.data, MONITORING_KEY):
            evidence.append(config.path)
    if evidence:
        return _yes(*evidence)
    return _no("no checklist monitoring, drift/quality monitor, metrics exporter or alert config")


def _first_key(node: Any, pattern: re.Pattern[str], depth: int = 0) -> str | None:
    """The first mapping key matching ``pattern`` whose value is set, anywhere in the data."""
    if depth > 20:
        return None
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and pattern.search(key) and value not in (None, False, "", 0):
                return key
            found = _first_key(value, pattern, depth + 1)
            if found:
                return found
    elif isinstance(node, list):
        for item in node[:200]:
            found = _first_key(item, pattern, depth + 1)
            if found:
                return found
    return None


def contracts_present(ctx: RuleContext) -> Aspect:
    contracts = ctx.facts.contracts
    files = [item.path for item in contracts.files] if contracts is not None else []
    if files:
        return _yes(*files)
    return _no("no ODCS (*.odcs.yaml, kind: DataContract) or Data Contract Specification file")


def model_card(ctx: RuleContext) -> Aspect:
    """The files DOC-003 accepts (its README-section check is DOC-003's own)."""
    found = sorted(p for p in ctx.facts.files if is_card_file(p))
    return _yes(*found) if found else _no("no model card file")


def reproducibility(ctx: RuleContext) -> Aspect:
    """A lock file, and no unseeded randomness: what a reproducibility section would claim."""
    locked = locked_dependencies(ctx)
    seeds = random_seeds(ctx)
    if locked.status == AspectStatus.YES and seeds.status != AspectStatus.NO:
        return _yes(*locked.evidence, *seeds.evidence[:3])
    return _no(*(locked.evidence if locked.status != AspectStatus.YES else seeds.evidence)[:5])
