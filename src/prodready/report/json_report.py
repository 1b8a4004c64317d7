"""JSON: the result model itself, so other tools read exactly what every reporter renders."""

from __future__ import annotations

from prodready.models import AuditResult


def render(result: AuditResult) -> str:
    return result.model_dump_json(indent=2) + "\n"
