"""The CI gate's section of the result: what it judged and why."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import Severity


class GateStatus(StrEnum):
    """What the CI gate did: with no threshold set it judged nothing, so it never says passed."""

    PASSED = "passed"
    FAILED = "failed"
    NO_GATE = "no gate"


class GateResult(FrozenModel):
    passed: bool | None = Field(description="None when no gate is set: nothing was judged.")
    status: GateStatus = Field(
        GateStatus.PASSED, description="passed, failed, or 'no gate' when no threshold is set."
    )
    reasons: list[str] = []
    fail_under: float | None = None
    fail_on: Severity | None = None

    @model_validator(mode="before")
    @classmethod
    def _status_of_old_reports(cls, data: Any) -> Any:
        """A 1.0 report has only ``passed``: its status follows from it."""
        if isinstance(data, dict) and "status" not in data and data.get("passed") is False:
            return {**data, "status": GateStatus.FAILED}
        return data
