"""Online scoring API: `uvicorn fraud_detection.serve:app`."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import pandas as pd
from fastapi import Depends, FastAPI
from pydantic import BaseModel, ConfigDict, Field

from fraud_detection.config import serve_settings
from fraud_detection.features import build_features

app = FastAPI(title="fraud-detection", version="1.4.0")


class Transaction(BaseModel):
    """One card transaction as sent by the payments gateway."""

    transaction_id: str = Field(min_length=1)
    amount: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    created_at: datetime


class Prediction(BaseModel):
    """Fraud score and decision for one transaction."""

    model_config = ConfigDict(protected_namespaces=())

    transaction_id: str
    fraud_probability: float
    is_fraud: bool
    model_version: str


def load_model(path: Path) -> Any:
    """Load the trained model artifact produced by the DVC `train` stage."""
    return joblib.load(path)


@lru_cache(maxsize=1)
def get_model() -> Any:
    """Load the model once per process; overridden in tests."""
    return load_model(serve_settings().model_path)


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness probe."""
    return {"status": "ok"}


@app.post("/predict", response_model=Prediction)
def predict(transaction: Transaction, model: Any = Depends(get_model)) -> Prediction:
    """Score one transaction with the same features used in training."""
    settings = serve_settings()
    features = build_features(pd.DataFrame([transaction.model_dump()]))
    probability = float(model.predict_proba(features)[0, 1])
    return Prediction(
        transaction_id=transaction.transaction_id,
        fraud_probability=round(probability, 4),
        is_fraud=probability >= settings.threshold,
        model_version=settings.model_version,
    )
