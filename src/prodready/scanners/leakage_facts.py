"""Data-flow facts for the leakage rules: splits, fits, evaluations and selections, with rows.

Each event says which rows its data holds, as the def-use analysis in
``scanners.leakage`` could prove them: never a judgement (whether a fit leaks is
the LEAK rules' call). Splits, fits and evaluations refer to each other by their
index in these lists; rows name *roots* (a value whose origin the analysis does
not follow further, e.g. the frame ``pd.read_csv`` returned) local to one scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Side = Literal["train", "test"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rows:
    """Which rows a value holds.

    ``full``: roots every row of which it holds; ``part``: roots some rows of which it
    holds; ``sides``: (split index, side) whose rows it holds; ``through``: indexes of
    the preprocessing fits whose output it is (wholly or partly).
    """

    full: list[str] = field(default_factory=list)
    part: list[str] = field(default_factory=list)
    sides: list[tuple[int, Side]] = field(default_factory=list)
    through: list[int] = field(default_factory=list)

    def roots(self) -> set[str]:
        return {*self.full, *self.part}


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitFlow:
    """Rows divided into train and test: ``holdout`` (train_test_split), ``kfold`` (a
    splitter's ``split`` looped over) or ``cv`` (folds made inside cross_val_score, a search)."""

    line: int
    call: str
    kind: Literal["holdout", "kfold", "cv"]
    rows: Rows


@dataclass(frozen=True, slots=True, kw_only=True)
class FitFlow:
    """``target.method(data)``: ``role`` is ``preprocessor`` for the known scalers, encoders,
    imputers, selectors, vectorizers, projections and resamplers, else ``model``."""

    line: int
    target: str
    cls: str = ""
    role: Literal["preprocessor", "model"]
    method: str
    data: str = ""
    rows: Rows
    early_stopping_on: Rows | None = None  # validation data that stops training early


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalFlow:
    """``target.method(data)`` scored or predicted; ``fit`` the fit that trained ``target`` last,
    None when that is not in view; ``repeated`` when a loop around it also fits models."""

    line: int
    target: str
    method: str
    data: str = ""
    fit: int | None = None
    rows: Rows
    repeated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectFlow:
    """Scores of ``evals`` compared or ranked to pick a model or setting (``how`` says which)."""

    line: int
    how: str
    evals: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportFlow:
    """Scores of ``evals`` printed, displayed, logged or returned."""

    line: int
    evals: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class LeakageFacts:
    """The data-flow events of one module or notebook; ``cells`` are the first code line of
    each code cell of a notebook (empty for a module)."""

    cells: list[int] = field(default_factory=list)
    incomplete: bool = False  # the walk gave up (a tree nested too deep): events may be missing
    splits: list[SplitFlow] = field(default_factory=list)
    fits: list[FitFlow] = field(default_factory=list)
    evals: list[EvalFlow] = field(default_factory=list)
    selections: list[SelectFlow] = field(default_factory=list)
    reports: list[ReportFlow] = field(default_factory=list)
