"""`prodready rules`, `explain`, `schema`, `checklist-schema`: what prodready checks and emits."""

from __future__ import annotations

import click

from prodready.cli.options import fail, format_option


@click.command("rules")
@format_option(["table", "json", "markdown"], default="table")
def rules_command(format_name: str) -> None:
    """List the rule catalog: id, category, severity, title."""
    from prodready.engine.registry import discover
    from prodready.report.catalog import render_catalog, render_json, render_table

    catalog = discover()
    metas = [rule.meta for rule in catalog.sorted()]
    render = {"json": render_json, "markdown": render_catalog, "table": render_table}[format_name]
    click.echo(render(metas), nl=False)
    for error in catalog.errors:
        click.echo(f"warning: {error.source}: {error.message}", err=True)


@click.command()
@click.argument("rule_id", required=False)
@click.option("--scoring", is_flag=True, help="Explain how scores and bands are computed.")
def explain(rule_id: str | None, scoring: bool) -> None:
    """Why a rule matters, what evidence passes it, and how to fix it.

    RULE_ID may be a prefix (SEC) or a category (security): its rules are listed.
    """
    if scoring:
        from prodready.scoring import SCORING_EXPLANATION

        click.echo(SCORING_EXPLANATION, nl=False)
        return
    if not rule_id:
        fail("give a rule id (see `prodready rules`) or --scoring")
    from prodready.engine.registry import discover
    from prodready.report.catalog import render_explanation

    catalog = discover()
    rule = catalog.rules.get(rule_id.upper())
    group = [
        r.meta
        for r in catalog.sorted()
        if r.meta.id.startswith(rule_id.upper().rstrip("-") + "-")
        or r.meta.category.value == rule_id.lower()
    ]
    if rule is None and group:  # a prefix (SEC) or a category (security): its rules
        from prodready.report.catalog import render_table

        click.echo(render_table(group), nl=False)
        click.echo(f"\n{len(group)} rule(s); `prodready explain {group[0].id}` explains one")
        return
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id.upper(), list(catalog.rules), n=1)
        fail(f"unknown rule {rule_id}" + (f" (did you mean {close[0]}?)" if close else ""))
    click.echo(render_explanation(rule.meta), nl=False)


@click.command("checklist-schema")
def checklist_schema() -> None:
    """Print the JSON Schema of prodready.yaml, for editor autocompletion."""
    import json

    from prodready.models.checklist import Checklist

    click.echo(json.dumps(Checklist.model_json_schema(), indent=2))


@click.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report (the result model)."""
    import json

    from prodready.models import AuditResult

    click.echo(json.dumps(AuditResult.model_json_schema(), indent=2))


COMMANDS = (rules_command, explain, checklist_schema, schema)
