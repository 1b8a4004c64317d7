"""MLOps maturity computed from evidence, for Google's levels 0-2 and Microsoft's 0-4.

Published maturity models are self-assessment questionnaires; here each level's criteria
(``criteria``, stated as data with their source) are decided from the repository's facts
and aspects (``signals``). The level reached is the highest whose criteria, lower levels
included, are all met; an ``unknown`` criterion never counts as met. This is judgement,
after the aspects and before the reporters, which only render it.
"""

from __future__ import annotations

from collections.abc import Callable

from prodready.engine.context import RuleContext
from prodready.engine.registry import Catalog
from prodready.maturity.criteria import MODELS, Criterion, MaturityModel
from prodready.maturity.signals import SIGNALS, Evidence, combine
from prodready.models import (
    Aspect,
    AspectStatus,
    CriterionStatus,
    MaturityAssessment,
    MaturityCriterion,
    MaturityLevel,
)

STATUS = {
    AspectStatus.YES: CriterionStatus.MET,
    AspectStatus.NO: CriterionStatus.UNMET,
    AspectStatus.UNKNOWN: CriterionStatus.UNKNOWN,
}


def assess_maturity(
    ctx: RuleContext, aspects: dict[str, Aspect], catalog: Catalog
) -> list[MaturityAssessment]:
    """Every maturity model applied to one audit's evidence (signals decided once each)."""
    evidence = Evidence(ctx, aspects, catalog)
    decided: dict[str, Aspect] = {}

    def signal(name: str) -> Aspect:
        if name not in decided:
            try:
                decided[name] = SIGNALS[name](evidence)
            except Exception as error:  # a signal bug must not cost the audit: say so
                decided[name] = Aspect(
                    status=AspectStatus.UNKNOWN, evidence=[f"{name}: {type(error).__name__}"]
                )
        return decided[name]

    return [assess(model, signal) for model in MODELS]


def assess(model: MaturityModel, signal: Callable[[str], Aspect]) -> MaturityAssessment:
    """One model: each criterion decided, the level reached and the steps to the next."""
    criteria = [
        _criterion(c, combine([signal(name) for name in c.signals])) for c in model.criteria
    ]
    top = len(model.levels) - 1
    level = 0
    while level < top and all(
        c.status == CriterionStatus.MET for c in criteria if c.level == level + 1
    ):
        level += 1
    next_level = level + 1 if level < top else None
    blocking = [c for c in criteria if c.level == next_level and c.status != CriterionStatus.MET]
    return MaturityAssessment(
        model=model.id,
        title=model.title,
        reference=model.reference,
        level=level,
        level_name=model.levels[level][0],
        levels=[
            MaturityLevel(level=number, name=name, summary=summary)
            for number, (name, summary) in enumerate(model.levels)
        ],
        criteria=criteria,
        next_level=next_level,
        next_steps=[_step(c) for c in blocking],
        lower_bound=bool(blocking) and all(c.status == CriterionStatus.UNKNOWN for c in blocking),
        not_assessed=list(model.not_assessed),
    )


def _criterion(criterion: Criterion, decided: Aspect) -> MaturityCriterion:
    return MaturityCriterion(
        id=criterion.id,
        level=criterion.level,
        text=criterion.text,
        source=criterion.source,
        status=STATUS[decided.status],
        evidence=decided.evidence[:10],
        step=criterion.step,
    )


def _step(criterion: MaturityCriterion) -> str:
    if criterion.status == CriterionStatus.UNKNOWN:
        return f"{criterion.text}: could not be decided ({'; '.join(criterion.evidence[:2])}); {criterion.step}"
    return f"{criterion.text}: {criterion.step}"
