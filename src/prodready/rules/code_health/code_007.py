from __future__ import annotations

import re

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.scanners import STAND_IN

# Test data folders, where broken files are kept on purpose (parser and linter test cases).
_TEST_DATA_DIR = re.compile(r"(^|/)(fixtures?|testdata|test_data|test-data)/")


class UnparsableSources(Rule):
    """Python modules and notebooks that cannot be read or parsed, with the reason and line."""

    meta = RuleMeta(
        id="CODE-007",
        title="Every Python file and notebook parses",
        category=Category.CODE_HEALTH,
        severity=Severity.HIGH,
        rationale=(
            "A module with a syntax error fails on import, in production or in the job that "
            "trains the model; a notebook that is not valid JSON cannot be opened or re-run. "
            "Files that are not UTF-8 text or are binary cannot be read as Python at all. Such "
            "files are also invisible to every other static check, so their absence of findings "
            "means nothing."
        ),
        passes_when="Every `.py` file and `.ipynb` notebook is UTF-8 text that parses (Python "
        "syntax for modules, notebook JSON with a cells list for notebooks). Broken files kept "
        "on purpose under a test `fixtures/` or `testdata/` folder are ignored.",
        remediation="Fix the syntax error (run `python -m py_compile <file>`), re-save the file as "
        "UTF-8, repair or re-export the notebook, or delete the file if it is a leftover.",
        references=(
            "https://peps.python.org/pep-3120/",
            "https://nbformat.readthedocs.io/en/latest/format_description.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.python and not ctx.facts.notebooks:
            return Verdict.not_applicable("no Python files or notebooks")
        broken: list[tuple[str, str, int | None]] = [
            (path, unit.parse_error, unit.error_line)
            for path, unit in ctx.facts.python.items()
            if unit.parse_error
        ]
        broken += [
            (path, notebook.parse_error, None)
            for path, notebook in ctx.facts.notebooks.items()
            if notebook.parse_error
        ]
        broken += [
            (
                path,
                f"code cell(s) {', '.join(map(str, notebook.unparsable_cells))} are not valid Python",
                None,
            )
            for path, notebook in ctx.facts.notebooks.items()
            if notebook.unparsable_cells and not notebook.parse_error
        ]
        unread = sorted(  # content this clone lacks: nothing to parse, nothing to blame
            path for path, reason, _ in broken if reason == STAND_IN
        )
        broken = [
            item
            for item in broken
            if "{{" not in item[0] and item[1] != STAND_IN  # a template is not code yet
        ]
        fixtures = {path for path, _, _ in broken if _is_test_data(ctx, path)}
        findings = [
            FindingDraft(
                message=f"cannot be parsed: {reason}" + (f" (line {line})" if line else ""),
                path=path,
                line=line,
                evidence=(f"{path}:{line}" if line else path,),
            )
            for path, reason, line in sorted(broken)
            if path not in fixtures
        ]
        if not findings and unread:
            return Verdict.unknown(
                f"the files read parse, but {len(unread)} have no content in this clone",
                unread[:10],
            )
        checked = len(ctx.facts.python) + len(ctx.facts.notebooks) - len(fixtures)
        ignored = f" ({len(fixtures)} broken test fixture(s) ignored)" if fixtures else ""
        return Verdict.from_findings(
            findings,
            fail="{count} Python file(s) or notebook(s) cannot be parsed",
            ok=f"all {checked} Python file(s) and notebook(s) parse{ignored}",
            evidence=sorted(fixtures),
        )


def _is_test_data(ctx: RuleContext, path: str) -> bool:
    return ctx.is_test_path(path) and bool(_TEST_DATA_DIR.search(path))
