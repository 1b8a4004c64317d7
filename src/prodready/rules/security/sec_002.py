from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules._common import judge_sources
from prodready.rules.security._common import call_findings

UNSAFE_LOADERS = ("Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader")
ALWAYS_UNSAFE = ("yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.full_load", "yaml.full_load_all")


class UnsafeYamlLoad(Rule):
    meta = RuleMeta(
        id="SEC-002",
        title="YAML is loaded with a safe loader",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        rationale=(
            "`yaml.load` with the full or unsafe loader builds arbitrary Python objects from the "
            "document, so a tampered config or params file runs code in the training or serving "
            "process (CWE-502). Without any Loader, PyYAML 6 raises at run time."
        ),
        passes_when="No `yaml.load`/`yaml.load_all` call goes without a loader or names an unsafe "
        "one (Loader, FullLoader, UnsafeLoader), and no `yaml.unsafe_load`/`full_load` is called.",
        remediation="Use `yaml.safe_load(stream)`, or pass `Loader=yaml.SafeLoader`.",
        references=("https://cwe.mitre.org/data/definitions/502.html",),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = call_findings(
            ctx, ctx.units, lambda call: _problem(call.name, call.kwargs, call.args, call.star_args)
        )
        return judge_sources(
            ctx, findings, "{count} unsafe YAML load(s)", "no unsafe YAML loading found"
        )


def _problem(
    name: str, kwargs: dict[str, str | None], args: tuple[str | None, ...], star: bool
) -> str | None:
    if name in ALWAYS_UNSAFE:
        return "constructs arbitrary Python objects"
    if name not in ("yaml.load", "yaml.load_all"):
        return None
    loader = kwargs["Loader"] if "Loader" in kwargs else (args[1] if len(args) > 1 else "")
    if loader == "" and not star:
        return "is called without a Loader"
    if loader and loader.rsplit(".", 1)[-1] in UNSAFE_LOADERS:
        return f"uses the unsafe {loader.rsplit('.', 1)[-1]}"
    return None
