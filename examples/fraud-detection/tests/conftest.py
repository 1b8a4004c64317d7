"""Shared fixtures: the committed sample data and small, fast training parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "samples" / "transactions.csv"


@pytest.fixture()
def transactions() -> pd.DataFrame:
    """The 30-row sample that satisfies contracts/transactions.odcs.yaml."""
    return pd.read_csv(SAMPLE_PATH)


@pytest.fixture()
def params() -> dict[str, Any]:
    """Training parameters small enough for unit tests."""
    return {"seed": 42, "test_size": 0.25, "n_estimators": 20, "max_depth": 4, "threshold": 0.35}
