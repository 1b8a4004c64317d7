from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.documentation._cards import (
    HF_CARDS,
    MITCHELL_2019,
    Recorded,
    agrees,
    in_scope,
    recorded_metrics,
)
from prodready.scanners.model_cards import CardMetric, ModelCard


class CardMetricsMatchRecords(Rule):
    """Each metric value a card states, against the metrics files of the repository."""

    meta = RuleMeta(
        id="CARD-001",
        title="The model card's metrics are the ones the repository records",
        category=Category.DOCUMENTATION,
        severity=Severity.HIGH,
        rationale=(
            "A model card is what reviewers, users and auditors read instead of the code; "
            "metrics it states that differ from what the evaluation wrote (copied from an older "
            "run, rounded up, or from another split) mislead every decision made from it "
            "(Mitchell et al. 2019, 'Model Cards for Model Reporting': quantitative analyses "
            "must report the evaluated model; Hugging Face `model-index` results are shown on "
            "the Hub and leaderboards as the model's)."
        ),
        passes_when="Every metric value the card states (Hugging Face `model-index` results, a "
        "metrics table, or `name: value` lines) that a metrics file also records (DVC metrics, "
        "metrics*/scores*/eval* JSON, YAML, TOML or CSV; training-split and baseline values left "
        "out) equals one recorded value of that metric to the precision the card writes "
        "(0.91 matches 0.9104; 91.2% matches 0.912), and at least one such pair exists.",
        remediation="Generate the card's metrics from the evaluation output (e.g. template the "
        "card from metrics.json in the pipeline, or `huggingface_hub.ModelCard` with "
        "`EvalResult`), or update the numbers with each release.",
        references=(MITCHELL_2019, HF_CARDS),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        cards: tuple[ModelCard, ...] = ctx.facts.model_cards
        if not cards:
            return Verdict.not_applicable("no model card")
        stated = [(card, metric) for card in cards for metric in card.metrics]
        problems = [f"{card.path}: {card.problem}" for card in cards if card.problem]
        if not stated:
            if problems:
                return Verdict.unknown("the card states no readable metric values", problems)
            return Verdict.not_applicable("the model card states no metric values")
        recorded = recorded_metrics(ctx)
        if not recorded:
            return Verdict.unknown(
                f"the card states {len(stated)} metric value(s), but no metrics file in the "
                "repository records metrics to check them against"
            )
        findings, agreed, unmatched = [], [], 0
        for card, metric in stated:
            candidates = [r for r in recorded if r.name == metric.name and in_scope(card, r.path)]
            if not candidates:
                unmatched += 1
            elif any(agrees(metric, r.value) for r in candidates):
                match = next(r for r in candidates if agrees(metric, r.value))
                agreed.append(f"{card.path}:{metric.line}: {metric.label} = {match.reference}")
            else:
                findings.append(_finding(card, metric, candidates))
        if findings:
            return Verdict.failed(
                f"{len(findings)} metric value(s) in the model card differ from the metrics files",
                findings,
            )
        if not agreed:
            return Verdict.unknown(
                f"none of the {len(stated)} metric value(s) the card states is recorded in a "
                "metrics file of the repository",
                problems,
            )
        rest = f" ({unmatched} other(s) not recorded in any metrics file)" if unmatched else ""
        return Verdict.passed(
            f"{len(agreed)} metric value(s) in the card agree with the metrics files{rest}",
            agreed,
        )


def _finding(card: ModelCard, metric: CardMetric, candidates: list[Recorded]) -> FindingDraft:
    shown = ", ".join(f"{r.reference} = {r.value:g}" for r in candidates[:3])
    written = f"{metric.value:g}{'%' if metric.percent else ''}"
    where = f" ({metric.context})" if metric.context else ""
    return FindingDraft(
        message=f"the card states {metric.label}{where} = {written} ({metric.source}), but the "
        f"metrics files record {shown}",
        path=card.path,
        line=metric.line,
        evidence=(f"{card.path}:{metric.line}", *(r.reference for r in candidates[:3])),
    )
