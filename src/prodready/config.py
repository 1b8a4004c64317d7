"""Settings, merged once: defaults < [tool.prodready] in pyproject.toml < prodready.yaml ``settings:`` < flags."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from prodready.errors import ConfigError, InputErrors, Problem
from prodready.inputs import read_yaml, toml_problems, yaml_problems
from prodready.models import ProjectKind, Severity
from prodready.scanners.checklist import drop_todos
from prodready.validation import describe_validation_error


class ConfigSuppression(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    paths: list[str] = ["*"]
    reason: str | None = None
    until: str | None = None

    @field_validator("until", mode="before")
    @classmethod
    def _date_as_written(cls, value: Any) -> Any:
        """``until = 2027-01-01`` unquoted is a TOML date: the same day as the quoted string."""
        return value.isoformat() if isinstance(value, date) else value


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
    git_window: int | None = Field(
        None, ge=1, description="Most recent commits read for history facts; all when unset."
    )
    max_file_mb: float = Field(5.0, gt=0)
    suppress: list[ConfigSuppression] = Field(default_factory=list)
    baseline: str | None = Field(
        None, description="Baseline file of accepted findings, relative to the repo."
    )


def inside(root: Path, path: Path) -> bool:
    """The file really lies in the repository: a committed symlink may point anywhere."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def load_settings(
    root: Path,
    overrides: dict[str, Any],
    checklist: Path | None = None,
    check_checklist: bool = False,
) -> Settings:
    """Merge every layer. Every problem in every layer is raised at once as InputErrors, each at
    its FILE:LINE:COL; with ``check_checklist`` the whole checklist is validated too (the audit's
    input), not only its ``settings:``.
    """
    problems: list[Problem] = []
    merged: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and inside(root, pyproject):
        merged.update(_pyproject_layer(pyproject, problems))
    checklist_path = checklist or root / "prodready.yaml"
    if checklist_path.is_file() and (checklist is not None or inside(root, checklist_path)):
        merged.update(_checklist_layer(root, checklist_path, check_checklist, problems))
    given = {key: value for key, value in overrides.items() if value not in (None, (), [])}
    if problems:
        raise InputErrors(problems, settings=_best_effort(merged, given))
    merged.update(given)
    try:
        return Settings.model_validate(merged)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, Settings)) from error


def _best_effort(merged: dict[str, Any], given: dict[str, Any]) -> Settings | None:
    """The settings the valid parts of every layer make (invalid keys left out), so that the
    caller can report the remaining problems, unknown rule names, in the same run."""
    layers = {**merged, **given}
    for _ in range(len(layers) + 1):
        try:
            return Settings.model_validate(layers)
        except ValidationError as error:
            bad = {str(e["loc"][0]) for e in error.errors() if e.get("loc")}
            if not bad & set(layers):
                return None
            layers = {key: value for key, value in layers.items() if key not in bad}
    return None


def _pyproject_layer(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        tool = tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return {}  # a broken pyproject is a finding of the audit, not an invocation error
    layer = tool.get("prodready") if isinstance(tool, dict) else None
    if layer is None:
        return {}
    if not isinstance(layer, dict):
        problems.append(
            Problem(
                path.name, 1, 1, f"[tool.prodready]: expected a table, got {type(layer).__name__}"
            )
        )
        return {}
    layer = _normalized(layer)
    problems += toml_problems(path.name, text, "tool.prodready", layer, Settings)
    return layer


def _checklist_layer(
    root: Path, path: Path, check_checklist: bool, problems: list[Problem]
) -> dict[str, Any]:
    """The checklist's ``settings:``; with ``check_checklist``, every problem of the checklist."""
    label = _label(root, path)
    found: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        found.append(Problem(label, 1, 1, f"cannot read: {error}"))
        text = None
    document, node = None, None
    if text is not None:
        document, node, syntax = read_yaml(label, text)
        found += syntax
    if not found and document is not None and not isinstance(document, dict):
        found.append(
            Problem(label, 1, 1, f"expected a mapping of sections, got {type(document).__name__}")
        )
    if not found and isinstance(document, dict):
        if check_checklist:
            from prodready.models.checklist import Checklist

            found += yaml_problems(label, drop_todos(document), node, Checklist)
        settings = document.get("settings")
        if settings is not None and not isinstance(settings, dict):
            problems.append(Problem(label, 1, 1, "settings: expected a mapping of settings"))
        elif settings is not None:
            layer = _normalized(settings)
            problems += yaml_problems(label, layer, node, Settings, prefix=("settings",))
            if check_checklist:
                problems += found
            return layer
    if check_checklist:
        problems += found  # otherwise the checklist rules report them, as the audit's findings
    return {}


def _normalized(layer: dict[str, Any]) -> dict[str, Any]:
    return {str(key).replace("-", "_"): value for key, value in layer.items()}


def _label(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
