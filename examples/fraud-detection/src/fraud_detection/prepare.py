"""Stage `prepare`: clean raw transactions and make a time-based train/test split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fraud_detection.config import load_params

RAW_PATH = Path("data/raw/transactions.csv")
OUT_DIR = Path("data/prepared")
REQUIRED_COLUMNS = ["transaction_id", "amount", "currency", "created_at", "is_fraud"]


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Drop duplicate ids and rows missing required columns; parse timestamps."""
    df = df.drop_duplicates(subset="transaction_id")
    df = df.dropna(subset=REQUIRED_COLUMNS)
    return df.assign(created_at=pd.to_datetime(df["created_at"], utc=True))


def time_split(df: pd.DataFrame, test_size: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split so that the test set is the most recent `test_size` share of transactions."""
    ordered = df.sort_values("created_at")
    cutoff = int(len(ordered) * (1 - test_size))
    return ordered.iloc[:cutoff], ordered.iloc[cutoff:]


def main() -> None:
    """Run the stage with parameters from params.yaml."""
    params = load_params()
    train, test = time_split(clean(pd.read_csv(RAW_PATH)), params["test_size"])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    train.to_csv(OUT_DIR / "train.csv", index=False)
    test.to_csv(OUT_DIR / "test.csv", index=False)


if __name__ == "__main__":
    main()
