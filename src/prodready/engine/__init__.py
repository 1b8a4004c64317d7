"""Run the selected rules over the facts and turn their verdicts into result records."""

from __future__ import annotations

import difflib
import hashlib
import re

from pydantic import ValidationError

from prodready.config import Settings
from prodready.engine.context import RuleContext
from prodready.engine.registry import Catalog
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.errors import RuleOptionsError
from prodready.models import Finding, Location, RuleResult, Severity, Status
from prodready.validation import describe_validation_error


def matches(meta: RuleMeta, selectors: list[str]) -> bool:
    """A selector is a rule id, an id prefix (``SEC`` or ``SEC-00``) or a category name."""
    return any(
        meta.id == s
        or meta.id.startswith(s.rstrip("-") + ("" if s[-1:].isdigit() else "-"))
        or meta.category == s.lower()
        for s in (selector.upper() for selector in selectors)
    )


def unknown_rule_names(catalog: Catalog, settings: Settings) -> list[str]:
    """Every selector, rule id or suppression naming no rule, with a did-you-mean: a typo must
    never silently select nothing (and pass the gate)."""
    metas = [rule.meta for rule in catalog.sorted()]
    prefixes = sorted({meta.id.split("-")[0] for meta in metas})
    categories = sorted({meta.category.value for meta in metas})
    ids = sorted(catalog.rules)
    problems = []
    for setting in ("select", "ignore"):
        for selector in getattr(settings, setting):
            if not any(matches(meta, [selector]) for meta in metas):
                problems.append(
                    f"{setting}: '{selector}' is no rule id, prefix or category"
                    + _did_you_mean(selector, [*ids, *prefixes, *categories])
                )
    named = [
        *(
            (f"rules: options given for unknown rule '{rule_id}'", rule_id)
            for rule_id in settings.rules
        ),
        *((f"severity: unknown rule '{rule_id}'", rule_id) for rule_id in settings.severity),
        *(
            (f"suppress[{index}].rule: unknown rule '{entry.rule}'", entry.rule.upper())
            for index, entry in enumerate(settings.suppress)
        ),
    ]
    problems += [
        text + _did_you_mean(rule_id, ids)
        for text, rule_id in named
        if rule_id not in catalog.rules
    ]
    return problems


def _did_you_mean(name: str, known: list[str]) -> str:
    by_upper = {item.upper(): item for item in known}
    close = difflib.get_close_matches(name.upper(), list(by_upper), n=1, cutoff=0.6)
    return f" (did you mean '{by_upper[close[0]]}'?)" if close else ""


def select(catalog: Catalog, settings: Settings) -> list[Rule]:
    """Instantiate the selected rules with validated options and severity overrides."""
    unknown = unknown_rule_names(catalog, settings)
    if unknown:
        raise RuleOptionsError("\n".join(unknown))
    chosen: list[Rule] = []
    for rule_class in catalog.sorted():
        meta = rule_class.meta
        if settings.select and not matches(meta, settings.select):
            continue
        if settings.ignore and matches(meta, settings.ignore):
            continue
        try:
            options = rule_class.Options.model_validate(settings.rules.get(meta.id, {}))
        except ValidationError as error:
            raise RuleOptionsError(
                f"{meta.id} options: {describe_validation_error(error, rule_class.Options)}"
            ) from error
        rule = rule_class(options)
        if meta.id in settings.severity:
            rule.meta = meta.model_copy(  # instance-level override
                update={"severity": Severity(settings.severity[meta.id])}
            )
        chosen.append(rule)
    return chosen


def run_rules(rules: list[Rule], ctx: RuleContext) -> list[RuleResult]:
    return [evaluate_rule(rule, ctx) for rule in rules]


def default_verdict(rule_class: type[Rule], ctx: RuleContext) -> Verdict:
    """The rule's verdict with default options whatever the kind: this audit's own where the
    kind cannot have changed it, else evaluated now (aspects and maturity state facts)."""
    verdict = ctx.verdicts.get(rule_class.meta.id) if not rule_class.reads_kind else None
    return verdict if verdict is not None else rule_class(rule_class.Options()).evaluate(ctx)


def evaluate_rule(rule: Rule, ctx: RuleContext) -> RuleResult:
    meta = rule.meta
    if meta.applies_to is not None and ctx.project.kind not in meta.applies_to:
        kinds = ", ".join(sorted(kind.value for kind in meta.applies_to))
        verdict = Verdict.not_applicable(
            f"applies to {kinds} projects; this one is {ctx.project.kind.value} ({ctx.project.reason})"
        )
    else:
        try:
            verdict = rule.evaluate(ctx)
        except Exception as error:  # a crashing rule is reported, the audit goes on
            verdict = Verdict(Status.ERROR, f"rule crashed: {type(error).__name__}: {error}")
        else:
            if rule.options == type(rule).Options():
                ctx.verdicts[meta.id] = verdict
    findings = (
        sorted(
            (_finding(meta, draft, ctx) for draft in verdict.findings),
            key=lambda f: (f.location.path or "", f.location.line or 0, f.message),
        )
        if verdict.status == Status.FAIL
        else []
    )
    return RuleResult(
        rule_id=meta.id,
        title=meta.title,
        category=meta.category,
        severity=meta.severity,
        status=verdict.status,
        message=verdict.message,
        evidence=list(verdict.evidence),
        findings=findings,
        affected_share=affected_share(findings, ctx),
    )


def affected_share(findings: list[Finding], ctx: RuleContext) -> float | None:
    """The share of source modules a failure's findings touch: how much of the code carries it.

    None when no finding sits in a source module (a repository-level failure, or one about
    configuration files): such a failure is all or nothing.
    """
    units = ctx.source_units
    touched = {f.location.path for f in findings if f.location.path in units}
    return round(len(touched) / len(units), 4) if touched else None


def _finding(meta: RuleMeta, draft: FindingDraft, ctx: RuleContext) -> Finding:
    snippet = draft.snippet or (ctx.source_line(draft.path, draft.line) if draft.path else None)
    return Finding(
        rule_id=meta.id,
        category=meta.category,
        severity=Severity(meta.severity),
        message=draft.message,
        location=Location(path=draft.path, line=draft.line),
        evidence=list(draft.evidence),
        remediation=draft.remediation or meta.remediation,
        fingerprint=fingerprint(meta.id, draft.path, snippet or message_key(draft.message)),
    )


def message_key(message: str) -> str:
    """A message without its numbers: counts and sizes change as the repository grows."""
    return re.sub(r"\d+(?:[.,]\d+)*", "#", message)


def fingerprint(rule_id: str, path: str | None, text: str) -> str:
    """Stable across line moves: rule, file and whitespace-normalized code, never the line number."""
    normalized = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(f"{rule_id}\0{path or ''}\0{normalized}".encode()).hexdigest()[:20]
