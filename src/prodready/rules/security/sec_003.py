from __future__ import annotations

from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules._common import judge_sources
from prodready.rules.security._common import call_findings
from prodready.scanners.facts import CallFact

EVAL_NAMES = frozenset({"eval", "exec", "builtins.eval", "builtins.exec"})
_STRING_LITERAL = ("'", '"', "b'", 'b"')


class EvalOnDynamicInput(Rule):
    """``eval``/``exec`` of a string computed at run time.

    A string literal argument is left out on purpose: it is a smell, not an
    injection, and flagging it would bury the real cases in noise. Methods
    named ``eval`` (``model.eval()``, ``df.eval("a + b")``) are not the builtin.
    """

    meta = RuleMeta(
        id="SEC-003",
        title="No eval/exec of dynamic input",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        rationale=(
            "`eval` and `exec` run a string as Python code; when that string is built at run "
            "time (a request field, a dashboard filter, a config value), whoever controls it "
            "controls the process: eval injection (CWE-95, a form of CWE-94 code injection)."
        ),
        passes_when="No source module or notebook (tests left aside) calls the builtin `eval` "
        "or `exec` on anything but a string literal. `setup.py` is skipped: "
        "`exec(open('pkg/version.py').read())` there reads the project's own file at build time.",
        remediation="Parse instead of executing: `ast.literal_eval` for Python literals, "
        "`json.loads` for data, a lookup table of allowed operations, or a restricted "
        "expression language (e.g. pandas `df.query` on a validated column whitelist).",
        references=(
            "https://cwe.mitre.org/data/definitions/95.html",
            "https://docs.python.org/3/library/functions.html#eval",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        units = {
            path: unit
            for path, unit in ctx.source_units.items()
            if PurePosixPath(path).name != "setup.py"
        }
        if not units:
            return Verdict.not_applicable("no parsable Python source code outside tests")
        findings = call_findings(ctx, units, _problem)
        return judge_sources(
            ctx,
            findings,
            "{count} eval/exec call(s) on dynamic input",
            "no eval/exec of dynamic input",
        )


def _problem(call: CallFact) -> str | None:
    if call.name not in EVAL_NAMES or not (call.args or call.star_args):
        return None
    first = call.args[0] if call.args else None
    if first is not None and first.startswith(_STRING_LITERAL):
        return None
    return "runs a string computed at run time as Python code: whoever controls it runs code"
