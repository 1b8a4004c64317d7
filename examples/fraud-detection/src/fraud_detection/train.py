"""Stage `train`: fit a calibrated random forest and score it on the out-of-time test set."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

from fraud_detection.config import load_params
from fraud_detection.features import FEATURE_COLUMNS, TARGET

TRAIN_PATH = Path("data/features/train.csv")
TEST_PATH = Path("data/features/test.csv")
MODEL_PATH = Path("models/model.joblib")
SCORES_PATH = Path("metrics/scores.json")


def set_seeds(seed: int) -> None:
    """Seed every random number generator the pipeline touches."""
    random.seed(seed)
    np.random.seed(seed)


def load_split(path: Path) -> tuple[pd.DataFrame, pd.Series]:
    """Read a featurized split and return features and labels."""
    df = pd.read_csv(path)
    return df[FEATURE_COLUMNS], df[TARGET]


def train_model(X: pd.DataFrame, y: pd.Series, params: dict[str, Any]) -> CalibratedClassifierCV:
    """Fit the forest on most of the training period, calibrate it on the rest."""
    X_fit, X_cal, y_fit, y_cal = train_test_split(
        X, y, test_size=params["test_size"], random_state=params["seed"], stratify=y
    )
    forest = RandomForestClassifier(
        n_estimators=params["n_estimators"],
        max_depth=params["max_depth"],
        class_weight="balanced",
        random_state=params["seed"],
        n_jobs=-1,
    )
    forest.fit(X_fit, y_fit)
    calibrated = CalibratedClassifierCV(forest, method="sigmoid", cv="prefit")
    return calibrated.fit(X_cal, y_cal)


def score(model: Any, X: pd.DataFrame, y: pd.Series, threshold: float) -> dict[str, float]:
    """Compute the headline metrics at the decision threshold."""
    proba = model.predict_proba(X)[:, 1]
    predicted = (proba >= threshold).astype(int)
    return {
        "auc": round(float(roc_auc_score(y, proba)), 4),
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
        "threshold": threshold,
    }


def save(model: Any, metrics: dict[str, float]) -> None:
    """Write the model artifact and the metrics file tracked by DVC."""
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, MODEL_PATH)
    SCORES_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCORES_PATH.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    """Run the stage with parameters from params.yaml."""
    params = load_params()
    set_seeds(params["seed"])
    model = train_model(*load_split(TRAIN_PATH), params)
    X_test, y_test = load_split(TEST_PATH)
    save(model, score(model, X_test, y_test, params["threshold"]))


if __name__ == "__main__":
    main()
