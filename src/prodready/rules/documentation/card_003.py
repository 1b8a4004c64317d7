from __future__ import annotations

import re

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.documentation._cards import HF_CARDS, MITCHELL_2019
from prodready.scanners.model_cards import ModelCard

# Mitchell et al. 2019's sections, with the headings cards use for them (the Hugging Face
# template's "Bias, Risks, and Limitations" covers ethics and caveats; "Uses", intended use).
SECTIONS: dict[str, re.Pattern[str]] = {
    "intended use": re.compile(r"intended\s+uses?|\buses?\b|use\s+cases?|out[- ]of[- ]scope", re.I),
    "factors": re.compile(r"\bfactors?\b|sub-?groups?|slices?|demographic", re.I),
    "metrics": re.compile(r"metrics?|performance|\bresults?\b", re.I),
    "evaluation data": re.compile(
        r"evaluation\s+(data|datasets?|sets?)|test(ing)?\s+(data|datasets?|sets?)|"
        r"validation\s+(data|datasets?|sets?)|held-?out|benchmarks?",
        re.I,
    ),
    "training data": re.compile(
        r"train(ing)?\s+(data|datasets?|sets?|details|procedure|corpus)", re.I
    ),
    "ethical considerations": re.compile(r"ethic|\bbias|fairness|\brisks?\b|responsib", re.I),
    "caveats and recommendations": re.compile(
        r"caveats?|limitations?|recommendations?|known\s+issues", re.I
    ),
}


class CardSections(Rule):
    """The sections of a model card by Mitchell et al. 2019, found by their headings."""

    meta = RuleMeta(
        id="CARD-003",
        title="The model card has the sections of Mitchell et al. (2019)",
        category=Category.DOCUMENTATION,
        severity=Severity.MEDIUM,
        rationale=(
            "Mitchell et al. 2019 ('Model Cards for Model Reporting') define what a card must "
            "say for its readers to judge the model: intended use (and out-of-scope uses), the "
            "factors (groups, conditions) performance may vary over, the metrics, the "
            "evaluation and training data, ethical considerations, and caveats and "
            "recommendations. A card that skips one leaves exactly that question to guesswork; "
            "the Hugging Face card template keeps the same sections."
        ),
        passes_when="Each model card (a model card file, a README with Hugging Face model "
        "metadata, or a README with a Model card / Intended use section) has a heading for "
        "each of the seven sections (synonyms accepted: Uses, Bias, Risks and Limitations, "
        "Testing Data, Results...) with something written under it (a heading over nothing, "
        "'More information needed', a template slot or the paper's own prompts does not count); "
        "`model-index` results count for metrics and evaluation data.",
        remediation="Add the missing sections, e.g. from the Hugging Face model card template; "
        "say 'not evaluated' or 'unknown' where that is the truth rather than leaving a section "
        "out.",
        references=(MITCHELL_2019, HF_CARDS),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        cards: tuple[ModelCard, ...] = ctx.facts.model_cards
        if not cards:
            return Verdict.not_applicable("no model card")
        findings, complete = [], []
        for card in cards:
            missing = _missing(card)
            if missing:
                findings.append(
                    FindingDraft(
                        message=f"the model card lacks {len(missing)} of the 7 sections of "
                        f"Mitchell et al. 2019: {', '.join(missing)}{_unwritten(card)}",
                        path=card.path,
                        evidence=tuple(
                            f"{card.path}:{s.line}: {s.title}" for s in card.sections[:12]
                        ),
                    )
                )
            else:
                complete.append(card.path)
        return Verdict.from_findings(
            findings,
            "{count} model card(s) miss sections of Mitchell et al. 2019",
            "every model card has the seven sections of Mitchell et al. 2019",
            evidence=complete,
        )


def _missing(card: ModelCard) -> list[str]:
    titles = [section.title for section in card.sections if not section.empty]
    present = {name for name, pattern in SECTIONS.items() if any(pattern.search(t) for t in titles)}
    if card.model_index and card.metrics:
        present.add("metrics")
    if card.model_index and card.evaluation_datasets:
        present.add("evaluation data")
    return [name for name in SECTIONS if name not in present]


def _unwritten(card: ModelCard) -> str:
    empty = [section.title for section in card.sections if section.empty]
    if not empty:
        return ""
    shown = ", ".join(f"'{title[:40]}'" for title in empty[:4])
    more = f" and {len(empty) - 4} more" if len(empty) > 4 else ""
    return f" (headings with nothing written under them: {shown}{more})"
