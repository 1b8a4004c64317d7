import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from fraud_detection.serve import app, get_model


class ConstantModel:
    """Stands in for the trained model: every transaction gets the same score."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        return np.tile([1 - self.probability, self.probability], (len(features), 1))


@pytest.fixture()
def client():
    app.dependency_overrides[get_model] = lambda: ConstantModel(0.9)
    yield TestClient(app)
    app.dependency_overrides.clear()


PAYLOAD = {
    "transaction_id": "tx-0001",
    "amount": 120.5,
    "currency": "EUR",
    "created_at": "2026-10-01T12:00:00Z",
}


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_predict_flags_high_scores(client: TestClient) -> None:
    response = client.post("/predict", json=PAYLOAD)
    assert response.status_code == 200
    body = response.json()
    assert body["transaction_id"] == "tx-0001"
    assert body["fraud_probability"] == pytest.approx(0.9)
    assert body["is_fraud"] is True


@pytest.mark.parametrize("field,value", [("amount", -1), ("currency", "euro")])
def test_predict_rejects_invalid_input(client: TestClient, field: str, value: object) -> None:
    response = client.post("/predict", json={**PAYLOAD, field: value})
    assert response.status_code == 422
