"""One audit, end to end in one direction: facts -> rules -> scores -> one AuditResult."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prodready import __version__
from prodready.aspects import decide_aspects
from prodready.checklist.crosscheck import cross_check
from prodready.compare import compare
from prodready.config import Settings, load_settings
from prodready.contracts.report import contract_reports
from prodready.contracts.runner import run_sample_tests
from prodready.engine import run_rules, select, unknown_rule_names
from prodready.engine.baseline import BASELINE_FILE, apply_baseline
from prodready.engine.baseline import load as load_baseline
from prodready.engine.changed import limit_to_changed
from prodready.engine.context import RuleContext
from prodready.engine.kind import detect_kind
from prodready.engine.ownership import owners_for, repository_owners
from prodready.engine.registry import Catalog, discover
from prodready.engine.suppress import apply_suppressions
from prodready.errors import InputErrors
from prodready.gate import GATE_POLICY
from prodready.graph import build_graph
from prodready.graph.summary import graph_summary
from prodready.maturity import assess_maturity
from prodready.memo import file_digest, memo_key, recall, remember
from prodready.models import (
    AuditResult,
    FactsSummary,
    Hotspot,
    ProjectInfo,
    ProjectKind,
    RepoInfo,
    RuleResult,
    ScoringInfo,
)
from prodready.profiles import Profile, load_profile
from prodready.scanners import ScanOptions, collect, snapshot
from prodready.scanners import cache_dir as cache_location
from prodready.scanners.facts import FileKind, RepoFacts
from prodready.scanners.git import changed_files
from prodready.scoring import (
    band_for,
    blockers,
    bounded_score,
    category_scores,
    required_sections_broken,
    score_rubric,
    weighted_score,
)
from prodready.secrets import masked

Progress = Callable[[str, int, int], None]
DEFAULT_SAMPLE_LIMIT = 5_000_000


def scan_options(
    settings: Settings,
    checklist: Path | None = None,
    cache_dir: Path | None = None,
    own_outputs: Sequence[str] = (),
) -> ScanOptions:
    """``own_outputs``: repo-relative files prodready writes (reports), left out like its cache."""
    return ScanOptions(
        checklist=checklist,
        cache_dir=cache_dir,
        jobs=settings.jobs,
        use_cache=settings.cache,
        git_window=settings.git_window,
        max_text_bytes=int(settings.max_file_mb * 1_000_000),
        exclude=[*settings.exclude, *_own_records(settings), *own_outputs],
    )


def _own_records(settings: Settings) -> list[str]:
    """prodready's own baseline is a record of the audit, not evidence: it names every finding's file."""
    own = [BASELINE_FILE]
    if settings.baseline and not Path(settings.baseline).is_absolute():
        own.append(Path(settings.baseline).as_posix().removeprefix("./"))
    return own


def load_audit_settings(
    root: Path,
    overrides: dict[str, Any],
    checklist: Path | None = None,
    check_checklist: bool = False,
) -> Settings:
    """The audit's settings; every input problem at once, unknown rule names included.

    A file problem stops the audit before rules are selected, so the names given in
    ``--select``/``--ignore``/config are checked here too, in the same run.
    """
    try:
        return load_settings(root, overrides, checklist, check_checklist)
    except InputErrors as error:
        partial = error.settings
        if not isinstance(partial, Settings):
            raise
        names = unknown_rule_names(discover(), partial)
        if not names:
            raise
        raise InputErrors(error.problems, notes=[*error.notes, *names]) from None


def run_audit(
    root: Path,
    settings: Settings,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    checklist: Path | None = None,
    changed_since: str | None = None,
    previous: AuditResult | None = None,
    cache_dir: Path | None = None,
    own_outputs: Sequence[str] = (),
) -> AuditResult:
    """``cache_dir`` replaces ``root/.prodready/cache``: a trend's snapshots share the user's cache.
    ``own_outputs`` are the reports this run writes inside the repository: never scanned."""
    profile = load_profile(settings.profile)
    settings = _with_profile_selection(settings, profile)
    options = scan_options(settings, checklist, cache_dir, own_outputs)
    taken = snapshot(root, options, progress)
    memo_at = cache_location(taken.root, options)
    baseline_path = _baseline_path(root, settings)
    moment = now or datetime.now(UTC)
    key = None
    if changed_since is None and previous is None:  # those depend on more than the snapshot
        key = memo_key(
            taken.fingerprint(),
            settings.model_dump_json(exclude=set(GATE_POLICY)),  # the gate judges, after
            profile.model_dump_json(),
            file_digest(checklist),
            file_digest(baseline_path),
            # the discovered catalog is keyed by prodready's code, data and plugins (memo_key):
            # a hit never imports a rule; a catalog handed in is keyed by its rules
            ",".join(sorted(catalog.rules)) if catalog is not None else "discovered",
        )
        memoized = recall(memo_at, key)
        if memoized is not None:
            return _reused(memoized, moment)
    catalog = catalog or discover()
    rules = select(catalog, settings)
    facts = collect(root, options, progress, taken)
    project = detect_kind(facts, settings.kind)
    ctx = rule_context(facts, project, options.max_text_bytes)
    if progress:
        progress("evaluating rules", 0, len(rules))
    results = run_rules(rules, ctx)
    results, suppressions = apply_suppressions(results, facts, settings.suppress, moment.date())
    baseline_report = None
    if baseline_path is not None:
        results, baseline_report = apply_baseline(
            results, load_baseline(baseline_path), str(settings.baseline)
        )
    changed_scope = None
    if changed_since:  # after the baseline, which must see every finding to know what is fixed
        results, changed_scope = limit_to_changed(
            results, changed_files(root, changed_since), changed_since
        )
    checklist = ctx.checklist
    results = _with_owners(results, facts, checklist.owners)
    raw_score = weighted_score(results, profile.weights, profile.partial_credit)
    band, band_reason = band_for(raw_score, results, profile, checklist, project.kind)
    blocked_by = blockers(results, profile) + [
        f"checklist section {section}" for section in required_sections_broken(profile, checklist)
    ]
    score = bounded_score(raw_score, blocked_by, profile)
    if score != raw_score:
        band_reason += f"; the score {raw_score:g} is scaled into the not-ready range"
    aspects = decide_aspects(ctx, catalog)
    result = AuditResult(
        tool_version=__version__,
        generated_at=moment.isoformat(timespec="seconds"),
        repo=_repo_info(root, facts),
        project=project,
        profile=profile.name,
        score=score,
        band=band,
        band_reason=band_reason,
        categories=category_scores(results, profile.weights, profile.partial_credit),
        aspects=aspects,
        results=results,
        facts=_summary(facts),
        hotspots=_hotspots(facts),
        checklist=checklist,
        rubric=score_rubric(profile, results, checklist),
        scoring=ScoringInfo(
            weights=dict(profile.weights),
            ready_at=profile.bands.ready,
            conditions_at=profile.bands.ready_with_conditions,
            required_sections=list(profile.required_sections),
            partial_credit=list(profile.partial_credit),
            raw_score=raw_score,
            blocked_by=blocked_by,
        ),
        rule_docs=[rule.meta for rule in rules],
        suppressions=suppressions,
        baseline=baseline_report,
        changed_since=changed_since,
        changed=changed_scope,
        graph=graph_summary(
            ctx.graph,
            facts,
            root.resolve().name,
            library=project.kind == ProjectKind.LIBRARY,
            error=ctx.graph_error,
        ),
        contracts=contract_reports(facts, results, ctx.contract_samples),
        maturity=assess_maturity(ctx, aspects, catalog),
        errors=list(catalog.errors),
    )
    if previous is not None:
        result = result.model_copy(update={"comparison": compare(previous, result)})
    result = masked(result)  # a secret never reaches a report, the memo or the terminal
    if key is not None:
        remember(memo_at, key, result)
    return result


def rule_context(
    facts: RepoFacts, project: ProjectInfo, sample_limit: int = DEFAULT_SAMPLE_LIMIT
) -> RuleContext:
    """The rules' context with its shared views built once, in the open, before any rule runs.

    ``sample_limit``: bytes of one contract sample file read whole (a larger one is sampled).
    """
    graph, graph_error = None, None
    try:
        graph = build_graph(facts)
    except Exception as error:  # a graph bug must not cost the audit: ARCH rules report it
        graph_error = f"{type(error).__name__}: {error}"
    return RuleContext(
        facts=facts,
        project=project,
        checklist=cross_check(facts, project.kind),
        contract_samples=run_sample_tests(Path(facts.root), facts.contracts, sample_limit),
        graph=graph,
        graph_error=graph_error,
    )


def _with_profile_selection(settings: Settings, profile: Profile) -> Settings:
    """The profile's rule selection applies unless the user chose rules themselves."""
    if not settings.select and profile.select:
        settings = settings.model_copy(update={"select": profile.select})
    if profile.ignore:
        settings = settings.model_copy(update={"ignore": [*settings.ignore, *profile.ignore]})
    return settings


def _baseline_path(root: Path, settings: Settings) -> Path | None:
    if not settings.baseline:
        return None
    path = Path(settings.baseline)
    return path if path.is_absolute() else root / path


def _reused(memoized: AuditResult, moment: datetime) -> AuditResult:
    """A remembered audit, stamped now and saying that nothing was parsed this time."""
    facts = memoized.facts.model_copy(
        update={
            "parsed_files": 0,
            "cache_hits": memoized.facts.cache_hits + memoized.facts.parsed_files,
        }
    )
    return memoized.model_copy(
        update={"generated_at": moment.isoformat(timespec="seconds"), "facts": facts}
    )


def _with_owners(
    results: list[RuleResult], facts: RepoFacts, model_owners: list[str]
) -> list[RuleResult]:
    """Each finding's owner: CODEOWNERS for its file, else the checklist's technical owners."""
    codeowners = facts.configs.codeowners
    updated = []
    for result in results:
        findings = [
            finding.model_copy(
                update={
                    "owners": (
                        owners_for(finding.location.path, codeowners)
                        if finding.location.path
                        else []
                    )
                    or model_owners
                }
            )
            for finding in result.findings
        ]
        updated.append(result.model_copy(update={"findings": findings}) if findings else result)
    return updated


def _repo_info(root: Path, facts: RepoFacts) -> RepoInfo:
    git = facts.git
    checklist_path = facts.checklist.path if facts.checklist else None
    return RepoInfo(
        name=root.resolve().name,
        config_sha256=_sha(facts, "pyproject.toml"),
        checklist_sha256=_sha(facts, checklist_path),
        is_git=git.available,
        commit=git.head,
        branch=git.branch,
        dirty=git.dirty,
        shallow=git.shallow if git.available else None,
        codeowners=repository_owners(facts.configs.codeowners),
    )


def _sha(facts: RepoFacts, path: str | None) -> str | None:
    fact = facts.files.get(path) if path else None
    return fact.sha256 if fact else None


def _summary(facts: RepoFacts) -> FactsSummary:
    by_kind: dict[str, int] = {}
    for fact in facts.files.values():
        by_kind[fact.kind.value] = by_kind.get(fact.kind.value, 0) + 1
    unparsable = sum(1 for unit in facts.python.values() if unit.parse_error) + sum(
        1 for nb in facts.notebooks.values() if nb.parse_error
    )
    return FactsSummary(
        files=len(facts.files),
        files_by_kind=dict(sorted(by_kind.items())),
        python_files=len(facts.python),
        python_lines=sum(unit.lines for unit in facts.python.values()),
        notebooks=len(facts.of_kind(FileKind.NOTEBOOK)),
        unparsable_files=unparsable,
        commits_scanned=facts.git.commits,
        commits_in_history=facts.git.total_commits or None,
        authors=len(facts.git.authors),
        cache_hits=facts.cache_hits,
        parsed_files=facts.parsed_files,
    )


def _hotspots(facts: RepoFacts, limit: int = 10) -> list[Hotspot]:
    """Complex files that also change often: where debt costs the most (Tornhill's hotspots)."""
    spots = []
    for path, unit in facts.python.items():
        if unit.parse_error or not unit.functions:
            continue
        history = facts.git.files.get(path)
        churn = (history.added + history.deleted) if history else 0
        spots.append(
            Hotspot(
                path=path,
                max_complexity=max(f.complexity for f in unit.functions),
                maintainability=unit.maintainability,
                churn=churn,
                commits=history.commits if history else 0,
            )
        )
    spots.sort(key=lambda s: (-(s.max_complexity * max(s.commits, 1)), s.path))
    return spots[:limit]
