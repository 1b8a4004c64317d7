from __future__ import annotations

import re

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity

# Tools that find bugs (undefined names, unused variables, wrong types); black and isort only
# format, and bandit only looks for security issues, so alone they do not count.
ANALYZERS = frozenset({"ruff", "flake8", "pylint", "mypy", "pyright"})
# A command line that runs one of them (not one that installs it).
_RUNS_ANALYZER = re.compile(
    r"(?<![\w-])(?:ruff\s+check|ruff\s+\.|flake8|pylint|mypy|pyright)(?![\w-])"
)
_INSTALLS = re.compile(
    r"\b(pip|pipx|uv|poetry|pdm|conda|mamba|apt|apt-get|brew)\b.*\b(install|add)\b"
)
_COMMAND_SPLIT = re.compile(r"\n|&&|\|\||;")
# Config files a linter's settings can live in (and CI files, which may run one): if one does
# not parse, a linter may hide there.
_LINTER_CONFIG_KINDS = frozenset({"pyproject", "setup.cfg", "tox", "pre-commit"})


class LinterConfigured(Rule):
    """The repository configures (or its CI and task runners run) a linter or type checker.

    Judged from the repository's files only, never from what is installed where the audit runs.
    """

    meta = RuleMeta(
        id="CODE-008",
        title="A linter is configured",
        category=Category.CODE_HEALTH,
        severity=Severity.LOW,
        rationale=(
            "Static analysis catches undefined names, unused imports and variables, shadowed "
            "builtins and type errors before they reach a training job or a serving process; "
            "ML code grown from notebooks is full of them (Grotov et al. 2022, 'A Large-Scale "
            "Comparison of Python Code in Jupyter Notebooks and Scripts'). A configuration "
            "committed to the repository makes every contributor and CI apply the same checks."
        ),
        passes_when="The repository configures ruff, flake8, pylint, mypy or pyright (in "
        "pyproject.toml, setup.cfg, tox.ini, ruff.toml, .flake8, .pylintrc or "
        ".pre-commit-config.yaml), or a CI job or task runner command runs one. Formatters "
        "(black, isort) and bandit alone do not count.",
        remediation="Add a linter configuration, e.g. a `[tool.ruff.lint]` section in "
        'pyproject.toml with `select = ["E", "F", "B"]`, and run `ruff check` in CI or as '
        "a pre-commit hook.",
        references=(
            "https://docs.astral.sh/ruff/configuration/",
            "https://arxiv.org/abs/2203.16718",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = ctx.facts.configs
        configured = sorted(ANALYZERS.intersection(configs.linters))
        if configured:
            return Verdict.passed(
                f"linter configured: {', '.join(configured)}",
                [f"configured: {name}" for name in configured],
            )
        commands = [(ci.path, command.text) for ci in configs.ci for command in ci.commands] + [
            (task, command) for task, lines in configs.task_commands.items() for command in lines
        ]
        for where, command in commands:
            for part in _COMMAND_SPLIT.split(command):
                if _RUNS_ANALYZER.search(part) and not _INSTALLS.search(part):
                    return Verdict.passed(
                        f"a linter runs in {where}: `{part.strip()}`", [f"{where}: {part.strip()}"]
                    )
        if not ctx.facts.python and not ctx.facts.notebooks:
            return Verdict.not_applicable("no Python code in the repository")
        broken = sorted(
            config.path
            for config in configs.parsed.values()
            if config.error
            and (config.kind in _LINTER_CONFIG_KINDS or config.kind.startswith("ci:"))
        )
        if broken:
            return Verdict.unknown(
                f"no linter found, but {', '.join(broken)} could not be parsed", broken
            )
        others = sorted(set(configs.linters) - ANALYZERS)
        detail = (
            f" (found only: {', '.join(others)}; formatters and security scanners do not count)"
            if others
            else ""
        )
        return Verdict.failed(f"no linter is configured or run{detail}")
