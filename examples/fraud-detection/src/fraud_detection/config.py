"""Configuration: training parameters from params.yaml, serving settings from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PARAMS_PATH = Path("params.yaml")
DEFAULT_MODEL_PATH = "models/model.joblib"


def load_params(path: Path = PARAMS_PATH) -> dict[str, Any]:
    """Read the DVC parameters file with a safe YAML loader."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class ServeSettings:
    """Settings for the scoring API, read once at start-up."""

    model_path: Path
    threshold: float
    model_version: str


def serve_settings() -> ServeSettings:
    """Build serving settings from environment variables with safe defaults."""
    return ServeSettings(
        model_path=Path(os.environ.get("FRAUD_MODEL_PATH", DEFAULT_MODEL_PATH)),
        threshold=float(os.environ.get("FRAUD_THRESHOLD", "0.35")),
        model_version=os.environ.get("FRAUD_MODEL_VERSION", "1.4.0"),
    )
