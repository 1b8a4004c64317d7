"""Cross-check every claim of the checklist against evidence in the repository.

Each claim ends ``verified`` (evidence found and consistent), ``claimed``
(stated, nothing in the repo to check it against), ``contradicted`` (the
evidence disagrees) or ``missing`` (not stated). Only facts are read.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from collections.abc import Iterator
from typing import Any

from prodready.checklist.evidence import as_number, file_exists, outside_repo, resolve, same_value
from prodready.models import Approval, ChecklistReport, Claim, ClaimStatus, ProjectKind, Status
from prodready.models.checklist import SECTIONS, Checklist, Decision, Direction
from prodready.rules.reproducibility._seeds import judge_seeds
from prodready.scanners.facts import RepoFacts

_URL = re.compile(r"^[a-z]+://", re.I)
_PATHLIKE = re.compile(r"^[\w.\-/]+\.[A-Za-z0-9]{1,8}(#.*)?$|^[\w.\-]+/[\w.\-/]*$")


def cross_check(facts: RepoFacts, kind: ProjectKind = ProjectKind.UNKNOWN) -> ChecklistReport:
    """Each claim of prodready.yaml against the evidence; ``kind`` puts judgements shared
    with rules (the seed claim reads REPRO-004's) in the same context as the rule."""
    checklist_facts = facts.checklist
    if checklist_facts is None:
        return ChecklistReport(
            path=None, claims=[_missing(section, section) for section in SECTIONS]
        )
    if checklist_facts.checklist is None:
        return ChecklistReport(path=checklist_facts.path, error=checklist_facts.error)
    checklist: Checklist = checklist_facts.checklist
    checker = _Checker(facts, checklist, kind)
    claims = [claim for section in SECTIONS for claim in getattr(checker, section)()]
    approvers = [
        Approval(name=a.name, role=a.role, decision=a.decision.value, date=a.date)
        for a in (checklist.signoff.approvers if checklist.signoff else [])
    ]
    owners = (
        list(checklist.model.owners.technical) if checklist.model and checklist.model.owners else []
    )
    return ChecklistReport(
        path=checklist_facts.path, claims=claims, approvers=approvers, owners=owners
    )


def _claim(
    section: str,
    field: str,
    status: ClaimStatus,
    statement: Any = "",
    detail: str = "",
    evidence: list[str] | None = None,
) -> Claim:
    return Claim(
        section=section,
        field=field,
        statement=_text(statement),
        status=status,
        detail=detail,
        evidence=evidence or [],
    )


def _missing(section: str, field: str, detail: str = "") -> Claim:
    return _claim(
        section,
        field,
        ClaimStatus.MISSING,
        detail=detail or f"{field} is not stated in the checklist",
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Checker:
    def __init__(self, facts: RepoFacts, checklist: Checklist, kind: ProjectKind) -> None:
        self.facts = facts
        self.checklist = checklist
        self.kind = kind

    # helpers -----------------------------------------------------------------
    def _path_claim(self, section: str, field: str, value: str | None) -> Claim:
        """A claim that names a file: verified when it exists, contradicted when it does not."""
        if not value:
            return _missing(section, field)
        reference = value.split("#")[0].strip()
        if _URL.match(value) or not _PATHLIKE.match(value.strip()):
            return _claim(
                section,
                field,
                ClaimStatus.CLAIMED,
                value,
                "a description or link, not a file in the repository",
            )
        if outside_repo(reference):
            return _claim(
                section,
                field,
                ClaimStatus.CONTRADICTED,
                value,
                "path is outside the repository: refused, not read",
            )
        if file_exists(self.facts, reference):
            return _claim(
                section, field, ClaimStatus.VERIFIED, value, f"{reference} exists", [reference]
            )
        return _claim(
            section,
            field,
            ClaimStatus.CONTRADICTED,
            value,
            f"{reference} does not exist in the repository",
        )

    def _text_claim(self, section: str, field: str, value: Any) -> Claim:
        if value in (None, "", []):
            return _missing(section, field)
        return _claim(
            section,
            field,
            ClaimStatus.CLAIMED,
            value,
            "stated; nothing in the repository can confirm it",
        )

    def _measured(
        self,
        section: str,
        field: str,
        claimed: float | None,
        reference: str | None,
        direction: Direction | None = None,
        bound: bool = False,
    ) -> Claim:
        """Compare a number with the value recorded at its evidence reference.

        ``bound`` means the claim is a limit (a latency target): the measurement must not
        exceed it (or fall below it when higher is better) rather than equal it.
        """
        if claimed is None:
            return _missing(section, field)
        if not reference:
            return _claim(section, field, ClaimStatus.CLAIMED, claimed, "no evidence file given")
        resolved = resolve(self.facts, reference)
        if not resolved.ok:
            return _claim(
                section,
                field,
                ClaimStatus.CONTRADICTED,
                claimed,
                resolved.problem or "",
                [reference],
            )
        measured = as_number(resolved.value)
        if measured is None:
            return _claim(
                section,
                field,
                ClaimStatus.CONTRADICTED,
                claimed,
                f"{reference} holds {resolved.value!r}, not a number",
                [reference],
            )
        if bound:
            within = measured >= claimed if direction == Direction.HIGHER else measured <= claimed
            word = "at least" if direction == Direction.HIGHER else "at most"
            status = ClaimStatus.VERIFIED if within else ClaimStatus.CONTRADICTED
            return _claim(
                section,
                field,
                status,
                claimed,
                f"measured {measured:g} in {reference}; target {word} {claimed:g}",
                [reference],
            )
        if same_value(claimed, measured):
            return _claim(
                section,
                field,
                ClaimStatus.VERIFIED,
                claimed,
                f"{reference} records {measured:g}",
                [reference],
            )
        return _claim(
            section,
            field,
            ClaimStatus.CONTRADICTED,
            claimed,
            f"{reference} records {measured:g}, not {claimed:g}",
            [reference],
        )

    # sections ----------------------------------------------------------------
    def model(self) -> Iterator[Claim]:
        section = self.checklist.model
        owners = section.owners if section else None
        if not owners or not owners.technical:
            yield _missing("model", "model.owners.technical", "no technical owner is named")
        else:
            yield self._owners_claim(owners.technical)
        yield self._text_claim(
            "model", "model.owners.business", owners.business if owners else None
        )
        yield self._text_claim("model", "model.owners.on_call", owners.on_call if owners else None)

    def _owners_claim(self, owners: list[str]) -> Claim:
        codeowners = self.facts.configs.codeowners
        statement = ", ".join(owners)
        if not codeowners:
            return _claim(
                "model",
                "model.owners.technical",
                ClaimStatus.CLAIMED,
                statement,
                "no CODEOWNERS file to confirm the owners",
            )
        listed = {owner.lower() for _, names in codeowners for owner in names}
        absent = [owner for owner in owners if owner.lower() not in listed]
        where = self.facts.configs.codeowners_path or "CODEOWNERS"
        if absent:
            return _claim(
                "model",
                "model.owners.technical",
                ClaimStatus.CONTRADICTED,
                statement,
                f"not in {where}: {', '.join(absent)}",
                [where],
            )
        return _claim(
            "model",
            "model.owners.technical",
            ClaimStatus.VERIFIED,
            statement,
            f"listed in {where}",
            [where],
        )

    def objective(self) -> Iterator[Claim]:
        section = self.checklist.objective
        yield self._text_claim(
            "objective", "objective.problem", section.problem if section else None
        )
        yield self._text_claim(
            "objective", "objective.success_metric", section.success_metric if section else None
        )
        if section is None or section.acceptance_threshold is None:
            yield _missing(
                "objective",
                "objective.acceptance_threshold",
                "no acceptance threshold agreed with the business",
            )
            return
        metric = self._evaluation_metric(section.success_metric)
        if metric is None or metric.evidence is None:
            yield _claim(
                "objective",
                "objective.acceptance_threshold",
                ClaimStatus.CLAIMED,
                section.acceptance_threshold,
                "no evaluation metric with evidence to compare it with",
            )
            return
        yield self._measured(
            "objective",
            "objective.acceptance_threshold",
            section.acceptance_threshold,
            metric.evidence,
            section.direction,
            bound=True,
        )

    def _evaluation_metric(self, name: str | None):  # type: ignore[no-untyped-def]
        evaluation = self.checklist.evaluation
        if not name or evaluation is None:
            return None
        return next(
            (metric for metric in evaluation.metrics if metric.name.lower() == name.lower()), None
        )

    def baseline(self) -> Iterator[Claim]:
        section = self.checklist.baseline
        yield self._text_claim("baseline", "baseline.model", section.model if section else None)
        if section is None or section.value is None:
            yield _missing("baseline", "baseline.value", "no baseline metric value to beat")
            return
        yield self._measured("baseline", "baseline.value", section.value, section.evidence)
        metric = self._evaluation_metric(section.metric)
        if metric is None or metric.value is None:
            return
        better = (
            metric.value > section.value
            if section.direction == Direction.HIGHER
            else metric.value < section.value
        )
        status = ClaimStatus.VERIFIED if better else ClaimStatus.CONTRADICTED
        detail = f"model {metric.name} {metric.value:g} vs baseline {section.value:g} ({section.direction.value} is better)"
        yield _claim(
            "baseline",
            "baseline.beaten",
            status,
            f"{metric.value:g} beats {section.value:g}",
            detail,
        )

    def evaluation(self) -> Iterator[Claim]:
        section = self.checklist.evaluation
        if section is None or not section.metrics:
            yield _missing("evaluation", "evaluation.metrics", "no evaluation metric is recorded")
        else:
            for index, metric in enumerate(section.metrics):
                yield self._measured(
                    "evaluation",
                    f"evaluation.metrics[{index}].{metric.name}",
                    metric.value,
                    metric.evidence,
                )
        yield self._text_claim("evaluation", "evaluation.split", section.split if section else None)

    def reproducibility(self) -> Iterator[Claim]:
        section = self.checklist.reproducibility
        yield self._seed_claim(section.seed if section else None)
        yield self._lock_claim(section.lock_file if section else None)
        yield self._command_claim(section.training_command if section else None)
        yield self._data_version_claim(section.data_version if section else None)
        yield self._text_claim(
            "reproducibility",
            "reproducibility.experiment_tracking",
            section.experiment_tracking if section else None,
        )

    def _seed_claim(self, seed: int | None) -> Claim:
        """Read REPRO-004's judgement: one answer to whether training is seeded."""
        if seed is None:
            return _missing("reproducibility", "reproducibility.seed")
        judged = judge_seeds(self.facts, self.kind)

        def claim(status: ClaimStatus, detail: str, evidence: list[str] | None = None) -> Claim:
            return _claim("reproducibility", "reproducibility.seed", status, seed, detail, evidence)

        if judged.status == Status.FAIL:
            paths = sorted({site.path for site in judged.gaps})
            return claim(
                ClaimStatus.CONTRADICTED,
                f"stochastic code runs with no seed in {', '.join(paths[:3])}"
                + (" ..." if len(paths) > 3 else "")
                + " (REPRO-004)",
                [f"{site.path}:{site.line}" for site in judged.gaps[:5]],
            )
        if judged.status == Status.PASS:
            return claim(
                ClaimStatus.VERIFIED,
                f"the code seeds all {len(judged.sites)} stochastic call(s) (REPRO-004)",
                [
                    f"{site.path}:{site.line} seeded by {site.seeded_by}"
                    for site in judged.sites[:5]
                ],
            )
        if judged.status == Status.UNKNOWN:
            return claim(
                ClaimStatus.CLAIMED,
                "cannot be checked: code that may set or skip the seed could not be parsed",
                [*judged.report.unparsable[:5]],
            )
        if judged.report.seeding:  # nothing stochastic runs, and the code does set the seed
            return claim(
                ClaimStatus.VERIFIED,
                "the code sets a seed; nothing stochastic runs unseeded (REPRO-004)",
                list(judged.report.seeding[:5]),
            )
        return claim(ClaimStatus.CLAIMED, "no stochastic code found to check")

    def _lock_claim(self, lock_file: str | None) -> Claim:
        field = "reproducibility.lock_file"
        if not lock_file:
            return _missing("reproducibility", field)
        path = lock_file.strip().removeprefix("./")
        if outside_repo(path):
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.CONTRADICTED,
                lock_file,
                "path is outside the repository: refused, not read",
            )
        if path in self.facts.configs.lock_files:
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.VERIFIED,
                lock_file,
                f"{path} is a lock file",
                [path],
            )
        if path in self.facts.files:
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.CONTRADICTED,
                lock_file,
                f"{path} exists but is not a lock file (no resolved, pinned dependency set)",
            )
        return _claim(
            "reproducibility",
            field,
            ClaimStatus.CONTRADICTED,
            lock_file,
            f"{path} does not exist in the repository",
        )

    def _command_claim(self, command: str | None) -> Claim:
        field = "reproducibility.training_command"
        if not command:
            return _missing("reproducibility", field)
        try:
            words = shlex.split(command)
        except ValueError:
            words = command.split()
        files = self.facts.files
        if words[:2] == ["dvc", "repro"]:
            found = [
                name
                for name in files
                if fnmatch.fnmatch(name, "dvc.yaml") or name.endswith("/dvc.yaml")
            ]
            return self._evidence_claim(field, command, found, "dvc.yaml")
        if words and words[0] in ("make", "just") and len(words) > 1:
            target = words[1]
            makefile = self.facts.texts.get("Makefile", "") + self.facts.texts.get("justfile", "")
            present = re.search(rf"^{re.escape(target)}\s*:", makefile, re.M) is not None
            return self._evidence_claim(
                field, command, ["Makefile"] if present else [], f"a '{target}' target"
            )
        if "-m" in words:
            module = words[words.index("-m") + 1] if words.index("-m") + 1 < len(words) else ""
            stem = module.replace(".", "/")
            found = [p for p in files if p.endswith((f"{stem}.py", f"{stem}/__main__.py"))]
            return self._evidence_claim(field, command, found, f"module {module}")
        scripts = [word for word in words if word.endswith((".py", ".sh", ".ipynb"))]
        if scripts:
            found = [s.removeprefix("./") for s in scripts if s.removeprefix("./") in files]
            return self._evidence_claim(field, command, found, scripts[0])
        return _claim(
            "reproducibility",
            field,
            ClaimStatus.CLAIMED,
            command,
            "cannot tell what this command runs",
        )

    def _evidence_claim(self, field: str, statement: str, found: list[str], wanted: str) -> Claim:
        if found:
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.VERIFIED,
                statement,
                f"{found[0]} exists",
                found[:3],
            )
        return _claim(
            "reproducibility",
            field,
            ClaimStatus.CONTRADICTED,
            statement,
            f"{wanted} not found in the repository",
        )

    def _data_version_claim(self, value: str | None) -> Claim:
        field = "reproducibility.data_version"
        if not value:
            return _missing("reproducibility", field)
        configs = self.facts.configs
        lowered = value.lower()
        if "dvc" in lowered:
            found = sorted(
                p for p in self.facts.files if p.endswith((".dvc", "dvc.yaml", "dvc.lock"))
            )
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.VERIFIED if found else ClaimStatus.CONTRADICTED,
                value,
                "DVC files present" if found else "no DVC files in the repository",
                found[:3],
            )
        if "lfs" in lowered:
            ok = bool(configs.lfs_patterns)
            return _claim(
                "reproducibility",
                field,
                ClaimStatus.VERIFIED if ok else ClaimStatus.CONTRADICTED,
                value,
                ".gitattributes tracks files with LFS"
                if ok
                else "no LFS patterns in .gitattributes",
                [".gitattributes"] if ok else [],
            )
        return _claim(
            "reproducibility",
            field,
            ClaimStatus.CLAIMED,
            value,
            "a data version outside the repository",
        )

    def latency(self) -> Iterator[Claim]:
        section = self.checklist.latency
        targets = {
            name: getattr(section, name) if section else None
            for name in (
                "p50_ms",
                "p95_ms",
                "p99_ms",
                "throughput_rps",
                "model_size_mb",
                "memory_mb",
            )
        }
        if not any(value is not None for value in targets.values()):
            yield _missing("latency", "latency", "no latency or throughput target is declared")
            return
        for name, target in targets.items():
            if target is None:
                continue
            reference = (
                f"{section.evidence.split('#')[0]}#/{name}"
                if section and section.evidence
                else None
            )
            direction = Direction.HIGHER if name == "throughput_rps" else Direction.LOWER
            yield self._measured(
                "latency", f"latency.{name}", target, reference, direction, bound=True
            )

    def monitoring(self) -> Iterator[Claim]:
        section = self.checklist.monitoring
        if section is None or not any(section.model_dump().values()):
            yield _missing("monitoring", "monitoring", "no monitoring plan is declared")
            return
        for name, value in section.model_dump().items():
            if value:
                yield self._path_claim("monitoring", f"monitoring.{name}", value)

    def rollout(self) -> Iterator[Claim]:
        section = self.checklist.rollout
        for name in ("strategy", "dry_run", "rollback"):
            value = getattr(section, name) if section else None
            claim = (
                self._path_claim("rollout", f"rollout.{name}", value)
                if value and _PATHLIKE.match(value)
                else self._text_claim("rollout", f"rollout.{name}", value)
            )
            yield claim

    def data(self) -> Iterator[Claim]:
        section = self.checklist.data
        if section is None or not section.contracts:
            yield _missing("data", "data.contracts", "no data contract is listed")
        else:
            for index, path in enumerate(section.contracts):
                yield self._path_claim("data", f"data.contracts[{index}]", path)
        if section is not None:
            for contract, sample in sorted(section.samples.items()):
                yield self._path_claim("data", f"data.samples[{contract}]", sample)

    def risks(self) -> Iterator[Claim]:
        section = self.checklist.risks
        yield self._path_claim("risks", "risks.model_card", section.model_card if section else None)
        yield self._text_claim(
            "risks", "risks.failure_modes", "; ".join(section.failure_modes) if section else None
        )
        yield self._text_claim(
            "risks",
            "risks.fairness_slices",
            ", ".join(section.fairness_slices) if section else None,
        )

    def signoff(self) -> Iterator[Claim]:
        section = self.checklist.signoff
        if section is None or not section.approvers:
            yield _missing("signoff", "signoff.approvers", "no approver is named")
            return
        for approver in section.approvers:
            field = f"signoff.{approver.name}"
            who = f"{approver.name} ({approver.role})" if approver.role else approver.name
            if approver.decision == Decision.APPROVED:
                yield _claim(
                    "signoff",
                    field,
                    ClaimStatus.VERIFIED if approver.date else ClaimStatus.CLAIMED,
                    who,
                    f"approved on {approver.date}"
                    if approver.date
                    else "approved, but no date recorded",
                )
            elif approver.decision == Decision.REJECTED:
                yield _claim(
                    "signoff",
                    field,
                    ClaimStatus.CONTRADICTED,
                    who,
                    f"rejected{f' on {approver.date}' if approver.date else ''}",
                )
            else:
                yield _claim("signoff", field, ClaimStatus.CLAIMED, who, "decision pending")
