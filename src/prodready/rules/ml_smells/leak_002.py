from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._leakage import CITATION, REFERENCES, judge, overlap_leaks

_FIX = (
    "Train on the training side of the split only (`model.fit(X_train, y_train)`) and score "
    "on rows the model never saw; if you refit on all the data for the final model, do it "
    "after the evaluation and report the score measured before."
)


class OverlapLeakage(Rule):
    """The model is trained on rows it is then tested on.

    Proven by the data flow only: the fit that trained the model last, before it is scored
    on a split's test rows, saw those rows (the whole data that was split, or the test side).
    """

    meta = RuleMeta(
        id="LEAK-002",
        title="The test rows are not used to train the model they test",
        category=Category.ML_SMELLS,
        severity=Severity.HIGH,
        rationale=(
            "A model scored on rows it was trained on reports memorisation, not "
            "generalisation: the score is meaningless as an estimate for production. "
            + CITATION
            + " call this 'overlap leakage': test rows, or rows derived from "
            "them, used in training."
        ),
        passes_when="No model is scored (`predict`, `score`, `evaluate`) on a split's test "
        "rows after a fit on data holding those rows. Fits whose data the analysis cannot "
        "follow are not judged.",
        remediation=_FIX,
        references=REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return judge(
            ctx,
            overlap_leaks,
            fail="{count} model(s) are scored on rows they were trained on",
            ok="no model that can be followed is scored on rows it was trained on",
            fix=_FIX,
        )
