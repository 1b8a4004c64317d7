from typing import Any

import numpy as np
import pandas as pd

from fraud_detection.features import FEATURE_COLUMNS, TARGET, build_features
from fraud_detection.train import score, set_seeds, train_model


def _xy(transactions: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return build_features(transactions), transactions[TARGET]


def test_training_is_reproducible(transactions: pd.DataFrame, params: dict[str, Any]) -> None:
    X, y = _xy(transactions)
    set_seeds(params["seed"])
    first = train_model(X, y, params).predict_proba(X)[:, 1]
    set_seeds(params["seed"])
    second = train_model(X, y, params).predict_proba(X)[:, 1]
    np.testing.assert_allclose(first, second)


def test_probabilities_are_valid(transactions: pd.DataFrame, params: dict[str, Any]) -> None:
    X, y = _xy(transactions)
    proba = train_model(X, y, params).predict_proba(X[FEATURE_COLUMNS])[:, 1]
    assert proba.shape == (len(X),)
    assert ((proba >= 0) & (proba <= 1)).all()


def test_score_reports_headline_metrics(transactions: pd.DataFrame, params: dict[str, Any]) -> None:
    X, y = _xy(transactions)
    metrics = score(train_model(X, y, params), X, y, params["threshold"])
    assert set(metrics) == {"auc", "precision", "recall", "threshold"}
    assert 0.5 <= metrics["auc"] <= 1.0
