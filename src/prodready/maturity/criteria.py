"""The two published MLOps maturity models, as data: each level's criteria, one per line.

Every criterion names the evidence that decides it (a signal, see ``signals``) and the
section of the published page it comes from. Only criteria a repository can show are
listed; the rest of each model (people, managed compute, ...) is stated in
``not_assessed`` so that a reader knows the level is "as far as the repository shows".

Sources:
- Google Cloud Architecture Center, "MLOps: Continuous delivery and automation pipelines
  in machine learning" (levels 0-2).
- Microsoft Azure Architecture Center, "Machine learning operations maturity model"
  (levels 0-4).
"""

from __future__ import annotations

from dataclasses import dataclass

GOOGLE_PAGE = (
    "https://cloud.google.com/architecture/"
    "mlops-continuous-delivery-and-automation-pipelines-in-machine-learning"
)
MICROSOFT_PAGE = "https://learn.microsoft.com/azure/architecture/ai-ml/guide/mlops-maturity-model"


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    level: int
    text: str
    signals: tuple[str, ...]  # all must hold (see ``signals.SIGNALS``)
    source: str
    step: str  # what to do when it is not met


@dataclass(frozen=True, slots=True)
class MaturityModel:
    id: str
    title: str
    reference: str
    levels: tuple[tuple[str, str], ...]  # (name, summary) for level 0, 1, ...
    criteria: tuple[Criterion, ...]
    not_assessed: tuple[str, ...]


G = "Google, MLOps: Continuous delivery and automation pipelines in machine learning"
M = "Microsoft, Machine learning operations maturity model"

# fmt: off
GOOGLE = MaturityModel(
    id="google",
    title="Google Cloud MLOps levels",
    reference=GOOGLE_PAGE,
    levels=(
        ("Manual process", "every step, from data analysis to deployment, is run by hand"),
        ("ML pipeline automation", "an orchestrated pipeline trains the model continuously"),
        ("CI/CD pipeline automation", "the pipeline itself is built, tested and delivered by CI/CD"),
    ),
    criteria=(
        Criterion("google.1.pipeline", 1, "the steps from data to model are an ML pipeline defined as code", ("pipeline_as_code",), f"{G}: level 1, Characteristics (rapid experiment; modularized code for components and pipelines)", "declare the steps from raw data to model as a pipeline (DVC stages, an MLproject, a ZenML/Kubeflow/Metaflow/Airflow flow)"),
        Criterion("google.1.continuous_training", 1, "the pipeline runs automatically on a trigger (schedule, new code or data), not by hand", ("ci_trains",), f"{G}: level 1, Characteristics (continuous training of the model in production); Additional components (ML pipeline triggers)", "run the training pipeline from CI or a scheduler on a trigger (a schedule, a push, new data), e.g. a workflow job that runs `dvc repro`"),
        Criterion("google.1.symmetry", 1, "development and production run the pipeline in the same declared, locked environment", ("environment_spec", "locked_dependencies"), f"{G}: level 1, Characteristics (experimental-operational symmetry)", "commit the environment the pipeline runs in (a Dockerfile or conda environment) and a lock file"),
        Criterion("google.1.data_validation", 1, "input data is validated against its expected schema and values", ("data_validation",), f"{G}: level 1, Additional components (data and model validation: data validation)", "validate the pipeline's input data: a data contract (ODCS) tested against samples, or a step using Great Expectations, pandera or TFDV"),
        Criterion("google.1.model_validation", 1, "a trained model is evaluated and compared with a baseline before it is promoted", ("metrics_tracked", "baseline"), f"{G}: level 1, Additional components (data and model validation: model validation)", "evaluate each trained model on held-out data and compare it with a declared baseline (a DummyClassifier or the model in production)"),
        Criterion("google.1.metadata", 1, "each pipeline run records its parameters and metrics", ("run_metadata",), f"{G}: level 1, Additional components (metadata management)", "record each run's parameters and metrics: DVC params/metrics, or MLflow, W&B or dvclive logging in the training code"),
        Criterion("google.1.model_delivery", 1, "a newly trained model reaches the prediction service automatically", ("model_delivery",), f"{G}: level 1, Characteristics (continuous delivery of models)", "let the pipeline deliver the validated model: register it in a model registry from CI, or deploy the prediction service from CI"),
        Criterion("google.2.source_control", 2, "the code is under source control", ("source_control",), f"{G}: level 2, CI/CD pipeline automation (source control)", "keep the project in a git repository"),
        Criterion("google.2.pipeline_ci", 2, "CI builds the pipeline's components and runs their tests on every change", ("tests_present", "ci_runs_tests"), f"{G}: level 2, Characteristics (pipeline continuous integration)", "write unit tests for feature engineering and model code and run them in CI on every push"),
        Criterion("google.2.pipeline_cd", 2, "CI delivers the pipeline's artifacts (images, deployments) to the target environment", ("ci_deploys",), f"{G}: level 2, Characteristics (pipeline continuous delivery)", "add a CI job that builds and pushes the pipeline's container image or deploys it (docker push, kubectl/helm, az ml, gcloud)"),
        Criterion("google.2.model_registry", 2, "trained models are stored in a model registry", ("registry",), f"{G}: level 2, CI/CD pipeline automation (model registry)", "register trained models (mlflow.register_model, Azure ML or Vertex AI model registry, DVC model artifacts)"),
        Criterion("google.2.monitoring", 2, "the deployed model's live performance and data are monitored", ("monitoring_in_code",), f"{G}: level 2, Stage 6 (monitoring)", "collect live statistics of the deployed model (a drift monitor such as Evidently, Prometheus metrics in the service, alert rules)"),
    ),
    not_assessed=(
        "level 1: feature store (optional in the source)",
        "level 2: the pipeline orchestrator and ML metadata store as deployed services",
    ),
)

MICROSOFT = MaturityModel(
    id="microsoft",
    title="Microsoft Azure MLOps maturity model",
    reference=MICROSOFT_PAGE,
    levels=(
        ("No MLOps", "builds, deployments, tests and training are manual"),
        ("DevOps but no MLOps", "application builds and tests are automated; model work is not"),
        ("Automated training", "training is managed, tracked and reproducible; releases are manual"),
        ("Automated model deployment", "models are released by CI/CD with tests, traceable to the data"),
        ("Full MLOps automated operations", "production metrics drive automated retraining"),
    ),
    criteria=(
        Criterion("microsoft.1.source_control", 1, "the code is version controlled", ("source_control",), f"{M}: level 1, Model release (the scoring script is version controlled)", "keep the project in a git repository"),
        Criterion("microsoft.1.automated_builds", 1, "builds are automated: a CI pipeline is configured", ("ci_configured",), f"{M}: level 1, Technology (automated builds)", "add a CI pipeline (GitHub Actions, Azure Pipelines, GitLab CI) that builds the project"),
        Criterion("microsoft.1.unit_tests", 1, "the application code has unit tests", ("tests_present",), f"{M}: level 1, Application integration (application code has unit tests)", "write unit tests for the application code (tests/test_*.py)"),
        Criterion("microsoft.1.automated_tests", 1, "the tests run automatically in CI", ("ci_runs_tests",), f"{M}: level 1, Technology (automated tests for application code)", "run the test suite in CI on every change"),
        Criterion("microsoft.2.training_pipeline", 2, "data preparation and training run as a pipeline defined as code", ("pipeline_as_code",), f"{M}: level 2, Model creation (data pipeline gathers data automatically); Highlights (training environment is fully managed and traceable)", "declare data preparation and training as a pipeline (DVC stages, Azure ML pipeline, an MLproject)"),
        Criterion("microsoft.2.experiment_tracking", 2, "experiment results are tracked", ("run_metadata",), f"{M}: level 2, Model creation (experiment results are tracked); Technology (centralized tracking of model training performance)", "log parameters and metrics of every training run to a tracker (MLflow, Azure ML, W&B) or DVC"),
        Criterion("microsoft.2.models_versioned", 2, "training code and the resulting models are version controlled", ("source_control", "models_versioned"), f"{M}: level 2, Model creation (both training code and resulting models are version controlled); Technology (model management)", "version the models: DVC or git LFS for model files, or a model registry"),
        Criterion("microsoft.2.reproducible", 2, "the training environment is declared and locked, so a model can be reproduced", ("environment_spec", "locked_dependencies"), f"{M}: level 2, Highlights (easy to reproduce model)", "commit the training environment (Dockerfile or conda environment) and a lock file"),
        Criterion("microsoft.2.scoring_tested", 2, "a scoring script or service is in the repository, with tests", ("serving_code", "tests_present"), f"{M}: level 2, Model release (scoring script is version controlled with tests)", "commit the scoring script or service that serves the model and test it"),
        Criterion("microsoft.3.automatic_release", 3, "releases are automatic, managed by a CI/CD pipeline", ("ci_deploys",), f"{M}: level 3, Model release (automatic release; release is managed by a CI/CD pipeline)", "add a CD job that deploys the model or service on every release (docker push, helm, az ml online-deployment)"),
        Criterion("microsoft.3.integration_tests", 3, "each model release passes unit and integration tests", ("integration_tests", "ci_runs_tests"), f"{M}: level 3, Application integration (unit and integration tests for each model release)", "add integration tests (tests/integration/) that exercise the trained model through the service, and run them in CI"),
        Criterion("microsoft.3.traceability", 3, "a deployed model is traceable back to the data it was trained on", ("data_versioning", "run_metadata"), f"{M}: level 3, Highlights (full traceability from deployment back to original data)", "version the training data (DVC or git LFS) and record which data and parameters each run used"),
        Criterion("microsoft.4.automated_training", 4, "model training and testing run automatically", ("ci_trains",), f"{M}: level 4, Technology (automated model training and testing)", "run training automatically from CI or a scheduler on a trigger"),
        Criterion("microsoft.4.production_metrics", 4, "the deployed model reports verbose, centralized metrics", ("monitoring_in_code",), f"{M}: level 4, Technology (verbose, centralized metrics from deployed model)", "export the deployed model's metrics and drift to a central monitor (Prometheus, Azure Monitor, Evidently)"),
        Criterion("microsoft.4.retraining_trigger", 4, "retraining is triggered automatically by production metrics", ("retrain_on_metrics",), f"{M}: level 4, Model creation (retraining triggered automatically based on production metrics)", "let a monitor's alert start the training pipeline (e.g. a repository_dispatch or pipeline trigger sent when drift is detected)"),
    ),
    not_assessed=(
        "People rows of every level (siloed or embedded data scientists, engineers and ops)",
        "level 2-4: compute is managed",
        "level 3: integrated A/B testing of model performance for deployment",
        "level 4: approaching a zero-downtime system",
    ),
)
# fmt: on

MODELS: tuple[MaturityModel, ...] = (GOOGLE, MICROSOFT)
