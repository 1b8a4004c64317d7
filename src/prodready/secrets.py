"""What a secret looks like (SEC-004's detection) and the one function that masks it everywhere.

SEC-004 reports where a secret sits, never the secret. The same token can reach an output
by other roads: a checklist value, evidence quoted in a message, an example row of sample
data, a wrong-typed setting in an error line. Every reporter, the JSON report, the cache and
every error message pass through ``mask_secrets``/``masked``, so no road leaks it.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

SECRET_VALUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws_access_key_id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("stripe_live_key", re.compile(r"\b[sr]k_live_[0-9a-zA-Z]{20,}\b")),
    ("github_token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("slack_token", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b")),
    ("private_key", re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----")),
    ("openai_key", re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9]{32,}\b")),
)
# For masking, a private key is its whole block (or the rest of the text), not its header.
_MASKS = tuple(
    (
        kind,
        re.compile(pattern.pattern + r"[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)")
        if kind == "private_key"
        else pattern,
    )
    for kind, pattern in SECRET_VALUE_PATTERNS
)
Model = TypeVar("Model")


def looks_secret(text: str) -> bool:
    return any(pattern.search(text) for _, pattern in _MASKS)


def mask_secrets(text: str) -> str:
    """``text`` with every secret replaced by ``<redacted KIND>``; anything else unchanged."""
    for kind, pattern in _MASKS:
        text = pattern.sub(f"<redacted {kind}>", text)
    return text


def masked(model: Model) -> Model:
    """A pydantic model with every string field masked; the same object when nothing is secret."""
    if not looks_secret(model.model_dump_json()):  # type: ignore[attr-defined]
        return model
    data = _mask(model.model_dump())  # type: ignore[attr-defined]
    return type(model).model_validate(data)  # type: ignore[attr-defined,no-any-return]


def _mask(value: Any) -> Any:
    if type(value) is str:  # enums (str subclasses) are prodready's own words
        return mask_secrets(value)
    if isinstance(value, dict):
        return {_mask(key): _mask(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mask(item) for item in value)
    return value
