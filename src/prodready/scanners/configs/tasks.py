"""Named tasks and the commands each runs: make, tox, nox, just, hatch, poe, pdm, pixi, shell scripts.

Keys read ``make:test`` (root Makefile), ``make:sub/dir:test``, ``tox:py311``, ``nox:*``,
``just:test``, ``hatch:default:test``, ``poe:test``, ``pdm:test``, ``pixi:test`` and
``script:path/to/run.sh``. Nothing is run: the noxfile is read through its AST facts.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import ParsedConfig, PythonFacts

_MAKE_TARGET = re.compile(r"^([A-Za-z0-9_.\-]+)\s*:(?!=)")
_JUST_RECIPE = re.compile(r"^@?([A-Za-z0-9_\-]+)(?:\s+[^:=]*)?:(?!=)")
JUSTFILES = frozenset({"justfile", "Justfile", ".justfile"})


def task_commands(
    parsed: dict[str, ParsedConfig], texts: dict[str, str], python: dict[str, PythonFacts]
) -> dict[str, tuple[str, ...]]:
    tasks: dict[str, list[str]] = {}
    for path, config in parsed.items():
        name = PurePosixPath(path).name
        if config.kind == "makefile" and isinstance(config.data, str):
            folder = str(PurePosixPath(path).parent)
            prefix = "make:" if folder == "." else f"make:{folder}:"
            _make_targets(config.data, prefix, tasks)
        elif config.kind == "tox" and isinstance(config.data, dict):
            for section, values in config.data.items():
                if section.startswith("testenv") and "commands" in values:
                    env = section.partition(":")[2] or "default"
                    tasks[f"tox:{env}"] = values["commands"].splitlines()
        elif config.kind == "pyproject" and isinstance(config.data, dict):
            _pyproject_tasks(config.data.get("tool") or {}, tasks)
        elif name == "pixi.toml" and isinstance(config.data, dict):
            _pixi_tasks(config.data, tasks)
        elif path.endswith(".sh") and isinstance(config.data, str):
            tasks[f"script:{path}"] = config.data.splitlines()
    for path in sorted(JUSTFILES & set(texts)):
        _just_recipes(texts[path], tasks)
    noxfile = python.get("noxfile.py")
    if noxfile is not None:
        tasks["nox:*"] = [
            " ".join(a or "" for a in call.args).replace("'", "")
            for call in noxfile.calls
            if call.name.endswith("session.run")
        ]
    return {name: tuple(commands) for name, commands in sorted(tasks.items())}


def _make_targets(text: str, prefix: str, tasks: dict[str, list[str]]) -> None:
    target = None
    for line in text.splitlines():
        head = _MAKE_TARGET.match(line)
        if head:
            target = head.group(1)
            tasks.setdefault(f"{prefix}{target}", [])
            deps = line.split(":", 1)[1].split("#")[0].split()
            tasks[f"{prefix}{target}"].extend(f"make {dep}" for dep in deps if dep.isidentifier())
        elif target and line.startswith("\t") and not line.strip().startswith("#"):
            tasks[f"{prefix}{target}"].append(line.strip().lstrip("@-"))


def _just_recipes(text: str, tasks: dict[str, list[str]]) -> None:
    recipe = None
    for line in text.splitlines():
        head = None if line[:1].isspace() else _JUST_RECIPE.match(line)
        if head and not line.startswith(("set ", "export ", "alias ", "import ")):
            recipe = head.group(1)
            tasks.setdefault(f"just:{recipe}", [])
            deps = line.split(":", 1)[1].split()
            tasks[f"just:{recipe}"].extend(f"just {dep}" for dep in deps if dep.isidentifier())
        elif recipe and line[:1].isspace() and line.strip() and not line.strip().startswith("#"):
            tasks[f"just:{recipe}"].append(line.strip().lstrip("@-"))
        elif not line.strip():
            continue
        elif not line[:1].isspace():
            recipe = None


def _pyproject_tasks(tool: dict[str, Any], tasks: dict[str, list[str]]) -> None:
    hatch_envs = (tool.get("hatch") or {}).get("envs") or {}
    for env, settings in hatch_envs.items() if isinstance(hatch_envs, dict) else ():
        scripts = (settings or {}).get("scripts") if isinstance(settings, dict) else None
        for name, command in (scripts or {}).items() if isinstance(scripts, dict) else ():
            tasks[f"hatch:{env}:{name}"] = _command_list(command)
    for runner in ("poe", "pdm"):
        table = (tool.get(runner) or {}).get("tasks" if runner == "poe" else "scripts") or {}
        for name, command in table.items() if isinstance(table, dict) else ():
            tasks[f"{runner}:{name}"] = _command_list(command)
    pixi = tool.get("pixi")
    if isinstance(pixi, dict):
        _pixi_tasks(pixi, tasks)


def _pixi_tasks(pixi: dict[str, Any], tasks: dict[str, list[str]]) -> None:
    tables = [pixi.get("tasks")]
    features = pixi.get("feature")
    if isinstance(features, dict):
        tables += [(f or {}).get("tasks") for f in features.values() if isinstance(f, dict)]
    for table in tables:
        for name, command in table.items() if isinstance(table, dict) else ():
            tasks.setdefault(f"pixi:{name}", []).extend(_command_list(command))


def _command_list(command: Any) -> list[str]:
    """A task's command in any of the forms these runners accept (string, list, table)."""
    if isinstance(command, str):
        return [command]
    if isinstance(command, list):
        return [part for item in command for part in _command_list(item)]
    if isinstance(command, dict):
        for key in ("cmd", "shell", "call", "script", "ref", "depends-on", "depends_on"):
            if key in command:
                value = command[key]
                if key.startswith("depends"):
                    return [f"pixi run {dep}" for dep in _command_list(value)]
                return [" ".join(value) if isinstance(value, list) else str(value)]
    return []
