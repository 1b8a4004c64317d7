"""The works rules cite, once: a rule names a constant (or, in YAML, the short name).

Short names keep declarative rules and profiles free of long URLs that drift apart; a
reference that is not a known name is kept as written (any URL).
"""

from __future__ import annotations

ML_TEST_SCORE = (
    "https://research.google/pubs/"
    "the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/"
)
"""Breck et al. 2017, The ML Test Score: 28 tests of production readiness."""

SCULLEY_2015 = "https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems"
"""Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems."""

ML_CODE_SMELLS = "https://arxiv.org/abs/2203.13746"
"""Zhang et al. 2022, Code Smells for Machine Learning Applications."""

ODCS = "https://bitol-io.github.io/open-data-contract-standard/"
"""The Open Data Contract Standard (Bitol)."""

DCS = "https://datacontract.com/"
"""The Data Contract Specification."""

MITCHELL_2019 = "https://arxiv.org/abs/1810.03993"
"""Mitchell et al. 2019, Model Cards for Model Reporting."""

HF_MODEL_CARDS = "https://huggingface.co/docs/hub/model-cards"
"""Hugging Face's model card format, with its ``model-index`` metadata."""

RULES_OF_ML_SKEW = (
    "https://developers.google.com/machine-learning/guides/rules-of-ml#training-serving_skew"
)
"""Zinkevich, Rules of Machine Learning: training-serving skew."""

RULE_DOCS = "https://github.com/prodready/prodready/blob/main/docs/rules.md"
"""prodready's own rule catalog: a rule's help URI is this with ``#<rule id>``."""

BY_NAME: dict[str, str] = {
    "ml-test-score": ML_TEST_SCORE,
    "sculley-2015": SCULLEY_2015,
    "ml-code-smells": ML_CODE_SMELLS,
    "odcs": ODCS,
    "dcs": DCS,
    "mitchell-2019": MITCHELL_2019,
}
"""Short names a YAML rule or profile may write instead of the URL."""


def resolve(reference: str) -> str:
    """The URL of a known short name; anything else as written."""
    return BY_NAME.get(reference.strip().lower(), reference)


def rule_help_uri(rule_id: str) -> str:
    return f"{RULE_DOCS}#{rule_id.lower()}"
