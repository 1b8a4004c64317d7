"""What a rule is: metadata beside logic, options as a typed model, a verdict out.

A rule reads facts through its context and never the disk. Its ``evaluate``
returns one ``Verdict``: pass, fail (with findings), unknown (it cannot
decide: never counted as pass) or not applicable, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict

from prodready.models import RuleDoc, Status

if TYPE_CHECKING:
    from prodready.engine.context import RuleContext


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


RuleMeta = RuleDoc
"""A rule's metadata is its documentation: one frozen model, validated when the rule is defined."""


REPO_VERDICT = "<the rule's repository-wide verdict>"
"""The fingerprint key of the one finding a repository-wide failure makes: its message
carries counts and names that change as the repository grows, the debt it states does not."""


@dataclass(frozen=True)
class FindingDraft:
    """A finding as a rule states it; the engine adds rule metadata and the fingerprint.

    ``snippet`` only feeds the fingerprint (default: the source line). It never
    reaches the output, so a line holding a secret is hashed, never copied.
    """

    message: str
    path: str | None = None
    line: int | None = None
    evidence: tuple[str, ...] = ()
    remediation: str | None = None
    snippet: str | None = None


@dataclass(frozen=True)
class Verdict:
    status: Status
    message: str = ""
    evidence: tuple[str, ...] = ()
    findings: tuple[FindingDraft, ...] = field(default_factory=tuple)

    @classmethod
    def passed(cls, message: str, evidence: list[str] | tuple[str, ...] = ()) -> Verdict:
        return cls(Status.PASS, message, tuple(evidence))

    @classmethod
    def failed(
        cls,
        message: str,
        findings: list[FindingDraft] | None = None,
        evidence: list[str] | tuple[str, ...] = (),
    ) -> Verdict:
        drafts = (
            tuple(findings)
            if findings
            else (FindingDraft(message=message, evidence=tuple(evidence), snippet=REPO_VERDICT),)
        )
        return cls(Status.FAIL, message, tuple(evidence), drafts)

    @classmethod
    def unknown(cls, reason: str, evidence: list[str] | tuple[str, ...] = ()) -> Verdict:
        return cls(Status.UNKNOWN, reason, tuple(evidence))

    @classmethod
    def not_applicable(cls, reason: str) -> Verdict:
        return cls(Status.NOT_APPLICABLE, reason)

    @classmethod
    def from_findings(
        cls,
        findings: list[FindingDraft],
        fail: str,
        ok: str,
        evidence: list[str] | tuple[str, ...] = (),
    ) -> Verdict:
        """Fail with the findings when there are any, pass otherwise."""
        if findings:
            return cls.failed(fail.format(count=len(findings)), findings, evidence)
        return cls.passed(ok, evidence)


class Rule:
    """Base of every rule. Subclasses set ``meta`` and implement ``evaluate``."""

    meta: ClassVar[RuleMeta]
    Options: ClassVar[type[BaseModel]] = NoOptions
    # True when ``evaluate`` reads ``ctx.project``: its verdict then holds for that kind only
    reads_kind: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("meta")
        if meta is not None and not isinstance(meta, RuleMeta):
            raise TypeError(f"{cls.__name__}.meta must be a RuleMeta")
        options = cls.__dict__.get("Options")
        if options is not None and options.model_config.get("extra") != "forbid":
            raise TypeError(f"{cls.__name__}.Options must forbid extra keys")

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def evaluate(self, ctx: RuleContext) -> Verdict:
        raise NotImplementedError
