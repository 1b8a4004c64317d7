import numpy as np
import pandas as pd

from fraud_detection.features import FEATURE_COLUMNS, build_features


def test_feature_columns_in_order(transactions: pd.DataFrame) -> None:
    features = build_features(transactions)
    assert list(features.columns) == FEATURE_COLUMNS
    assert len(features) == len(transactions)


def test_features_have_no_missing_values(transactions: pd.DataFrame) -> None:
    assert not build_features(transactions).isna().any().any()


def test_log_amount_is_monotonic_and_non_negative(transactions: pd.DataFrame) -> None:
    features = build_features(transactions)
    assert (features["log_amount"] >= 0).all()
    ordered = features.sort_values("amount")["log_amount"].to_numpy()
    assert np.all(np.diff(ordered) >= 0)


def test_time_features() -> None:
    df = pd.DataFrame(
        {"amount": [10.0], "currency": ["USD"], "created_at": ["2026-03-02T02:15:00Z"]}
    )
    row = build_features(df).iloc[0]
    assert row["hour"] == 2
    assert row["day_of_week"] == 0
    assert row["is_night"] == 1
    assert row["is_foreign_currency"] == 1
