"""Settings, merged once: defaults < [tool.prodready] in pyproject.toml < prodready.yaml ``settings:`` < flags."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prodready.errors import ConfigError
from prodready.loaders import InputLimitError, load_toml_text, load_yaml_text
from prodready.models import ProjectKind, Severity
from prodready.validation import describe_validation_error


class ConfigSuppression(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    paths: list[str] = ["*"]
    reason: str | None = None
    until: str | None = None


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(
        default_factory=list,
        description="Rule ids, id prefixes or categories to run (all when empty).",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule ids, id prefixes or categories to skip."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by rule id."
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options by rule id."
    )
    exclude: list[str] = Field(default_factory=list, description="Path globs left out of the scan.")
    kind: ProjectKind | None = Field(None, description="Override the detected project kind.")
    fail_under: float | None = Field(None, ge=0, le=100)
    fail_on: Severity | None = None
    profile: str = "default"
    jobs: int = Field(0, ge=0, description="Parser processes; 0 means one per core.")
    cache: bool = True
    git_window: int = Field(5000, ge=1, description="Most recent commits read for history facts.")
    max_file_mb: float = Field(5.0, gt=0)
    suppress: list[ConfigSuppression] = Field(default_factory=list)
    baseline: str | None = Field(
        None, description="Baseline file of accepted findings, relative to the repo."
    )


def load_settings(root: Path, overrides: dict[str, Any], checklist: Path | None = None) -> Settings:
    """Merge every layer; a bad key or value raises ConfigError naming the file and the key."""
    merged: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            tool = load_toml_text(pyproject.read_text(encoding="utf-8")).get("tool", {})
        except (tomllib.TOMLDecodeError, InputLimitError, UnicodeDecodeError, OSError):
            tool = {}  # a broken pyproject is a finding of the audit, not an invocation error
        if isinstance(tool, dict):  # `tool = 5` too: the audit reports the file as malformed
            _layer(merged, tool.get("prodready"), "pyproject.toml [tool.prodready]")
    checklist_path = checklist or root / "prodready.yaml"
    if checklist_path.is_file():
        try:
            document = load_yaml_text(checklist_path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            document = None  # reported by the checklist rules
        if isinstance(document, dict):
            _layer(merged, document.get("settings"), f"{checklist_path.name} settings")
    merged.update({key: value for key, value in overrides.items() if value not in (None, (), [])})
    try:
        return Settings.model_validate(merged)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, Settings)) from error


def _layer(merged: dict[str, Any], layer: Any, source: str) -> None:
    if layer is None:
        return
    if not isinstance(layer, dict):
        raise ConfigError(f"{source}: expected a table of settings, got {type(layer).__name__}")
    unknown = [
        key for key in (k.replace("-", "_") for k in layer) if key not in Settings.model_fields
    ]
    if unknown:
        hint = difflib.get_close_matches(unknown[0], list(Settings.model_fields), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise ConfigError(f"{source}: unknown setting '{unknown[0]}'{suggestion}")
    merged.update({key.replace("-", "_"): value for key, value in layer.items()})
