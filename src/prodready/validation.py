"""One-line descriptions of pydantic validation errors: field path, what was expected, did you mean."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError


def describe_validation_error(error: ValidationError, model: type[BaseModel]) -> str:
    return describe_error(error.errors()[0], model)


def describe_error(first: Any, model: type[BaseModel]) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) as a line with a did-you-mean."""
    location = [part for part in first["loc"]]
    where = ".".join(str(part) for part in location) or "(top level)"
    if first["type"] == "extra_forbidden":
        parent = _model_at(model, location[:-1])
        known = list(parent.model_fields) if parent else []
        hint = difflib.get_close_matches(str(location[-1]), known, n=1)
        suggestion = (
            f" (did you mean '{hint[0]}'?)"
            if hint
            else f" (expected one of: {', '.join(known)})"
            if known
            else ""
        )
        return f"{where}: unknown key{suggestion}"
    got = first.get("input")
    shown = "" if isinstance(got, dict | list) or got is None else f", got {got!r}"
    return f"{where}: {first['msg'].lower()}{shown}"


def _model_at(model: type[BaseModel], location: list[Any]) -> type[BaseModel] | None:
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        if (
            not (isinstance(current, type) and issubclass(current, BaseModel))
            or part not in current.model_fields
        ):
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside Optional[...], list[...] or dict[..., ...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None
