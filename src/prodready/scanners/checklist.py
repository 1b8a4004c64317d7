"""Read and validate the readiness checklist once; problems become facts for the CHK rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from prodready.models.checklist import Checklist
from prodready.scanners.configs import load_yaml_text
from prodready.validation import describe_validation_error

CHECKLIST_NAMES = ("prodready.yaml", "prodready.yml", ".prodready.yaml")


@dataclass(frozen=True, slots=True)
class ChecklistFacts:
    path: str
    checklist: Checklist | None = None
    error: str | None = None
    raw: Any = None


def read_checklist(
    root: Path, texts: dict[str, str], explicit: Path | None
) -> ChecklistFacts | None:
    """The checklist named on the command line, else the first default name at the root."""
    if explicit is not None:
        label = _label(root, explicit)
        try:
            text = explicit.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return ChecklistFacts(path=label, error=f"{label}: cannot read: {error}")
        return parse_checklist(label, text)
    for name in CHECKLIST_NAMES:
        if name in texts:
            return parse_checklist(name, texts[name])
    return None


def parse_checklist(label: str, text: str) -> ChecklistFacts:
    try:
        raw = load_yaml_text(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return ChecklistFacts(path=label, error=f"{label}: invalid YAML at {where}{problem}")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return ChecklistFacts(
            path=label, error=f"{label}: expected a mapping of sections, got {type(raw).__name__}"
        )
    try:
        return ChecklistFacts(
            path=label, checklist=Checklist.model_validate(drop_todos(raw)), raw=raw
        )
    except ValidationError as error:
        return ChecklistFacts(
            path=label, error=f"{label}: {describe_validation_error(error, Checklist)}", raw=raw
        )


def drop_todos(node: Any) -> Any:
    """A value still reading TODO (as `prodready init` writes it) is not a claim yet."""
    if isinstance(node, dict):
        return {key: drop_todos(value) for key, value in node.items() if not _is_todo(value)}
    if isinstance(node, list):
        return [drop_todos(item) for item in node if not _is_todo(item)]
    return node


def _is_todo(value: Any) -> bool:
    return isinstance(value, str) and value.strip().upper().startswith("TODO")


def _label(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
