"""Drift checks run by the nightly monitoring job against monitoring/drift.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

EPSILON = 1e-6


def population_stability_index(expected: np.ndarray, actual: np.ndarray, bins: int = 10) -> float:
    """PSI between a reference sample and a current sample, using reference quantile bins."""
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    expected_share = np.histogram(expected, edges)[0] / max(len(expected), 1) + EPSILON
    actual_share = np.histogram(actual, edges)[0] / max(len(actual), 1) + EPSILON
    return float(np.sum((actual_share - expected_share) * np.log(actual_share / expected_share)))


def load_drift_config(path: Path = Path("monitoring/drift.yaml")) -> dict[str, Any]:
    """Read the drift configuration with a safe YAML loader."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_feature_drift(
    reference: pd.DataFrame, current: pd.DataFrame, config: dict[str, Any]
) -> dict[str, dict[str, float | bool]]:
    """PSI per configured feature and whether it breaches its threshold."""
    report: dict[str, dict[str, float | bool]] = {}
    for check in config["feature_drift"]["features"]:
        name, threshold = check["name"], check["threshold"]
        psi = population_stability_index(reference[name].to_numpy(), current[name].to_numpy())
        report[name] = {"psi": round(psi, 4), "breached": psi > threshold}
    return report


def breached_features(report: dict[str, dict[str, float | bool]]) -> list[str]:
    """Names of features whose drift exceeds the alert threshold."""
    return sorted(name for name, result in report.items() if result["breached"])
