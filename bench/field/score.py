"""Score prodready against the field corpus: people's judgements of real ML repositories.

    python bench/field/score.py --clones DIR [--only owner/name]... [--jobs 2]
        [--prodready CMD] [--results DIR [--reuse]] [--with-checklists]
        [--show-findings] [--json OUT]

For every judged repository (``repos/<owner>__<name>.yaml``) whose clone is at
``<clones>/<owner>__<name>``, it checks the clone is at the judged commit, runs
``prodready audit <clone> --format json -o <results>/<owner>__<name>.json --quiet
--no-cache`` and compares the report with the judgement: the project kind, every
aspect (an ``unknown`` disagrees but is no false verdict), the precision of the
failing rules that were judged, and Spearman's rank correlation between
prodready's score and the judged readiness. ``--reuse`` reads the JSON already in
``--results`` instead of auditing. ``--with-checklists`` first writes each clone's
checklist with ``prodready init -o <results>/<owner>__<name>.checklist.yaml`` (what the
repository shows, nothing its owners would have to add) and audits with
``--checklist`` that file, so the ordering can be read with and without a checklist
(the clone is never written to). The exit code is 0 unless the arguments are
wrong (2). Nothing from the audited repositories is imported, nothing goes on
the network.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIELD_DIR = Path(__file__).resolve().parent
REPOS_DIR = FIELD_DIR / "repos"
CLONES_ENV = "PRODREADY_FIELD_CLONES"
NORMAL_EXITS = (0, 1)  # 1: the readiness gate failed, a result like any other
VERDICTS = ("yes", "no")  # found statuses that are a verdict; "unknown" is not
TRUE_POSITIVE = "true_positive"
FALSE_POSITIVE = "false_positive"
ABSENT = "absent"  # the report has no such aspect at all


class UsageError(Exception):
    """The arguments cannot be acted on: exit 2 with one line."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class JudgedAspect:
    """One aspect as a person judged it: yes or no, with the proof."""

    value: str
    evidence: str = ""


@dataclass(frozen=True)
class Judgement:
    """One ``repos/*.yaml`` file: what a person decided about a repository."""

    repo: str
    commit: str
    kind: str
    readiness: float | None
    aspects: dict[str, JudgedAspect]
    findings: dict[str, list[str]] = field(default_factory=dict)  # rule -> verdicts

    @property
    def slug(self) -> str:
        """``owner__name``: the clone folder and the result file stem."""
        return self.repo.replace("/", "__")


@dataclass(frozen=True)
class FoundAspect:
    """One aspect as prodready reported it."""

    status: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FindingLine:
    """Where and what one finding of a failing rule says."""

    path: str | None
    line: int | None
    message: str

    def render(self) -> str:
        """``path:line message``, ``(repo)`` for repository-wide findings."""
        where = self.path or "(repo)"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where} {self.message}"


@dataclass
class Found:
    """What one prodready JSON report says, reduced to what is scored here."""

    kind: str
    reason: str = ""
    runner_up: str | None = None
    kind_evidence: list[str] = field(default_factory=list)
    score: float | None = None
    band: str = "unknown"
    commit: str | None = None
    aspects: dict[str, FoundAspect] = field(default_factory=dict)
    failing: dict[str, list[FindingLine]] = field(default_factory=dict)


@dataclass
class RepoRun:
    """One repository's audit: the judgement, the report read and how it went."""

    judgement: Judgement
    result_path: Path
    found: Found | None = None
    seconds: float | None = None
    exit_code: int | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AspectRow:
    """One judged aspect of one repository set against what prodready found."""

    repo: str
    aspect: str
    judged: str
    found: str
    judged_evidence: str = ""
    found_evidence: tuple[str, ...] = ()

    @property
    def agrees(self) -> bool:
        """The found status is the judged one."""
        return self.found == self.judged

    @property
    def false_verdict(self) -> bool:
        """prodready said yes where the judgement is no, or no where it is yes."""
        return self.found in VERDICTS and self.found != self.judged


@dataclass(frozen=True)
class RulePrecision:
    """Judged failures of one rule: how many were true positives."""

    rule_id: str
    true: int
    judged: int

    @property
    def precision(self) -> float:
        """true / judged."""
        return self.true / self.judged if self.judged else math.nan


# --------------------------------------------------------------------------- judgements


def yes_no(value: Any) -> str:
    """A judged value as ``yes``/``no`` (YAML may read unquoted yes/no as booleans)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip().lower()


def parse_judgement(data: dict[str, Any]) -> Judgement:
    """A judgement from the mapping of one ``repos/*.yaml`` file."""
    aspects: dict[str, JudgedAspect] = {}
    for name, entry in (data.get("aspects") or {}).items():
        if isinstance(entry, dict):
            aspects[name] = JudgedAspect(yes_no(entry.get("value")), str(entry.get("evidence", "")))
        else:
            aspects[name] = JudgedAspect(yes_no(entry))
    findings: dict[str, list[str]] = {}
    for rule_id, entry in (data.get("findings") or {}).items():
        entries = entry if isinstance(entry, list) else [entry]
        findings[str(rule_id)] = [
            str(item.get("verdict", "")).strip().lower()
            for item in entries
            if isinstance(item, dict)
        ]
    readiness = data.get("readiness")
    return Judgement(
        repo=str(data["repo"]),
        commit=str(data.get("commit", "")),
        kind=str(data.get("kind", "")),
        readiness=float(readiness) if isinstance(readiness, int | float) else None,
        aspects=aspects,
        findings=findings,
    )


def load_judgements(repos_dir: Path, only: Sequence[str]) -> list[Judgement]:
    """Every judgement in *repos_dir*, or just those named in *only*."""
    judgements = [
        parse_judgement(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(repos_dir.glob("*.yaml"))
    ]
    if not only:
        return judgements
    known = {j.repo.lower(): j for j in judgements}
    unknown = [name for name in only if name.lower() not in known]
    if unknown:
        raise UsageError(f"no judgement for {', '.join(unknown)} in {repos_dir}")
    return [known[name.lower()] for name in dict.fromkeys(only)]


# --------------------------------------------------------------------------- reports


def finding_lines(findings: Iterable[dict[str, Any]]) -> list[FindingLine]:
    """The findings of one rule result, location and message only."""
    lines = []
    for finding in findings:
        location = finding.get("location") or {}
        lines.append(
            FindingLine(location.get("path"), location.get("line"), str(finding.get("message", "")))
        )
    return lines


def parse_found(data: dict[str, Any]) -> Found:
    """The scored parts of a prodready JSON report; fields it lacks get defaults."""
    project = data.get("project") or {}
    evidence = project.get("evidence") or []
    aspects = {
        name: FoundAspect(
            str(entry.get("status", "unknown")), [str(e) for e in entry.get("evidence") or []]
        )
        for name, entry in (data.get("aspects") or {}).items()
        if isinstance(entry, dict)
    }
    failing = {
        str(result.get("rule_id")): finding_lines(result.get("findings") or [])
        for result in data.get("results") or []
        if result.get("status") == "fail"
    }
    score = data.get("score")
    return Found(
        kind=str(project.get("kind", "unknown")),
        reason=str(project.get("reason", "")),
        runner_up=project.get("runner_up"),
        kind_evidence=[str(e) for e in evidence] if isinstance(evidence, list) else [str(evidence)],
        score=float(score) if isinstance(score, int | float) else None,
        band=str(data.get("band", "unknown")),
        commit=(data.get("repo") or {}).get("commit"),
        aspects=aspects,
        failing=failing,
    )


def read_found(path: Path) -> Found:
    """Read and reduce one JSON report."""
    return parse_found(json.loads(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- auditing


def clone_head(clone: Path) -> str | None:
    """The commit checked out in *clone* (read-only ``git rev-parse``), None when unreadable."""
    done = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


def audit_command(
    prodready: Sequence[str], clone: Path, report: Path, checklist: Path | None = None
) -> list[str]:
    """The audit command line for one clone, with the checklist to use if one is given."""
    chosen = ["--checklist", str(checklist)] if checklist is not None else []
    return [
        *prodready,
        "audit",
        str(clone),
        "--format",
        "json",
        "-o",
        str(report),
        "--quiet",
        "--no-cache",
        *chosen,
    ]


def init_command(prodready: Sequence[str], clone: Path, checklist: Path) -> list[str]:
    """``prodready init`` writing the clone's prefilled checklist beside the reports."""
    return [*prodready, "init", str(clone), "-o", str(checklist), "--force"]


def error_line(stderr: str, stdout: str) -> str:
    """The last non-empty line prodready printed, where its error usually is."""
    for text in (stderr, stdout):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            return lines[-1]
    return "(no output)"


def audit_repo(
    run: RepoRun, clone: Path, prodready: Sequence[str], with_checklist: bool = False
) -> RepoRun:
    """Audit one clone into ``run.result_path``, timing it; errors are recorded, not raised."""
    head = clone_head(clone)
    if head is None:
        run.warnings.append(f"cannot read HEAD of {clone}")
    elif head != run.judgement.commit:
        run.warnings.append(
            f"clone is at {head[:12]}, judged commit is {run.judgement.commit[:12]}"
        )
    run.result_path.unlink(missing_ok=True)
    checklist = None
    if with_checklist:
        checklist = run.result_path.with_suffix(".checklist.yaml")
        wrote = subprocess.run(
            init_command(prodready, clone, checklist), capture_output=True, text=True, check=False
        )
        if wrote.returncode != 0:
            run.error = f"init exit {wrote.returncode}: {error_line(wrote.stderr, wrote.stdout)}"
            return run
    started = time.perf_counter()
    try:
        done = subprocess.run(
            audit_command(prodready, clone, run.result_path, checklist),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        run.error = f"cannot run prodready: {exc}"
        return run
    run.seconds = time.perf_counter() - started
    run.exit_code = done.returncode
    if done.returncode not in NORMAL_EXITS:
        run.error = f"exit {done.returncode}: {error_line(done.stderr, done.stdout)}"
        return run
    if not run.result_path.is_file():
        run.error = (
            f"exit {done.returncode} but no report written: {error_line(done.stderr, done.stdout)}"
        )
        return run
    return load_result(run)


def load_result(run: RepoRun) -> RepoRun:
    """Read ``run.result_path`` into ``run.found``; a missing or broken file is an error."""
    try:
        run.found = read_found(run.result_path)
    except (OSError, ValueError, AttributeError) as exc:
        run.error = f"cannot read {run.result_path}: {exc}"
        return run
    commit = run.found.commit
    judged = run.judgement.commit
    if (
        commit
        and judged
        and commit != judged
        and not any("judged commit" in w for w in run.warnings)
    ):
        run.warnings.append(f"report is of {commit[:12]}, judged commit is {judged[:12]}")
    return run


def run_all(
    runs: list[RepoRun],
    clones: Path | None,
    prodready: Sequence[str],
    jobs: int,
    reuse: bool,
    with_checklists: bool = False,
) -> None:
    """Audit (or, with *reuse*, read) every run, *jobs* audits at a time; progress on stderr."""

    def one(run: RepoRun) -> RepoRun:
        if reuse:
            return load_result(run)
        assert clones is not None
        audit_repo(run, clones / run.judgement.slug, prodready, with_checklists)
        took = f"{run.seconds:.1f}s" if run.seconds is not None else "-"
        state = run.error or f"exit {run.exit_code}"
        print(f"  audited {run.judgement.repo} in {took} ({state})", file=sys.stderr, flush=True)
        return run

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, runs))


# --------------------------------------------------------------------------- comparison


def compare_aspects(judgement: Judgement, found: Found) -> list[AspectRow]:
    """One row per judged aspect, in the judgement's order."""
    rows = []
    for name, judged in judgement.aspects.items():
        seen = found.aspects.get(name)
        rows.append(
            AspectRow(
                repo=judgement.repo,
                aspect=name,
                judged=judged.value,
                found=seen.status if seen else ABSENT,
                judged_evidence=judged.evidence,
                found_evidence=tuple(seen.evidence) if seen else (),
            )
        )
    return rows


def per_aspect(rows: Iterable[AspectRow]) -> dict[str, Counter[str]]:
    """For each aspect: judged, agree, unknown (or absent) and false counts."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts = table[row.aspect]
        counts["judged"] += 1
        counts["agree"] += row.agrees
        counts["false"] += row.false_verdict
        counts["unknown"] += not row.agrees and not row.false_verdict
    return dict(sorted(table.items()))


def rule_precision(pairs: Iterable[tuple[Judgement, Found]]) -> list[RulePrecision]:
    """Precision of each judged rule over the repositories where it fails now."""
    true: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    for judgement, found in pairs:
        for rule_id, verdicts in judgement.findings.items():
            if rule_id not in found.failing:
                continue
            for verdict in verdicts:
                if verdict in (TRUE_POSITIVE, FALSE_POSITIVE):
                    judged[rule_id] += 1
                    true[rule_id] += verdict == TRUE_POSITIVE
    return [RulePrecision(rule_id, true[rule_id], judged[rule_id]) for rule_id in sorted(judged)]


def unjudged_failures(judgement: Judgement, found: Found) -> list[str]:
    """Rules that fail in this repository and have no judgement in it."""
    return sorted(rule_id for rule_id in found.failing if rule_id not in judgement.findings)


def stale_judgements(judgement: Judgement, found: Found) -> list[str]:
    """Judged rules that no longer fail in this repository."""
    return sorted(rule_id for rule_id in judgement.findings if rule_id not in found.failing)


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation, None when either side has no variance."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (scipy when installed); None with fewer than 3 pairs or no variance."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs pairs")
    if len(xs) < 3:
        return None
    try:
        from scipy.stats import spearmanr
    except ImportError:
        return pearson(average_ranks(xs), average_ranks(ys))
    rho = float(spearmanr(xs, ys)[0])
    return None if math.isnan(rho) else rho


# --------------------------------------------------------------------------- printing


def pct(part: int, whole: int) -> str:
    """``part/whole (xx.x%)``."""
    share = f"{100 * part / whole:.1f}%" if whole else "-"
    return f"{part}/{whole} ({share})"


def show_score(score: float | None) -> str:
    """A score for display, ``null`` when prodready could not score."""
    return "null" if score is None else f"{score:.1f}"


def print_kind(judgement: Judgement, found: Found) -> None:
    """The kind line: judged against found, with prodready's reason."""
    mark = "ok" if found.kind == judgement.kind else "MISMATCH"
    extra = f", runner-up {found.runner_up}" if found.runner_up else ""
    print(f"  kind: judged {judgement.kind}, found {found.kind}{extra}  [{mark}]")
    if found.reason:
        print(f"    prodready: {found.reason}")
    for item in found.kind_evidence:
        print(f"    evidence: {item}")


def print_disagreements(rows: Sequence[AspectRow]) -> None:
    """The aspect tally of one repository and every disagreement with both sides' evidence."""
    agree = sum(row.agrees for row in rows)
    print(f"  aspects: {pct(agree, len(rows))} agree")
    for row in rows:
        if row.agrees:
            continue
        label = "FALSE VERDICT" if row.false_verdict else "not decided"
        print(f"    {row.aspect}: judged {row.judged}, found {row.found}  [{label}]")
        for item in row.found_evidence or ("(no evidence)",):
            print(f"      prodready: {item}")
        if row.judged_evidence:
            print(f"      judged:    {row.judged_evidence}")


def print_findings(judgement: Judgement, found: Found) -> None:
    """Each failing rule's findings, with its judgement when there is one."""
    for rule_id, lines in sorted(found.failing.items()):
        verdicts = judgement.findings.get(rule_id)
        note = f"  [judged {', '.join(verdicts)}]" if verdicts else "  [not judged]"
        print(f"    {rule_id}{note}")
        for line in lines or [FindingLine(None, None, "(no findings)")]:
            print(f"      {line.render()}")


def print_repo(run: RepoRun, show_findings: bool) -> None:
    """Everything about one repository."""
    j = run.judgement
    took = f"{run.seconds:.1f}s" if run.seconds is not None else "-"
    print(f"\n== {j.repo}  (audit {took})")
    for warning in run.warnings:
        print(f"  WARNING: {warning}")
    if run.error or run.found is None:
        print(f"  ERROR: {run.error}")
        return
    found = run.found
    readiness = "-" if j.readiness is None else f"{j.readiness:g}"
    print(f"  score {show_score(found.score)} ({found.band}), judged readiness {readiness}")
    print_kind(j, found)
    print_disagreements(compare_aspects(j, found))
    if show_findings:
        print("  failing rules:")
        print_findings(j, found)


def print_aspect_table(table: dict[str, Counter[str]]) -> None:
    """Per-aspect agreement: judged, agree, not decided, false verdicts."""
    width = max([len(name) for name in table] + [6])
    print(f"  {'aspect':<{width}}  judged  agree  undecided  false  agreement")
    for name, c in table.items():
        share = f"{100 * c['agree'] / c['judged']:.0f}%" if c["judged"] else "-"
        print(
            f"  {name:<{width}}  {c['judged']:>6}  {c['agree']:>5}  {c['unknown']:>9}  {c['false']:>5}  {share:>9}"
        )


def print_precision(precisions: Sequence[RulePrecision], stale: dict[str, list[str]]) -> None:
    """Fail precision per judged rule, and judged rules that no longer fail."""
    print("\nFail precision (judged failures):")
    if not precisions:
        print("  no failing rule is judged yet")
    for p in precisions:
        print(f"  {p.rule_id:<12} {pct(p.true, p.judged)}")
    for repo, rules in stale.items():
        print(f"  judged but not failing now in {repo}: {', '.join(rules)}")


def print_unjudged(unjudged: dict[str, list[str]]) -> None:
    """Rules failing without a judgement, per repository and per rule."""
    print("\nFailing rules without a judgement (per repository):")
    if not any(unjudged.values()):
        print("  none")
    for repo, rules in unjudged.items():
        if rules:
            print(f"  {repo} ({len(rules)}): {', '.join(rules)}")
    by_rule: Counter[str] = Counter(rule for rules in unjudged.values() for rule in rules)
    if by_rule:
        print(
            "  per rule (repositories): "
            + ", ".join(f"{r} {n}" for r, n in sorted(by_rule.items()))
        )


def print_orderings(scored: Sequence[tuple[Judgement, Found]]) -> None:
    """Repositories by judged readiness and by prodready score, side by side.

    The score column also gives each repository's place in the judged order.
    """
    by_judged = sorted(scored, key=lambda p: (-(p[0].readiness or 0), p[0].repo))
    by_score = sorted(scored, key=lambda p: (-(p[1].score or 0), p[0].repo))
    judged_place = {j.repo: place for place, (j, _) in enumerate(by_judged, start=1)}
    width = max([len(j.repo) for j, _ in scored] + [10])
    print(f"      {'by judged readiness':<{width + 9}}by prodready score (judged place)")
    for rank, (left, right) in enumerate(zip(by_judged, by_score, strict=True), start=1):
        judged = f"{left[0].repo:<{width}} {left[0].readiness or 0:>5g}"
        found = f"{right[0].repo:<{width}} {show_score(right[1].score):>5}"
        print(f"  {rank:>2}. {judged}   {found} (#{judged_place[right[0].repo]})")


def print_spearman(runs: Sequence[RepoRun]) -> float | None:
    """Spearman's rho of score against readiness, the repositories left out and both orderings."""
    done = [
        (r.judgement, r.found)
        for r in runs
        if r.found is not None and r.judgement.readiness is not None
    ]
    scored = [(j, f) for j, f in done if f.score is not None]
    rho = spearman([j.readiness or 0 for j, _ in scored], [f.score or 0 for _, f in scored])
    shown = "n/a" if rho is None else f"{rho:+.3f}"
    print(f"\nSpearman rho (score vs judged readiness): {shown} over {len(scored)} repositories")
    left_out = [j.repo for j, f in done if f.score is None]
    if left_out:
        print(f"  left out, score null: {', '.join(left_out)}")
    if scored:
        print_orderings(scored)
    return rho


def print_totals(runs: Sequence[RepoRun]) -> dict[str, Any]:
    """The corpus-wide summary; returns the same figures for ``--json``."""
    done = [r for r in runs if r.found is not None]
    pairs = [(r.judgement, r.found) for r in done if r.found is not None]
    rows = [row for j, f in pairs for row in compare_aspects(j, f)]
    agree = sum(row.agrees for row in rows)
    false = [row for row in rows if row.false_verdict]
    undecided = len(rows) - agree - len(false)
    print(f"\n==== Totals over {len(done)} audited repositories")
    print(
        f"Aspect agreement: {pct(agree, len(rows))}  (undecided {undecided}, false verdicts {len(false)})"
    )
    print(f"False verdicts ({len(false)}):")
    for row in false:
        print(f"  {row.repo}  {row.aspect}: judged {row.judged}, found {row.found}")
    kind_ok = [j.repo for j, f in pairs if j.kind == f.kind]
    print(f"Kind accuracy: {pct(len(kind_ok), len(pairs))}")
    for j, f in pairs:
        if j.kind != f.kind:
            print(f"  {j.repo}: judged {j.kind}, found {f.kind}")
    print("\nPer-aspect agreement:")
    table = per_aspect(rows)
    print_aspect_table(table)
    precisions = rule_precision(pairs)
    stale = {j.repo: rules for j, f in pairs if (rules := stale_judgements(j, f))}
    print_precision(precisions, stale)
    unjudged = {j.repo: unjudged_failures(j, f) for j, f in pairs}
    print_unjudged(unjudged)
    rho = print_spearman(runs)
    print_problems(runs)
    return {
        "aspect_agreement": {"agree": agree, "judged": len(rows), "undecided": undecided},
        "false_verdicts": [asdict(row) for row in false],
        "kind_accuracy": {"correct": len(kind_ok), "judged": len(pairs)},
        "per_aspect": {name: dict(c) for name, c in table.items()},
        "fail_precision": [asdict(p) for p in precisions],
        "stale_judgements": stale,
        "unjudged_failures": unjudged,
        "spearman": rho,
    }


def print_problems(runs: Sequence[RepoRun]) -> None:
    """Audit errors, commit warnings and per-repository audit times."""
    errors = [r for r in runs if r.error]
    if errors:
        print("\nAudit errors:")
        for r in errors:
            print(f"  {r.judgement.repo}: {r.error}")
    warned = [r for r in runs if r.warnings]
    if warned:
        print("\nWarnings:")
        for r in warned:
            print(f"  {r.judgement.repo}: {'; '.join(r.warnings)}")
    timed = [r for r in runs if r.seconds is not None]
    if timed:
        total = sum(r.seconds or 0 for r in timed)
        print(f"\nAudit times (wall seconds, total {total:.1f}):")
        for r in sorted(timed, key=lambda r: -(r.seconds or 0)):
            print(f"  {r.seconds:>7.1f}  {r.judgement.repo}  (exit {r.exit_code})")


def repo_summary(run: RepoRun) -> dict[str, Any]:
    """One repository's figures for ``--json``."""
    j, found = run.judgement, run.found
    entry: dict[str, Any] = {
        "repo": j.repo,
        "result": str(run.result_path),
        "seconds": run.seconds,
        "exit_code": run.exit_code,
        "error": run.error,
        "warnings": run.warnings,
        "kind_judged": j.kind,
        "readiness": j.readiness,
    }
    if found is not None:
        entry |= {
            "kind_found": found.kind,
            "runner_up": found.runner_up,
            "score": found.score,
            "band": found.band,
            "aspects": [
                asdict(row) | {"false_verdict": row.false_verdict}
                for row in compare_aspects(j, found)
            ],
            "failing": sorted(found.failing),
            "unjudged_failures": unjudged_failures(j, found),
        }
    return entry


# --------------------------------------------------------------------------- command line


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``score.py: error: message`` and exit 2."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = Parser(prog="score.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clones",
        type=Path,
        default=os.environ.get(CLONES_ENV),
        help=f"folder of <owner>__<name> clones (env {CLONES_ENV})",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="OWNER/NAME",
        help="only this repository (repeatable)",
    )
    parser.add_argument(
        "--jobs", type=positive, default=2, help="repositories audited in parallel (default 2)"
    )
    parser.add_argument(
        "--prodready",
        default=None,
        metavar="CMD",
        help="prodready command (default: sys.executable -m prodready)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help="folder for per-repository JSON reports (default: a temp dir)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="read the JSON already in --results instead of auditing",
    )
    parser.add_argument(
        "--with-checklists",
        action="store_true",
        help="audit with the checklist `prodready init` prefills for each clone",
    )
    parser.add_argument(
        "--show-findings", action="store_true", help="print each failing rule's findings"
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="OUT",
        help="write a machine-readable summary here",
    )
    parser.add_argument("--repos", type=Path, default=REPOS_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    check_args(parser, args)
    return args


def positive(text: str) -> int:
    """An integer of at least 1, for ``--jobs``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def check_args(parser: Parser, args: argparse.Namespace) -> None:
    """Arguments argparse cannot check alone; a problem exits 2."""
    if args.clones is not None:
        args.clones = Path(args.clones).expanduser()
    if args.reuse and args.results is None:
        parser.error("--reuse needs --results DIR")
    if args.reuse and not args.results.is_dir():
        parser.error(f"--results {args.results} is not a folder")
    if not args.reuse and args.clones is None:
        parser.error(f"give --clones DIR or set {CLONES_ENV}")
    if not args.reuse and not args.clones.is_dir():
        parser.error(f"--clones {args.clones} is not a folder")
    try:
        args.prodready = (
            shlex.split(args.prodready) if args.prodready else [sys.executable, "-m", "prodready"]
        )
    except ValueError as exc:
        parser.error(f"--prodready: {exc}")
    if not args.prodready:
        parser.error("--prodready is empty")


def select_runs(
    judgements: Sequence[Judgement], args: argparse.Namespace
) -> tuple[list[RepoRun], list[str]]:
    """Runs for the repositories that can be scored, and the ones skipped with why."""
    results: Path = args.results
    runs, skipped = [], []
    for j in judgements:
        report = results / f"{j.slug}.json"
        if args.reuse and not report.is_file():
            skipped.append(f"{j.repo}: no report at {report}")
        elif not args.reuse and not (args.clones / j.slug).is_dir():
            skipped.append(f"{j.repo}: no clone at {args.clones / j.slug}")
        else:
            runs.append(RepoRun(judgement=j, result_path=report))
    return runs, skipped


def main(argv: Sequence[str] | None = None) -> int:
    """Audit, compare and print; 0 unless the arguments are wrong."""
    args = parse_args(argv)
    try:
        judgements = load_judgements(args.repos, args.only)
    except UsageError as exc:
        print(f"score.py: error: {exc}", file=sys.stderr)
        return 2
    if args.results is None:
        args.results = Path(tempfile.mkdtemp(prefix="field-results-"))
    args.results.mkdir(parents=True, exist_ok=True)
    runs, skipped = select_runs(judgements, args)
    verb = "reading" if args.reuse else "auditing"
    print(
        f"{verb} {len(runs)} of {len(judgements)} judged repositories; reports in {args.results}",
        file=sys.stderr,
    )
    run_all(runs, args.clones, args.prodready, args.jobs, args.reuse, args.with_checklists)
    for run in runs:
        print_repo(run, args.show_findings)
    for line in skipped:
        print(f"\nSKIPPED {line}")
    totals = print_totals(runs)
    if args.json:
        summary = {
            "results": str(args.results),
            "skipped": skipped,
            "totals": totals,
            "repos": [repo_summary(r) for r in runs],
        }
        args.json.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
