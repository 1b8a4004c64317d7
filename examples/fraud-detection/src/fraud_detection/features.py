"""Stage `featurize`: the one feature function shared by training and serving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HOME_CURRENCY = "EUR"
FEATURE_COLUMNS = [
    "amount",
    "log_amount",
    "hour",
    "day_of_week",
    "is_night",
    "is_foreign_currency",
]
TARGET = "is_fraud"


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    """Turn raw transaction columns into the model's numeric feature frame."""
    created = pd.to_datetime(df["created_at"], utc=True)
    hour = created.dt.hour
    return pd.DataFrame(
        {
            "amount": df["amount"].astype(float),
            "log_amount": np.log1p(df["amount"].astype(float)),
            "hour": hour,
            "day_of_week": created.dt.dayofweek,
            "is_night": ((hour < 6) | (hour >= 23)).astype(int),
            "is_foreign_currency": (df["currency"] != HOME_CURRENCY).astype(int),
        },
        index=df.index,
    )[FEATURE_COLUMNS]


def featurize_file(src: Path, dst: Path) -> None:
    """Featurize one prepared split and keep the label next to the features."""
    df = pd.read_csv(src)
    features = build_features(df).assign(**{TARGET: df[TARGET].astype(int)})
    dst.parent.mkdir(parents=True, exist_ok=True)
    features.to_csv(dst, index=False)


def main() -> None:
    """Featurize the train and test splits produced by `prepare`."""
    for split in ("train", "test"):
        featurize_file(Path(f"data/prepared/{split}.csv"), Path(f"data/features/{split}.csv"))


if __name__ == "__main__":
    main()
