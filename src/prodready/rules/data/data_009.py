from __future__ import annotations

from prodready.contracts.lint import unclassified_personal_data
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS
from prodready.rules.data._common import lint_verdict


class PersonalDataClassified(Rule):
    meta = RuleMeta(
        id="DATA-009",
        title="Personal-looking fields carry a classification",
        category=Category.DATA,
        severity=Severity.HIGH,
        rationale=(
            "Fields named like email, phone, SSN, person names, addresses or IP addresses are personal data; unclassified, they get copied into features, logs and reports without access control (ML Test Score, Data 5: the pipeline has appropriate privacy controls; GDPR Art. 30 records)."
        ),
        passes_when="Every property whose name looks personal (email, phone, ssn, first/last/customer name, address, ip) has a `classification` (or DCS `pii: true`).",
        remediation="Set `classification:` (e.g. restricted, confidential) on each personal field, and tag it `pii`.",
        references=(
            ML_TEST_SCORE,
            ODCS,
            "https://gdpr-info.eu/art-30-gdpr/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            unclassified_personal_data,
            "{count} personal-looking field(s) without a classification",
            "every personal-looking field is classified",
        )
