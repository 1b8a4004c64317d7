from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, SCULLEY_2015
from prodready.rules._common import judge_sources
from prodready.rules.sites import finding_at
from prodready.scanners.facts import PythonFacts

# Web frameworks register URL routes with calls like ``app.get("/data/items")``: a URL path,
# not a file path, even when its first segment looks like a directory.
ROUTE_METHODS = frozenset(
    {
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "route",
        "api_route",
        "websocket",
        "add_api_route",
        "add_url_rule",
        "add_route",
    }
)


class HardCodedAbsolutePaths(Rule):
    """Absolute file paths (``/Users/...``, ``/home/...``, ``C:\\...``) passed to calls in shipped code."""

    meta = RuleMeta(
        id="SMELL-004",
        title="No hard-coded absolute paths",
        category=Category.ML_SMELLS,
        severity=Severity.LOW,
        rationale=(
            "A path like `/Users/maria/Downloads/churn.csv` only exists on one machine: the "
            "pipeline cannot run in CI, a container or a colleague's laptop, and the data it "
            "reads is not versioned with the code (Sculley et al. 2015, configuration debt; "
            "ML Test Score, Infra 1: training is reproducible)."
        ),
        passes_when="No absolute file path literal (a POSIX path under /Users, /home, /mnt, "
        "/data, /tmp, ... or a Windows drive path) is passed to a call in source modules or "
        "notebooks; tests, and URL routes such as `@app.get('/data/items')`, are not judged.",
        remediation="Read locations from configuration, environment variables or command-line "
        "arguments, and build them relative to the project (`Path(__file__).parent / 'data'`).",
        references=(
            SCULLEY_2015,
            ML_TEST_SCORE,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        for path, unit in ctx.source_units.items():
            routes = _route_literals(unit)
            for pattern in unit.patterns:
                if pattern.kind != "absolute_path" or pattern.detail in routes:
                    continue
                findings.append(
                    finding_at(
                        ctx, path, pattern.line, f"hard-coded absolute path `{pattern.detail}`"
                    )
                )
        return judge_sources(
            ctx,
            findings,
            fail="{count} hard-coded absolute path(s)",
            ok="no hard-coded absolute paths",
        )


def _route_literals(unit: PythonFacts) -> set[str]:
    """Strings given as the first argument of a route-registering call in this unit."""
    routes: set[str] = set()
    for call in unit.calls:
        receiver, _, method = call.name.rpartition(".")
        if receiver and method in ROUTE_METHODS and call.args and call.args[0]:
            text = call.args[0]
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
                routes.add(text[1:-1])
    return routes
