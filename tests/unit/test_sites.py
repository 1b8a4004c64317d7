"""A finding at one line reads the same whichever rule states it."""

from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.kind import detect_kind
from prodready.engine.rule import FindingDraft
from prodready.rules.sites import finding_at
from prodready.scanners.facts import ConfigFacts, GitFacts, RepoFacts


def _ctx() -> RuleContext:
    facts = RepoFacts(
        root=".",
        files={},
        python={},
        notebooks={},
        texts={},
        configs=ConfigFacts(),
        git=GitFacts(available=False),
    )
    return RuleContext(facts=facts, project=detect_kind(facts, None))


def test_the_site_comes_first_and_a_notebook_says_how_it_counts_lines() -> None:
    ctx = _ctx()
    assert finding_at(ctx, "train.py", 7, "`yaml.load` is unsafe", "kind: x") == FindingDraft(
        message="`yaml.load` is unsafe",
        path="train.py",
        line=7,
        evidence=("train.py:7", "kind: x"),
    )
    found = finding_at(ctx, "eda.ipynb", 3, "wildcard import")
    assert found.message == "wildcard import (line numbers count the notebook's code cells)"
    assert found.evidence == ("eda.ipynb:3",)
