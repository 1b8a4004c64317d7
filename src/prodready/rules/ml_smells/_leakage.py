"""Judgements over the data-flow facts of one unit, shared by LEAK-001..003 (and bench/).

Each function reads one ``LeakageFacts`` and returns the leaks its events prove; the
rules only turn them into findings. A leak needs the whole chain in view: the split,
the fit and an evaluation of the model on that split's test rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Verdict
from prodready.rules._common import judge_sources
from prodready.scanners.leakage import cell_of
from prodready.scanners.leakage_facts import LeakageFacts, Rows, SelectFlow

CITATION = (
    "Yang, Brower-Sinning, Lewis, Kästner, 'Data Leakage in Notebooks: Static Detection and "
    "Better Processes', ASE 2022"
)
REFERENCES = (
    "https://doi.org/10.1145/3551349.3556918",
    "https://scikit-learn.org/stable/common_pitfalls.html#data-leakage",
)


@dataclass(frozen=True)
class Leak:
    """A proven leak: where it is shown (``line``), what it is, and the lines of its chain."""

    line: int
    message: str
    lines: tuple[int, ...]


def holds_test_rows(rows: Rows, split: int, facts: LeakageFacts) -> bool:
    """``rows`` hold test rows of split ``split``: its test side, or every row it divided."""
    divided = set(facts.splits[split].rows.full)
    return (split, "test") in rows.sides or bool(divided and divided <= set(rows.full))


def where(facts: LeakageFacts, line: int) -> str:
    cell = cell_of(facts, line)
    return f"line {line}" if cell is None else f"cell {cell} (line {line})"


def _test_splits(rows: Rows, facts: LeakageFacts, kinds: tuple[str, ...]) -> list[int]:
    return sorted({s for s, side in rows.sides if side == "test" and facts.splits[s].kind in kinds})


def preprocessing_leaks(facts: LeakageFacts) -> list[Leak]:
    """A preprocessor fitted on rows that include a split's test rows, whose output trained
    the model then evaluated on those test rows."""
    leaks: dict[int, Leak] = {}
    for evaluation in facts.evals:
        if evaluation.fit is None:
            continue
        model = facts.fits[evaluation.fit]
        for split in _test_splits(evaluation.rows, facts, ("holdout", "kfold", "cv")):
            for index in model.rows.through:
                pre = facts.fits[index]
                if index in leaks or pre.role != "preprocessor":
                    continue
                if not holds_test_rows(pre.rows, split, facts):
                    continue
                cut = facts.splits[split]
                inside = " inside cross-validation" if cut.kind == "cv" else ""
                leaks[index] = Leak(
                    line=pre.line,
                    message=(
                        f"`{pre.cls or pre.target}` is fitted (`{pre.target}.{pre.method}"
                        f"({pre.data})`) on rows that include the test rows of `{cut.call}` "
                        f"at {where(facts, cut.line)}{inside}; the model trained on its "
                        f"output is evaluated on them at {where(facts, evaluation.line)}"
                    ),
                    lines=(pre.line, cut.line, model.line, evaluation.line),
                )
    return sorted(leaks.values(), key=lambda leak: leak.line)


def overlap_leaks(facts: LeakageFacts) -> list[Leak]:
    """A model trained on rows that include a split's test rows, then evaluated on them."""
    leaks: dict[int, Leak] = {}
    for evaluation in facts.evals:
        if evaluation.fit is None or evaluation.fit in leaks:
            continue
        model = facts.fits[evaluation.fit]
        if model.role != "model":
            continue
        for split in _test_splits(evaluation.rows, facts, ("holdout", "kfold")):
            if holds_test_rows(model.rows, split, facts):
                cut = facts.splits[split]
                leaks[evaluation.fit] = Leak(
                    line=model.line,
                    message=(
                        f"`{model.target}.{model.method}({model.data})` trains on rows that "
                        f"include the test rows of `{cut.call}` at {where(facts, cut.line)}, "
                        f"then `{evaluation.target}.{evaluation.method}({evaluation.data})` "
                        f"scores it on them at {where(facts, evaluation.line)}"
                    ),
                    lines=(model.line, cut.line, evaluation.line),
                )
                break
    return sorted(leaks.values(), key=lambda leak: leak.line)


def multi_test_leaks(facts: LeakageFacts) -> list[Leak]:
    """The same held-out test rows pick a model or setting and then give its reported score."""
    leaks: list[Leak] = []
    for selection in facts.selections:
        evals = [facts.evals[i] for i in selection.evals]
        if len(evals) < 2 and not any(e.repeated for e in evals):
            continue  # one evaluation picks nothing
        for split in sorted({s for e in evals for s in _test_splits(e.rows, facts, ("holdout",))}):
            reported = _reported_after(facts, split, selection)
            if reported is None:
                continue
            cut = facts.splits[split]
            leaks.append(
                Leak(
                    line=selection.line,
                    message=(
                        f"test scores on the rows held out by `{cut.call}` at "
                        f"{where(facts, cut.line)} pick the model ({selection.how} at "
                        f"{where(facts, selection.line)}), and the same rows report its "
                        f"score at {where(facts, reported)}"
                    ),
                    lines=(cut.line, *(e.line for e in evals[:3]), selection.line, reported),
                )
            )
            break
    for index, fit in enumerate(facts.fits):
        if fit.early_stopping_on is None:
            continue
        for split in _test_splits(fit.early_stopping_on, facts, ("holdout",)):
            scored = [
                e.line for e in facts.evals if e.fit == index and (split, "test") in e.rows.sides
            ]
            if scored:
                cut = facts.splits[split]
                leaks.append(
                    Leak(
                        line=fit.line,
                        message=(
                            f"`{fit.target}.{fit.method}` stops early (or keeps the best epoch) "
                            f"on the rows held out by `{cut.call}` at {where(facts, cut.line)}, "
                            f"and the same rows report its score at {where(facts, scored[0])}"
                        ),
                        lines=(cut.line, fit.line, scored[0]),
                    )
                )
                break
    return sorted(leaks, key=lambda leak: leak.line)


def _reported_after(facts: LeakageFacts, split: int, selection: SelectFlow) -> int | None:
    """Where the selection's result is reported on ``split``'s test rows: its scores printed,
    logged or returned, or a later evaluation on those rows outside any tuning loop. None
    when a later evaluation on other held-out rows (a true final test) follows instead."""
    line = selection.line
    for later in facts.evals:
        elsewhere = later.line > line and (split, "test") not in later.rows.sides
        if elsewhere and _test_splits(later.rows, facts, ("holdout",)):
            return None
    found = [
        e.line
        for e in facts.evals
        if e.line > line and not e.repeated and (split, "test") in e.rows.sides
    ]
    found += [
        r.line for r in facts.reports if r.line >= line and set(selection.evals) & set(r.evals)
    ]
    return min(found) if found else None


def judge(
    ctx: RuleContext, find: Callable[[LeakageFacts], list[Leak]], fail: str, ok: str, fix: str
) -> Verdict:
    """Findings from every source unit's leaks; not applicable when no split is evaluated."""
    findings: list[FindingDraft] = []
    evaluated = False
    partial: list[str] = []
    for path, unit in sorted(ctx.source_units.items()):
        facts = unit.leakage
        if facts is None:
            continue
        if facts.incomplete:
            partial.append(path)
        evaluated = evaluated or any(
            side == "test" for e in facts.evals for _, side in e.rows.sides
        )
        findings.extend(
            FindingDraft(
                message=leak.message,
                path=path,
                line=leak.line,
                evidence=tuple(f"{path}:{line}" for line in dict.fromkeys(leak.lines)),
                remediation=fix,
            )
            for leak in find(facts)
        )
    if partial and not findings:
        return Verdict.unknown(
            f"{len(partial)} unit(s) nest too deep for the data-flow analysis", partial[:10]
        )
    if not findings and not evaluated and not ctx.unparsable_sources:
        return Verdict.not_applicable("no model is evaluated on a train/test split in the code")
    return judge_sources(ctx, findings, fail, ok)
