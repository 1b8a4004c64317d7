from __future__ import annotations

import re
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.hygiene._common import is_fixture_path

# JSON with comments by design (VS Code, TypeScript, dev containers): not plain JSON.
_JSONC = re.compile(
    r"(^|/)(\.vscode/[^/]*|\.?devcontainer\.json|[jt]sconfig[^/]*\.json|\.eslintrc\.json)$"
)
# Valid YAML whose custom tags (mkdocs' !!python/name, CloudFormation's !Ref) a safe loader refuses.
_UNKNOWN_TAG = "could not determine a constructor"


class MalformedConfig(Rule):
    """Test fixtures are left aside: a linter's tests keep broken configs on purpose."""

    meta = RuleMeta(
        id="HYG-006",
        title="Config files parse",
        category=Category.HYGIENE,
        severity=Severity.MEDIUM,
        rationale=(
            "A config file that does not parse fails only when read: the CI workflow that "
            "silently never runs, the pyproject.toml that breaks installs, the params.yaml "
            "that crashes the training job hours in. Configuration is where ML systems "
            "accumulate the most debt and the least testing (Sculley et al. 2015, "
            "configuration debt)."
        ),
        passes_when="Every TOML, YAML, JSON and INI/cfg config file outside tests parses "
        "(templates with `{{ }}`, JSON-with-comments files and YAML with custom tags are left "
        "aside).",
        remediation="Fix the syntax at the reported line, and validate configs in pre-commit "
        "(`check-toml`, `check-yaml`, `check-json` hooks) so a broken one never lands.",
        references=(
            "https://github.com/pre-commit/pre-commit-hooks",
            SCULLEY_2015,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = [
            config
            for path, config in sorted(ctx.facts.configs.parsed.items())
            if not is_fixture_path(path) and not _JSONC.search(path)
        ]
        if not configs:
            return Verdict.not_applicable("no parsable config files (TOML, YAML, JSON, INI)")
        findings = [
            _finding(config.path, config.error, config.error_line)
            for config in configs
            if config.error and _UNKNOWN_TAG not in config.error
        ]
        return Verdict.from_findings(
            findings,
            "{count} config file(s) do not parse",
            f"all {len(configs)} config file(s) parse",
        )


def _finding(path: str, error: str, line: int | None) -> FindingDraft:
    where = f"{path}:{line}" if line else path
    return FindingDraft(
        message=f"{PurePosixPath(path).name} does not parse: {error}",
        path=path,
        line=line,
        evidence=(f"{where}: {error}",),
    )
