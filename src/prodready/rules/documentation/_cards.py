"""Shared by the CARD rules: the metrics the repository records, and what a card describes.

Recorded metrics are the numeric values of metrics files: those DVC stages declare and
files named like ``metrics*.json``/``scores*.yaml``/``eval*.csv`` (tests, baselines and
training-split values left out: a card reports how the model does on held-out data).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from prodready.engine.context import RuleContext
from prodready.models.references import HF_MODEL_CARDS, MITCHELL_2019, ML_TEST_SCORE  # noqa: F401 (re-exported)
from prodready.rules.evidence import METRIC_FILE
from prodready.scanners.facts import FileKind
from prodready.scanners.files import MODEL_SUFFIXES
from prodready.scanners.model_cards import CardMetric, ModelCard, metric_name
from prodready.scanners.queries import is_test_path

HF_CARDS = HF_MODEL_CARDS
MAX_LEAVES = 2000
_TRAIN_WORDS = frozenset({"train", "training", "fit"})


@dataclass(frozen=True)
class Recorded:
    path: str
    pointer: str
    name: str
    value: float

    @property
    def reference(self) -> str:
        return f"{self.path}#{self.pointer}"


def recorded_metrics(ctx: RuleContext) -> list[Recorded]:
    found: list[Recorded] = []
    for path in metric_files(ctx):
        for pointer, value in _leaves(_document(ctx, path)):
            keys = [k for k in pointer.split("/") if k]
            words = {w for k in keys for w in k.lower().replace("-", "_").split("_")}
            if words & _TRAIN_WORDS:
                continue
            name = next((n for n in map(metric_name, reversed(keys[-2:])) if n), None)
            if name is not None:
                found.append(Recorded(path, pointer, name, value))
    return found


def metric_files(ctx: RuleContext) -> list[str]:
    declared = {m for stage in ctx.facts.configs.dvc_stages for m in stage.metrics}
    named = {p for p in ctx.facts.files if METRIC_FILE.search(p)}
    return sorted(
        p
        for p in (declared | named) & set(ctx.facts.files)
        if not is_test_path(p) and "baseline" not in p.lower() and "/.github/" not in f"/{p}"
    )


def _document(ctx: RuleContext, path: str) -> Any:
    config = ctx.facts.configs.get(path)
    if config is not None:
        return None if config.error else config.data
    text = ctx.facts.texts.get(path)
    if text is None or not path.endswith((".csv", ".tsv")):
        return None
    dialect = "excel-tab" if path.endswith(".tsv") else "excel"
    try:
        return [dict(row) for row in csv.DictReader(io.StringIO(text), dialect=dialect)]
    except csv.Error:
        return None


def _leaves(node: Any, pointer: str = "", depth: int = 0) -> list[tuple[str, float]]:
    """Numeric leaves with their JSON Pointer (numbers written as text included, for CSV)."""
    if depth > 20:
        return []
    if isinstance(node, dict):
        items = [(str(k).replace("~", "~0").replace("/", "~1"), v) for k, v in node.items()]
    elif isinstance(node, list):
        items = [(str(i), v) for i, v in enumerate(node[:MAX_LEAVES])]
    else:
        number = _as_number(node)
        return [(pointer, number)] if number is not None else []
    found = []
    for key, value in items:
        found.extend(_leaves(value, f"{pointer}/{key}", depth + 1))
        if len(found) >= MAX_LEAVES:
            break
    return found


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def in_scope(card: ModelCard, path: str) -> bool:
    """A card in a subfolder (not docs/) describes that folder's model; one at the top, the repo's."""
    folder = PurePosixPath(card.path).parent
    if str(folder) in (".", "docs") or not str(folder):
        return True
    return path.startswith(f"{folder}/")


def agrees(stated: CardMetric, value: float) -> bool:
    """Equal to the precision the card wrote, in either scale (91.2% states 0.912 or 91.2)."""
    tolerance = 0.5 * 10 ** (-stated.decimals) + 1e-9
    if abs(stated.value - value) <= tolerance:
        return True
    if stated.percent or stated.value > 1:  # 91.2% against a fraction
        return abs(stated.value / 100 - value) <= tolerance / 100
    return abs(stated.value * 100 - value) <= tolerance * 100  # 0.912 against 91.2


@dataclass(frozen=True)
class Described:
    path: str
    how: str  # "named" (by path or folder), "records" (a value the card states) or "scope"


def described_files(ctx: RuleContext, card: ModelCard, recorded: list[Recorded]) -> list[Described]:
    """What the card describes: the model artifacts and metrics files it names (by path, or by
    the folder it says the model is kept in), the metrics files recording a value it states,
    and, when it names no model at all, the model artifacts in its scope. DVC-tracked models
    and metrics count by their ``.dvc`` file (a tracked data set is not what a card dates)."""
    files = ctx.facts.files
    folder = str(PurePosixPath(card.path).parent)
    named: set[str] = set()
    for mention in card.mentions:
        for candidate in (mention, f"{folder}/{mention}" if folder != "." else mention):
            if candidate.endswith("/"):
                named |= {p for p in files if p.startswith(candidate) and _describable(ctx, p)}
            for path in (candidate, f"{candidate}.dvc"):
                if path in files and _describable(ctx, path):
                    named.add(path)
    named.discard(card.path)
    found = {p: Described(p, "named") for p in named}
    stated = {metric.name for metric in card.metrics}
    for r in recorded:
        if r.name in stated and in_scope(card, r.path) and r.path not in found:
            found[r.path] = Described(r.path, "records")
    if not any(_is_model(ctx, p) for p in named):
        for path in sorted(files):
            if (
                path not in found
                and _is_model(ctx, path)
                and in_scope(card, path)
                and not is_test_path(path)
            ):
                found[path] = Described(path, "scope")
    return [found[p] for p in sorted(found)]


def _is_model(ctx: RuleContext, path: str) -> bool:
    if path.endswith(".dvc"):
        return PurePosixPath(path[: -len(".dvc")]).suffix.lower() in MODEL_SUFFIXES
    fact = ctx.facts.files.get(path)
    return fact is not None and fact.kind == FileKind.MODEL


def _describable(ctx: RuleContext, path: str) -> bool:
    tracked = path[: -len(".dvc")] if path.endswith(".dvc") else path
    return _is_model(ctx, path) or bool(METRIC_FILE.search(tracked))


def created(ctx: RuleContext, path: str) -> str | None:
    """When the scanned history first added the file (None: before the window, or unknown)."""
    for commit in reversed(ctx.facts.git.log):
        if any(change.path == path and change.created for change in commit.changes):
            return commit.date
    return None


def when(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None
