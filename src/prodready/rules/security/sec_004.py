from __future__ import annotations

from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.sites import finding_at

# The scanner's value patterns, so Python and config files are judged alike.
from prodready.scanners.python_ast import SECRET_VALUE_PATTERNS

CONFIG_SUFFIXES = frozenset({".env", ".yaml", ".yml", ".json", ".toml", ".ini", ".cfg"})
GENERIC_KIND = "secret_assignment"  # a high-entropy string assigned to a secret-like name
PLACEHOLDER = "EXAMPLE"  # AWS's documented sample keys: AKIAIOSFODNN7EXAMPLE
_TEMPLATE_WORDS = ("example", "sample", "template", "dist")


class HardcodedSecrets(Rule):
    """Credentials in code or config, found by their shape; values never leave the rule."""

    meta = RuleMeta(
        id="SEC-004",
        title="No secrets in code or config",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        rationale=(
            "A credential committed to git is readable by everyone with the repository, its "
            "forks and its history, long after it is deleted from the tip; leaked cloud and "
            "API keys are harvested from public repositories within minutes (CWE-798, use of "
            "hard-coded credentials; CWE-312, cleartext storage of sensitive information)."
        ),
        passes_when="No Python module or notebook outside tests holds a string shaped like an "
        "AWS access key id, a Stripe live key, a GitHub, Slack or OpenAI token or a private "
        "key, nor a high-entropy string assigned to a name like `password` or `api_key`; and "
        "no config file (.env, YAML, JSON, TOML, INI, cfg) outside tests holds such a value. "
        "Values containing EXAMPLE (AWS's documented sample keys) are ignored.",
        remediation="Revoke and rotate the credential first (it stays in git history), then "
        "read it from the environment or a secret manager (`os.environ['API_KEY']`, Vault, "
        "AWS Secrets Manager), keep `.env` files out of git, and add a secret scanner such as "
        "gitleaks or detect-secrets to pre-commit and CI.",
        references=(
            "https://cwe.mitre.org/data/definitions/798.html",
            "https://docs.github.com/en/code-security/secret-scanning/about-secret-scanning",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        units = {path: unit for path, unit in ctx.units.items() if not ctx.is_test_path(path)}
        configs = {
            path: text
            for path, text in ctx.facts.texts.items()
            if _is_config(path) and not ctx.is_test_path(path)
        }
        if not units and not configs:
            return Verdict.not_applicable("no Python code or config files to scan")
        hits: dict[tuple[str, int], str] = {}
        for path, unit in units.items():
            for secret in unit.secrets:
                line_text = ctx.source_line(path, secret.line) or ""
                if PLACEHOLDER not in line_text:
                    _record(hits, (path, secret.line), secret.kind)
        for path, text in configs.items():
            for line, kind in _config_secrets(text):
                _record(hits, (path, line), kind)
        findings = [_finding(ctx, path, line, kind) for (path, line), kind in sorted(hits.items())]
        unread = _unread_env_files(ctx) + ctx.unparsable_sources
        if not findings and unread:
            return Verdict.unknown(
                f"file(s) that could not be scanned may hold secrets: {', '.join(unread[:5])}",
                unread,
            )
        scanned = [f"scanned {len(units)} Python unit(s) and {len(configs)} config file(s)"]
        return Verdict.from_findings(
            findings, "{count} hard-coded secret(s)", "no hard-coded secrets found", scanned
        )


def _record(hits: dict[tuple[str, int], str], where: tuple[str, int], kind: str) -> None:
    """One finding per line; a value's own kind (aws_access_key_id) beats secret_assignment."""
    if hits.get(where, GENERIC_KIND) == GENERIC_KIND:
        hits[where] = kind


def _is_config(path: str) -> bool:
    name = PurePosixPath(path).name
    return (
        name == ".env" or name.startswith(".env.") or PurePosixPath(name).suffix in CONFIG_SUFFIXES
    )


def _config_secrets(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if PLACEHOLDER in line:
            continue
        kind = next((kind for kind, pattern in SECRET_VALUE_PATTERNS if pattern.search(line)), None)
        if kind:
            found.append((number, kind))
    return found


def _unread_env_files(ctx: RuleContext) -> list[str]:
    """Env files the scanner did not read as text: the likeliest home of secrets, unjudged."""
    return sorted(
        path
        for path in ctx.facts.files
        if path not in ctx.facts.texts
        and not ctx.is_test_path(path)
        and _is_env_file(PurePosixPath(path).name)
    )


def _is_env_file(name: str) -> bool:
    lowered = name.lower()
    is_env = lowered == ".env" or lowered.startswith(".env.") or lowered.endswith(".env")
    return is_env and not any(word in lowered for word in _TEMPLATE_WORDS)


def _finding(ctx: RuleContext, path: str, line: int, kind: str) -> FindingDraft:
    return finding_at(ctx, path, line, f"hard-coded secret ({kind})", f"kind: {kind}")
