"""Stage `evaluate`: per-slice metrics on the test set, used for the fairness review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.metrics import recall_score, roc_auc_score

from fraud_detection.config import load_params
from fraud_detection.features import FEATURE_COLUMNS, TARGET
from fraud_detection.serve import load_model
from fraud_detection.train import MODEL_PATH, TEST_PATH

SLICES_PATH = Path("metrics/slices.json")
AMOUNT_BANDS = [0, 50, 500, float("inf")]
AMOUNT_LABELS = ["small", "medium", "large"]


def slice_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Add the columns that define evaluation slices."""
    bands = pd.cut(df["amount"], bins=AMOUNT_BANDS, labels=AMOUNT_LABELS, right=False)
    currency = df["is_foreign_currency"].map({0: "domestic", 1: "foreign"})
    return df.assign(amount_band=bands.astype(str), currency_group=currency)


def slice_metrics(df: pd.DataFrame, proba: pd.Series, column: str, threshold: float) -> dict:
    """AUC and recall for each value of one slice column (AUC is None for one-class slices)."""
    results: dict[str, dict[str, Any]] = {}
    for value, group in df.groupby(column):
        y, p = group[TARGET], proba.loc[group.index]
        auc = round(float(roc_auc_score(y, p)), 4) if y.nunique() == 2 else None
        recall = float(recall_score(y, (p >= threshold).astype(int), zero_division=0))
        results[str(value)] = {"n": len(group), "auc": auc, "recall": round(recall, 4)}
    return results


def main() -> None:
    """Write per-slice metrics for every slice column."""
    params = load_params()
    model = load_model(MODEL_PATH)
    df = slice_columns(pd.read_csv(TEST_PATH))
    proba = pd.Series(model.predict_proba(df[FEATURE_COLUMNS])[:, 1], index=df.index)
    report = {
        column: slice_metrics(df, proba, column, params["threshold"])
        for column in ("amount_band", "currency_group")
    }
    SLICES_PATH.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
