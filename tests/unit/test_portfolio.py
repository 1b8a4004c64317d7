"""The portfolio on hand-written reports: loading and versions, history, rollups, campaigns, outputs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from prodready.errors import InputErrors, ProdreadyError
from prodready.portfolio.campaigns import load_campaign
from prodready.portfolio.loading import load_reports
from prodready.portfolio.model import ItemState, PortfolioResult
from prodready.portfolio.render import render
from prodready.portfolio.rollups import build_portfolio

SHA = "0123456789abcdef0123456789abcdef01234567"


def report(
    name: str,
    when: str,
    *,
    commit: str = SHA,
    score: float | None = 70.0,
    band: str = "ready_with_conditions",
    kind: str = "model_service",
    codeowners: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    aspects: dict[str, str] | None = None,
    rules: dict[str, str] | None = None,
    schema: str = "1.1",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "schema_version": schema,
        "tool_version": extra.pop("tool_version", "0.1.0"),
        "generated_at": when,
        "repo": {"name": name, "is_git": True, "commit": commit, "codeowners": list(codeowners)},
        "project": {"kind": kind, "reason": "test"},
        "score": score,
        "band": band,
        "aspects": {k: {"status": v} for k, v in (aspects or {}).items()},
        "results": [
            {
                "rule_id": rule,
                "title": f"title of {rule}",
                "category": "testing",
                "severity": "high",
                "status": status,
            }
            for rule, status in (rules or {}).items()
        ],
        "checklist": {"owners": list(owners)} if owners else None,
        **extra,
    }


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def portfolio(folder: Path, *campaigns: Path, today: date = date(2026, 6, 1)) -> PortfolioResult:
    loaded = load_reports([str(folder)])
    return build_portfolio(loaded, [str(folder)], today, [load_campaign(str(c)) for c in campaigns])


def test_history_keeps_one_point_per_commit_and_the_newest_report(tmp_path: Path) -> None:
    write(tmp_path, "q1/a.json", report("a", "2026-01-10T10:00:00+00:00", commit="aaaa1111", score=40, band="not_ready", rules={"TEST-001": "fail"}, aspects={"testing.tests_present": "no"}))  # fmt: skip
    write(tmp_path, "q1/a-again.json", report("a", "2026-01-11T10:00:00+00:00", commit="aaaa1111", score=41, band="not_ready", rules={"TEST-001": "fail"}, aspects={"testing.tests_present": "no"}))  # fmt: skip
    # written at 09:00 in UTC-5 = 14:00 UTC: after the report of 12:00 UTC the same day
    write(tmp_path, "q2/a.json", report("a", "2026-04-01T09:00:00-05:00", commit="bbbb2222", score=80, band="ready", rules={"TEST-001": "pass", "SEC-001": "fail"}, aspects={"testing.tests_present": "yes"}))  # fmt: skip
    write(tmp_path, "q2/a-early.json", report("a", "2026-04-01T12:00:00+00:00", commit="cccc3333", score=60, band="ready_with_conditions"))  # fmt: skip
    result = portfolio(tmp_path)
    [entry] = result.repos
    assert [p.commit for p in entry.history] == ["aaaa1111", "cccc3333", "bbbb2222"]
    assert entry.history[0].score == 41  # the newer of the two reports of one commit
    assert entry.score == 80 and entry.commit == "bbbb2222"
    assert result.superseded == [str(tmp_path / "q1" / "a.json")]
    assert any("1 report(s) of a commit reported again" in note for note in result.notes)
    changes = entry.changes
    assert changes is not None and changes.previous_commit == "cccc3333"
    assert changes.delta == 20 and changes.newly_failing == ["SEC-001"]
    result_q = portfolio(tmp_path / "q1")
    assert result_q.repos[0].changes is None and len(result_q.repos[0].history) == 1


def test_changes_name_flipped_aspects_and_fixed_rules(tmp_path: Path) -> None:
    write(tmp_path, "1.json", report("a", "2026-01-01T00:00:00", commit="aaaa", rules={"TEST-001": "fail", "CI-1": "fail"}, aspects={"testing.tests_present": "no", "x": "yes"}))  # fmt: skip
    write(tmp_path, "2.json", report("a", "2026-02-01T00:00:00", commit="bbbb", rules={"TEST-001": "pass", "CI-1": "unknown"}, aspects={"testing.tests_present": "yes", "x": "yes"}))  # fmt: skip
    changes = portfolio(tmp_path).repos[0].changes
    assert changes is not None
    assert [(a.aspect, a.before, a.after) for a in changes.aspects] == [
        ("testing.tests_present", "no", "yes")
    ]
    assert changes.fixed == ["TEST-001"]  # CI-1 went to unknown: not fixed


def test_rollups_by_team_and_kind(tmp_path: Path) -> None:
    write(tmp_path, "a.json", report("a", "2026-01-01T00:00:00", score=90, band="ready", codeowners=("@org/serving",), rules={"R1": "fail"}))  # fmt: skip
    write(tmp_path, "b.json", report("b", "2026-01-01T00:00:00", score=50, band="not_ready", codeowners=("@org/serving", "@org/ml"), rules={"R1": "fail", "R2": "fail"}))  # fmt: skip
    write(tmp_path, "c.json", report("c", "2026-01-01T00:00:00", score=None, band="insufficient_evidence", kind="library", owners=("@carol",), rules={"R1": "pass"}))  # fmt: skip
    write(tmp_path, "d.json", report("d", "2026-01-01T00:00:00", kind="library"))
    result = portfolio(tmp_path)
    teams = {r.key: r for r in result.teams}
    assert set(teams) == {"@org/serving", "@org/ml", "@carol", "(no owner)"}
    assert teams["@org/serving"].repos == 2 and teams["@org/serving"].mean_score == 70
    assert teams["@org/serving"].bands == {"not_ready": 1, "ready": 1}
    assert teams["@carol"].scored == 0 and teams["@carol"].mean_score is None
    assert {r.name: r.team_source for r in result.repos} == {
        "a": "codeowners", "b": "codeowners", "c": "checklist", "d": "none"
    }  # fmt: skip
    kinds = {r.key: r.repos for r in result.kinds}
    assert kinds == {"library": 2, "model_service": 2}
    top = result.failing_rules[0]
    assert (top.rule_id, top.failing, top.evaluated) == ("R1", 2, 3)
    assert top.teams == ["@org/ml", "@org/serving"]


CAMPAIGN = """\
name: Monitoring for every service
due: 2026-03-31
applies_to:
  kinds: [model_service]
require:
  aspects: [monitoring.plan_declared]
  rules: [TEST-001]
"""


def test_campaign_progress_states_burnup_and_overdue(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    ok = {"monitoring.plan_declared": "yes"}
    write(reports, "a1.json", report("a", "2026-01-05T00:00:00", commit="a001", codeowners=("@t1",), aspects={"monitoring.plan_declared": "no"}, rules={"TEST-001": "pass"}))  # fmt: skip
    write(reports, "a2.json", report("a", "2026-02-05T00:00:00", commit="a002", codeowners=("@t1",), aspects=ok, rules={"TEST-001": "pass"}))  # fmt: skip
    write(reports, "b.json", report("b", "2026-01-05T00:00:00", codeowners=("@t1",), aspects=ok, rules={"TEST-001": "suppressed"}))  # fmt: skip
    write(reports, "c.json", report("c", "2026-01-05T00:00:00", codeowners=("@t2",), aspects={"monitoring.plan_declared": "unknown"}, rules={"TEST-001": "pass"}))  # fmt: skip
    write(reports, "d.json", report("d", "2026-01-05T00:00:00", codeowners=("@t2",), aspects=ok, rules={"TEST-001": "not_applicable"}))  # fmt: skip
    write(reports, "e.json", report("e", "2026-01-05T00:00:00", codeowners=("@t2",), aspects=ok))  # fmt: skip
    write(reports, "lib.json", report("lib", "2026-01-05T00:00:00", kind="library"))
    campaign = tmp_path / "c.yaml"
    campaign.write_text(CAMPAIGN, encoding="utf-8")
    before = portfolio(reports, campaign, today=date(2026, 3, 1)).campaigns[0]
    assert before.repos == ["a", "b", "c", "d", "e"] and not before.overdue
    assert before.met_repos == ["a", "d"]  # d: the rule does not apply, the aspect is met
    states = {(i.repo, i.requirement): i.state for i in before.items}
    assert states[("b", "rule:TEST-001")] == ItemState.UNMET  # accepted debt is still debt
    assert states[("c", "aspect:monitoring.plan_declared")] == ItemState.UNKNOWN
    assert states[("d", "rule:TEST-001")] == ItemState.EXEMPT
    assert states[("e", "rule:TEST-001")] == ItemState.UNKNOWN  # not evaluated: never met
    assert {t.key: (t.met, t.repos) for t in before.teams} == {"@t1": (1, 2), "@t2": (1, 3)}
    assert [(p.date, p.met, p.scope) for p in before.burnup] == [
        ("2026-01-05", 1, 5),
        ("2026-02-05", 2, 5),
    ]
    assert before.overdue_items == []
    after = portfolio(reports, campaign, today=date(2026, 4, 1)).campaigns[0]
    assert after.overdue
    assert sorted((i.repo, i.state.value) for i in after.overdue_items) == [
        ("b", "unmet"), ("c", "unknown"), ("e", "unknown")
    ]  # fmt: skip


def test_a_listed_aspect_that_names_a_problem_must_be_absent(tmp_path: Path) -> None:
    write(tmp_path, "r/a.json", report("a", "2026-01-01T00:00:00", aspects={"hygiene.data_committed": "no"}))  # fmt: skip
    write(tmp_path, "r/b.json", report("b", "2026-01-01T00:00:00", aspects={"hygiene.data_committed": "yes"}))  # fmt: skip
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        "name: No data in git\ndue: 2027-01-01\nrequire:\n  aspects: [hygiene.data_committed]\n",
        encoding="utf-8",
    )
    [result] = portfolio(tmp_path / "r", campaign).campaigns
    assert result.met_repos == ["a"] and result.requirements == ["aspect:hygiene.data_committed"]


def test_campaign_file_problems_are_listed_with_their_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ndue: someday\nrequire:\n  rulez: [A]\n", encoding="utf-8")
    with pytest.raises(InputErrors) as raised:
        load_campaign(str(bad))
    text = str(raised.value)
    assert f"{bad}:2:1:" in text and "due" in text
    assert f"{bad}:4:3:" in text and "rulez" in text
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [x\n", encoding="utf-8")
    with pytest.raises(InputErrors, match="invalid YAML"):
        load_campaign(str(broken))


def test_versions_are_read_or_refused_with_the_file_named(tmp_path: Path) -> None:
    write(tmp_path, "old.json", report("old", "2026-01-01T00:00:00", schema="1.0"))
    write(tmp_path, "new.json", report("new", "2026-01-01T00:00:00", schema="1.9", tool_version="0.9.0", maturity={"google": {"level": 1}, "microsoft": {"level": 2}}))  # fmt: skip
    write(tmp_path, "sarif.json", {"version": "2.1.0", "runs": []})
    (tmp_path / "garbage.json").write_bytes(b"\xff\xfe{")
    result = portfolio(tmp_path)
    assert [r.name for r in result.repos] == ["new", "old"]
    assert result.repos[0].maturity == "google 1, microsoft 2"
    notes = "\n".join(result.notes)
    assert "new.json: written by prodready 0.9.0 (schema 1.9)" in notes
    assert "2 prodready versions: 0.1.0 (1), 0.9.0 (1)" in notes
    assert "sarif.json: skipped, not a prodready audit report" in notes
    assert "garbage.json: skipped" in notes and "not UTF-8" in notes
    with pytest.raises(ProdreadyError, match=r"sarif\.json: not a prodready audit report"):
        load_reports([str(tmp_path / "sarif.json")])  # named explicitly: refused
    write(tmp_path, "future.json", report("f", "2026-01-01T00:00:00", schema="2.0"))
    with pytest.raises(ProdreadyError, match=r"future.json: report schema 2.0 .* reads schema 1.x"):
        load_reports([str(tmp_path)])
    (tmp_path / "future.json").unlink()
    write(tmp_path, "crafted.json", report("c", "yesterday"))
    with pytest.raises(ProdreadyError, match=r"crafted\.json: not a prodready JSON report"):
        load_reports([str(tmp_path)])


def test_globs_and_a_written_portfolio_beside_the_reports(tmp_path: Path) -> None:
    write(tmp_path, "x/a.json", report("a", "2026-01-01T00:00:00"))
    write(tmp_path, "y/b.json", report("b", "2026-01-01T00:00:00"))
    result = portfolio(tmp_path)
    (tmp_path / "portfolio.json").write_text(render(result, "json"), encoding="utf-8")
    again = portfolio(tmp_path)
    assert again.reports_read == 2 and not again.notes  # its own output is not a report
    only = load_reports([str(tmp_path / "x" / "*.json")])
    assert [r.view.repo.name for r in only.reports] == ["a"]
    with pytest.raises(ProdreadyError, match="no such file"):
        load_reports([str(tmp_path / "missing")])


HOSTILE = "<script>alert(1)</script>=cmd|' /C calc'!A0 @everyone [x](http://evil)"


def test_repository_text_is_inert_in_every_format(tmp_path: Path) -> None:
    write(tmp_path, "h.json", report(HOSTILE, "2026-01-01T00:00:00", codeowners=("=HYPERLINK(1)",), kind="<b>k</b>", rules={"R1": "fail"}))  # fmt: skip
    result = portfolio(tmp_path)
    html = render(result, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>k</b>" not in html
    markdown = render(result, "markdown")
    assert "<script>" not in markdown and "](http" not in markdown and "@everyone" not in markdown
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["teams"] == "'=HYPERLINK(1)" and row["repo"] == HOSTILE
    assert PortfolioResult.model_validate_json(render(result, "json")) == result


def test_memory_filesystem_is_read_through_fsspec(tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/pf-unit/reports/a.json", json.dumps(report("a", "2026-01-01T00:00:00")).encode())
    fs.pipe("/pf-unit/reports/sub/b.json", json.dumps(report("b", "2026-01-02T00:00:00")).encode())
    try:
        loaded = load_reports(["memory://pf-unit/reports"])
        assert [r.source for r in loaded.reports] == [
            "memory://pf-unit/reports/a.json",
            "memory://pf-unit/reports/sub/b.json",
        ]
        assert len(load_reports(["memory://pf-unit/reports/sub/*.json"]).reports) == 1
    finally:
        fs.rm("/pf-unit", recursive=True)


def test_the_maturity_section_prodready_writes_is_shown() -> None:
    from prodready.portfolio.loading import maturity_label

    section = [{"model": "google", "level": 0}, {"model": "microsoft", "level": 1}]
    assert maturity_label({"maturity": section}) == "google 0, microsoft 1"
    assert maturity_label({"maturity": []}) is None
