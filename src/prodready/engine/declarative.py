"""Declarative rules: YAML metadata plus a tiny boolean tree over the operator table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError, field_validator

from prodready.engine.context import RuleContext
from prodready.engine.operators import OPERATORS, Outcome
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.loaders import load_yaml_text
from prodready.models import RuleDoc


class DeclarativeSpec(RuleDoc):
    """A YAML rule: the rule's documentation plus its check and the two verdict messages."""

    check: dict[str, Any]
    pass_message: str
    fail_message: str

    @field_validator("check")
    @classmethod
    def _valid_tree(cls, tree: dict[str, Any]) -> dict[str, Any]:
        _validate_node(tree)
        return tree

    def meta(self) -> RuleMeta:
        """The documentation part alone: what every output reads."""
        return RuleMeta.model_validate(
            {name: getattr(self, name) for name in RuleMeta.model_fields}
        )


def _validate_node(node: Any) -> None:
    if not isinstance(node, dict) or len(node) != 1:
        raise ValueError(f"each check node must be a mapping with exactly one key, got {node!r}")
    ((key, value),) = node.items()
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"'{key}' needs a non-empty list")
        for child in value:
            _validate_node(child)
    elif key == "not":
        _validate_node(value)
    elif key not in OPERATORS:
        raise ValueError(
            f"unknown operator '{key}' (known: {', '.join(sorted(OPERATORS))}, all, any, not)"
        )


def evaluate_tree(ctx: RuleContext, node: dict[str, Any]) -> Outcome:
    """Kleene three-valued logic: unknown stays unknown unless the others decide."""
    ((key, value),) = node.items()
    if key == "not":
        result, evidence = evaluate_tree(ctx, value)
        return (None if result is None else not result), evidence
    if key in ("all", "any"):
        decisive = key == "any"
        evidence: list[str] = []
        saw_unknown = False
        for child in value:
            result, child_evidence = evaluate_tree(ctx, child)
            if result is decisive:
                return decisive, child_evidence
            saw_unknown = saw_unknown or result is None
            evidence.extend(child_evidence)
        return (None if saw_unknown else not decisive), evidence
    return OPERATORS[key](ctx, value)


def load_declarative(path: Path) -> type[Rule]:
    """Build a rule class from one YAML file; raises ValueError naming the file on any problem."""
    try:
        data = load_yaml_text(path.read_text(encoding="utf-8"))
        spec = DeclarativeSpec.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError, ValueError) as error:
        raise ValueError(f"{path.name}: {str(error).splitlines()[0]}") from error

    def evaluate(self: Rule, ctx: RuleContext) -> Verdict:
        result, evidence = evaluate_tree(ctx, spec.check)
        if result is True:
            return Verdict.passed(spec.pass_message, evidence)
        if result is False:
            return Verdict.failed(spec.fail_message, evidence=evidence)
        return Verdict.unknown(
            f"cannot decide: {'; '.join(evidence) or 'no evidence either way'}", evidence
        )

    name = "Declarative_" + spec.id.replace("-", "_")
    return type(
        name, (Rule,), {"meta": spec.meta(), "evaluate": evaluate, "source": str(path.name)}
    )
