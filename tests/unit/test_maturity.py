"""MLOps maturity: levels reached only on evidence, lower levels included, unknown never met."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.aspects import decide_aspects
from prodready.audit import rule_context
from prodready.engine.kind import detect_kind
from prodready.engine.registry import discover
from prodready.maturity import assess, assess_maturity
from prodready.maturity.criteria import GOOGLE, MICROSOFT
from prodready.models import Aspect, AspectStatus, CriterionStatus, MaturityAssessment
from prodready.scanners import ScanOptions, collect
from tests.conftest import make_git_repo

CATALOG = discover()

TESTED_CODE = {
    "README.md": "# churn\n",
    "pkg/__init__.py": "",
    "pkg/features.py": "def scale(x):\n    return x / 2\n",
    "tests/test_features.py": (
        "from pkg.features import scale\n\n\ndef test_scale():\n    assert scale(2) == 1\n"
    ),
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    steps:\n      - run: pytest -q\n",
}
MANAGED_TRAINING = {
    "dvc.yaml": (
        "stages:\n  train:\n    cmd: python pkg/train.py\n    deps: [data/train.csv]\n"
        "    outs: [models/model.joblib]\n    params: [train.n_estimators]\n"
        "    metrics: [metrics.json]\n"
    ),
    "params.yaml": "train:\n  n_estimators: 100\n",
    "pkg/train.py": (
        "import mlflow\nfrom sklearn.dummy import DummyClassifier\n"
        "from sklearn.ensemble import RandomForestClassifier\n\n\n"
        "def main(X, y, params):\n"
        "    baseline = DummyClassifier().fit(X, y)\n"
        "    model = RandomForestClassifier(random_state=0, **params).fit(X, y)\n"
        "    mlflow.log_metric('auc', 0.9)\n"
        "    return model, baseline\n"
    ),
    "Dockerfile": "FROM python:3.11-slim\nCOPY . /app\nCMD uvicorn pkg.serve:app\n",
    "requirements.txt": "scikit-learn==1.5.0\nmlflow==2.14.0\nfastapi==0.110.0\n",
    "pkg/serve.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.get('/predict')\ndef predict():\n    return {'y': 1}\n"
    ),
}
AUTOMATED_DEPLOYMENT = {
    ".github/workflows/deploy.yml": (
        "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    steps:\n"
        "      - run: docker build -t registry.example.com/churn:latest .\n"
        "      - run: docker push registry.example.com/churn:latest\n"
    ),
    "tests/integration/test_service.py": (
        "from pkg.serve import predict\n\n\ndef test_service_predicts():\n"
        "    assert predict() == {'y': 1}\n"
    ),
}
AUTOMATED_OPERATIONS = {
    ".github/workflows/retrain.yml": (
        "on:\n  schedule:\n    - cron: '0 3 * * 1'\n  repository_dispatch:\n"
        "    types: [drift-detected]\njobs:\n  retrain:\n    steps:\n"
        "      - run: pip install dvc\n      - run: dvc repro\n"
    ),
    "pkg/monitor.py": (
        "from evidently.report import Report\n\n\ndef drift(reference, current):\n"
        "    return Report(metrics=[]).run(reference_data=reference, current_data=current)\n"
    ),
}
VALIDATED_DATA = {
    "pkg/validate.py": (
        "import pandera as pa\n\nschema = pa.DataFrameSchema({'age': pa.Column(int)})\n"
    ),
}
REGISTERED_MODELS = {
    "pkg/register.py": (
        "import mlflow\n\n\ndef register(run_id):\n"
        "    mlflow.register_model(f'runs:/{run_id}/model', 'churn')\n"
    ),
}


def levels(root: Path, *parts: dict[str, str]) -> dict[str, MaturityAssessment]:
    files: dict[str, str] = {}
    for part in parts:
        files.update(part)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    make_git_repo(None, root)
    facts = collect(root, ScanOptions(use_cache=False))
    ctx = rule_context(facts, detect_kind(facts))
    found = assess_maturity(ctx, decide_aspects(ctx, CATALOG), CATALOG)
    return {assessment.model: assessment for assessment in found}


def status(assessment: MaturityAssessment, criterion: str) -> CriterionStatus:
    return next(c.status for c in assessment.criteria if c.id == criterion)


def test_a_bare_repository_is_level_zero_everywhere_with_steps(tmp_path: Path) -> None:
    found = levels(tmp_path, {"README.md": "# notes\n", "analysis.py": "print(1)\n"})
    for assessment in found.values():
        assert assessment.level == 0
        assert assessment.next_level == 1
        assert assessment.next_steps
        assert not assessment.lower_bound
    assert status(found["microsoft"], "microsoft.1.automated_builds") == CriterionStatus.UNMET
    assert status(found["microsoft"], "microsoft.1.source_control") == CriterionStatus.MET


@pytest.mark.parametrize(
    ("parts", "level"),
    [
        ((TESTED_CODE,), 1),
        ((TESTED_CODE, MANAGED_TRAINING), 2),
        ((TESTED_CODE, MANAGED_TRAINING, AUTOMATED_DEPLOYMENT), 3),
        ((TESTED_CODE, MANAGED_TRAINING, AUTOMATED_DEPLOYMENT, AUTOMATED_OPERATIONS), 4),
    ],
)
def test_microsoft_levels_follow_the_evidence(tmp_path: Path, parts: tuple, level: int) -> None:
    microsoft = levels(tmp_path, *parts)["microsoft"]
    assert microsoft.level == level
    assert microsoft.level_name == MICROSOFT.levels[level][0]
    below = [c for c in microsoft.criteria if c.level <= level]
    assert all(c.status == CriterionStatus.MET and c.evidence for c in below)
    assert microsoft.next_level == (level + 1 if level < 4 else None)


def test_microsoft_level_two_needs_level_one(tmp_path: Path) -> None:
    """Tested, managed training without CI: every level-2 criterion is met, the level is 0."""
    no_ci = {k: v for k, v in TESTED_CODE.items() if not k.startswith(".github/")}
    microsoft = levels(tmp_path, no_ci, MANAGED_TRAINING)["microsoft"]
    assert all(c.status == CriterionStatus.MET for c in microsoft.criteria if c.level == 2)
    assert status(microsoft, "microsoft.1.automated_builds") == CriterionStatus.UNMET
    assert microsoft.level == 0


def test_google_level_one_is_an_automated_pipeline(tmp_path: Path) -> None:
    google = levels(
        tmp_path, MANAGED_TRAINING, AUTOMATED_DEPLOYMENT, AUTOMATED_OPERATIONS, VALIDATED_DATA
    )["google"]
    assert google.level == 1
    training = next(c for c in google.criteria if c.id == "google.1.continuous_training")
    assert any(e.startswith(".github/workflows/retrain.yml:") for e in training.evidence)
    assert "schedule" in " ".join(training.evidence)
    steps = " ".join(google.next_steps)
    assert "tests" in steps and "registry" in steps


def test_google_level_two_adds_ci_cd_and_a_registry(tmp_path: Path) -> None:
    google = levels(
        tmp_path,
        TESTED_CODE,
        MANAGED_TRAINING,
        AUTOMATED_DEPLOYMENT,
        AUTOMATED_OPERATIONS,
        VALIDATED_DATA,
        REGISTERED_MODELS,
    )["google"]
    assert google.level == 2
    assert google.next_level is None and not google.next_steps
    registry = next(c for c in google.criteria if c.id == "google.2.model_registry")
    assert registry.evidence == ["pkg/register.py:5: mlflow.register_model"]


def test_without_ci_there_is_no_google_level_one(tmp_path: Path) -> None:
    everything = {**MANAGED_TRAINING, **AUTOMATED_OPERATIONS, **VALIDATED_DATA}
    del everything[".github/workflows/retrain.yml"]
    google = levels(tmp_path, everything)["google"]
    assert google.level == 0
    assert status(google, "google.1.continuous_training") == CriterionStatus.UNMET
    assert status(google, "google.1.pipeline") == CriterionStatus.MET


def test_a_manually_started_workflow_is_not_continuous_training(tmp_path: Path) -> None:
    manual = {
        ".github/workflows/train.yml": (
            "on: workflow_dispatch\njobs:\n  train:\n    steps:\n      - run: dvc repro\n"
        )
    }
    google = levels(tmp_path, MANAGED_TRAINING, manual)["google"]
    training = next(c for c in google.criteria if c.id == "google.1.continuous_training")
    assert training.status == CriterionStatus.UNMET
    assert "manual trigger only" in training.evidence[0]


def test_a_python_step_trains_when_the_module_it_runs_trains(tmp_path: Path) -> None:
    nightly = {
        ".github/workflows/nightly.yml": (
            "on:\n  schedule:\n    - cron: '0 1 * * *'\njobs:\n  train:\n    steps:\n"
            "      - run: python -m pkg.retrain\n"
        ),
        "pkg/retrain.py": "from pkg.train import main\n\nmain(None, None, {})\n",
    }
    google = levels(tmp_path, MANAGED_TRAINING, nightly)["google"]
    training = next(c for c in google.criteria if c.id == "google.1.continuous_training")
    assert training.status == CriterionStatus.MET
    assert "imports pkg/train.py:" in training.evidence[0]


def test_a_ci_file_that_does_not_parse_makes_training_unknown_not_met(tmp_path: Path) -> None:
    broken = {".github/workflows/retrain.yml": "on: [push\njobs: {\n"}
    found = levels(
        tmp_path,
        TESTED_CODE,
        MANAGED_TRAINING,
        AUTOMATED_DEPLOYMENT,
        VALIDATED_DATA,
        {"pkg/monitor.py": AUTOMATED_OPERATIONS["pkg/monitor.py"]},
        broken,
    )
    google = found["google"]
    assert status(google, "google.1.continuous_training") == CriterionStatus.UNKNOWN
    assert google.level == 0
    assert google.lower_bound  # only the unknown stands between it and level 1
    assert "could not be decided" in google.next_steps[0]
    assert found["microsoft"].level == 3
    assert status(found["microsoft"], "microsoft.4.automated_training") == CriterionStatus.UNKNOWN
    # a monitor is there and the CI that might retrain cannot be read: no "unmet"
    assert status(found["microsoft"], "microsoft.4.retraining_trigger") == CriterionStatus.UNKNOWN


def _always(answer: AspectStatus):
    return lambda name: Aspect(status=answer, evidence=[f"{name}: x"])


def test_unknown_counts_as_unmet_and_lower_levels_gate_higher_ones() -> None:
    assert assess(MICROSOFT, _always(AspectStatus.YES)).level == 4
    undecided = assess(MICROSOFT, _always(AspectStatus.UNKNOWN))
    assert undecided.level == 0 and undecided.lower_bound
    assert all(c.status == CriterionStatus.UNKNOWN for c in undecided.criteria)

    def all_but_level_one(name: str) -> Aspect:
        answer = AspectStatus.UNKNOWN if name == "ci_configured" else AspectStatus.YES
        return Aspect(status=answer)

    gated = assess(MICROSOFT, all_but_level_one)
    assert gated.level == 0
    assert [c.id for c in gated.criteria if c.status != CriterionStatus.MET] == [
        "microsoft.1.automated_builds"
    ]


def test_every_criterion_is_stated_with_a_source_and_a_step() -> None:
    from prodready.maturity.signals import SIGNALS

    for model in (GOOGLE, MICROSOFT):
        ids = [c.id for c in model.criteria]
        assert len(ids) == len(set(ids))
        for criterion in model.criteria:
            assert criterion.source.startswith(("Google", "Microsoft"))
            assert criterion.step and set(criterion.signals) <= set(SIGNALS)
            assert 1 <= criterion.level < len(model.levels)
        assert {c.level for c in model.criteria} == set(range(1, len(model.levels)))


def test_an_azure_cli_inline_script_that_builds_a_pipeline_trains(tmp_path: Path) -> None:
    azure = {
        "azure-pipelines.yml": (
            "trigger:\n  branches:\n    include: [main]\nsteps:\n"
            "  - task: AzureCLI@2\n    inputs:\n      scriptType: bash\n"
            "      scriptLocation: inlineScript\n      inlineScript: |\n"
            "        python -m ml.build_pipeline\n"
        ),
        "ml/__init__.py": "",
        "ml/build_pipeline.py": "from azureml.pipeline.core import Pipeline\n\nPipeline(None, [])\n",
    }
    google = levels(tmp_path, azure)["google"]
    training = next(c for c in google.criteria if c.id == "google.1.continuous_training")
    assert training.status == CriterionStatus.MET
    assert training.evidence[0].startswith("azure-pipelines.yml:10: python -m ml.build_pipeline")
    assert "imports azureml.pipeline.core" in training.evidence[0]
    assert "[on: trigger, pr]" in training.evidence[0]  # Azure builds PRs unless `pr: none`


def test_a_smoke_test_of_the_deployment_run_by_ci_is_an_integration_test(tmp_path: Path) -> None:
    smoke = {
        ".github/workflows/cd.yml": (
            "on: [push]\njobs:\n  cd:\n    steps:\n      - run: docker push r.example.com/a:1\n"
            "      - run: python -m ops.smoke_test_service --url $URL\n"
        )
    }
    microsoft = levels(tmp_path, TESTED_CODE, smoke)["microsoft"]
    integration = next(c for c in microsoft.criteria if c.id == "microsoft.3.integration_tests")
    assert integration.status == CriterionStatus.MET
    assert any("smoke_test_service" in e for e in integration.evidence)
    plain = levels(tmp_path / "plain", TESTED_CODE)["microsoft"]
    assert status(plain, "microsoft.3.integration_tests") == CriterionStatus.UNMET


def test_ci_running_tests_that_train_is_not_continuous_training(tmp_path: Path) -> None:
    library = {
        "pyproject.toml": '[project]\nname = "lib"\nversion = "1"\n',
        "lib/__init__.py": "",
        "lib/trainer.py": "def fit(model, batches):\n    for b in batches:\n        model(b).backward()\n",
        "scripts/hf-integration-tests.py": "from lib.trainer import fit\n\nfit(None, [])\n",
        "scripts/demo.py": "from lib.trainer import fit\n\nprint(fit)\n",
        ".github/workflows/nightly.yml": (
            "on:\n  schedule:\n    - cron: '0 1 * * *'\njobs:\n  t:\n    steps:\n"
            "      - run: python scripts/hf-integration-tests.py\n      - run: python scripts/demo.py\n"
        ),
    }
    google = levels(tmp_path, library)["google"]
    assert status(google, "google.1.continuous_training") == CriterionStatus.UNMET
