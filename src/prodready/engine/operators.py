"""The short operator table of declarative rules, each three-valued: True, False or None (cannot tell)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from typing import Any

from prodready.engine.context import RuleContext

Outcome = tuple[bool | None, list[str]]


def _match(ctx: RuleContext, patterns: list[str], case_sensitive: bool = False) -> list[str]:
    found = []
    for path in ctx.facts.files:
        subject = path if case_sensitive else path.lower()
        for pattern in patterns:
            wanted = pattern if case_sensitive else pattern.lower()
            if fnmatch.fnmatchcase(subject, wanted):
                found.append(path)
                break
    return sorted(found)


def file_exists(ctx: RuleContext, arg: Any) -> Outcome:
    patterns = [arg] if isinstance(arg, str) else list(arg)
    found = _match(ctx, patterns)
    return bool(found), found[:10]


def glob_count(ctx: RuleContext, arg: dict[str, Any]) -> Outcome:
    found = _match(ctx, [arg["glob"]] if isinstance(arg["glob"], str) else arg["glob"])
    minimum = int(arg.get("min", 1))
    maximum = arg.get("max")
    ok = len(found) >= minimum and (maximum is None or len(found) <= int(maximum))
    return ok, [f"{len(found)} file(s) match {arg['glob']}", *found[:5]]


def regex_in_files(ctx: RuleContext, arg: dict[str, Any]) -> Outcome:
    globs = [arg["glob"]] if isinstance(arg["glob"], str) else arg["glob"]
    pattern = re.compile(
        arg["pattern"], re.MULTILINE | (0 if arg.get("case_sensitive") else re.IGNORECASE)
    )
    candidates = _match(ctx, globs)
    unreadable = []
    for path in candidates:
        text = ctx.facts.texts.get(path)
        if text is None:
            unreadable.append(path)
            continue
        match = pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            return True, [f"{path}:{line}"]
    if unreadable:
        return None, [f"could not read {path}" for path in unreadable[:5]]
    return False, [f"no match for /{arg['pattern']}/ in {', '.join(globs)}"]


def config_key(ctx: RuleContext, arg: dict[str, Any]) -> Outcome:
    files = _match(
        ctx, [arg["file"]] if isinstance(arg["file"], str) else arg["file"], case_sensitive=True
    )
    undecided = []
    for path in files:
        config = ctx.facts.configs.get(path)
        if config is None or config.error:
            undecided.append(path)
            continue
        node: Any = config.data
        for part in str(arg["key"]).split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return True, [f"{path}: {arg['key']}"]
    if undecided:
        return None, [f"{path} could not be parsed" for path in undecided]
    return False, []


def checklist_field(ctx: RuleContext, arg: Any) -> Outcome:
    """True when the checklist states the dotted field (a TODO placeholder is not a statement).

    No checklist means the field is not stated (False); a checklist that cannot be
    read or validated cannot tell (None).
    """
    field = str(arg)
    found = ctx.facts.checklist
    if found is None:
        return False, [f"{field}: no readiness checklist (prodready.yaml) in the repository"]
    if found.checklist is None:
        return None, [f"{field}: the checklist cannot be read ({found.error})"]
    node: Any = found.checklist.model_dump(mode="json", exclude_none=True)
    for part in field.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node in (None, "", [], {}):
        return False, [f"{found.path}: {field} is not stated"]
    return True, [f"{found.path}: {field} = {_shown(node)}"]


def _shown(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


OPERATORS: dict[str, Callable[[RuleContext, Any], Outcome]] = {
    "file_exists": file_exists,
    "glob_count": glob_count,
    "regex_in_files": regex_in_files,
    "config_key": config_key,
    "checklist_field": checklist_field,
}
