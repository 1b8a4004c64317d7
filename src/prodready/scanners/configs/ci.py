"""Raw CI facts: each CI file's system, jobs, the commands it runs (with lines) and what it includes.

Nothing here decides whether CI runs the tests: that judgement sits with TEST-003
(``prodready.rules.test_suite.ci_chain``), which follows these facts through tasks,
scripts and job files. Commented-out lines never become commands.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import CiCommand, CiConfig, ParsedConfig

COMMAND_KEYS = frozenset(
    {
        "run",
        "script",
        "before_script",
        "after_script",
        "command",
        "commands",
        "bash",
        "pwsh",
        "powershell",
        "install",
        "before_install",
        "steps",
        "entrypoint",
        "filePath",
        "inlineScript",  # Azure Pipelines AzureCLI task
        "scriptPath",
    }
)
_JENKINS_SH = re.compile(
    r"\b(?:sh|bat|powershell)\s*\(?\s*(?:script:\s*)?(['\"]{1,3})(.*?)\1", re.S
)
_GROOVY_COMMENTS = re.compile(r"/\*(?s:.*?)\*/|^\s*//[^\n]*", re.M)


def ci_configs(parsed: dict[str, ParsedConfig], texts: dict[str, str]) -> list[CiConfig]:
    """Every CI file as raw facts, in path order; an unparsable one keeps its error."""
    configs = []
    for path, config in sorted(parsed.items()):
        if not config.kind.startswith("ci:"):
            continue
        system = config.kind.removeprefix("ci:")
        text = texts.get(path, "")
        if system == "jenkins":
            configs.append(_jenkins(path, text))
        elif config.error is not None:
            configs.append(CiConfig(path=path, system=system, error=config.error))
        else:
            configs.append(_yaml_ci(path, system, config.data, text))
    return configs


def _jenkins(path: str, text: str) -> CiConfig:
    code = _GROOVY_COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    commands = []
    for match in _JENKINS_SH.finditer(code):
        line = code.count("\n", 0, match.start()) + 1
        commands.extend(_shell_lines(match.group(2), "", line))
    return CiConfig(path=path, system="jenkins", commands=tuple(commands))


def _yaml_ci(path: str, system: str, data: Any, text: str) -> CiConfig:
    jobs = tuple(_job_names(system, data))
    commands: list[CiCommand] = []
    for job, node in _job_nodes(system, data):
        for command in collect_commands(node):
            commands.extend(_shell_lines(command, job, _line_of(text, command)))
    return CiConfig(
        path=path,
        system=system,
        jobs=jobs,
        commands=tuple(commands),
        includes=tuple(sorted(set(_includes(path, system, data)))),
        entry=not _is_template(path, system, data),
    )


def collect_commands(node: Any, key: str | None = None) -> list[str]:
    """Strings under the command keys of a CI or job YAML (``run``, ``script``, ``entrypoint``...)."""
    commands: list[str] = []
    if isinstance(node, dict):
        for child_key, value in node.items():
            commands.extend(collect_commands(value, str(child_key)))
    elif isinstance(node, list):
        for item in node:
            commands.extend(collect_commands(item, key))
    elif isinstance(node, str) and key in COMMAND_KEYS:
        if key in ("filePath", "scriptPath"):  # Azure script tasks name a script file
            return [f"bash {node}"]
        commands.append(node)
    return commands


def _shell_lines(command: str, job: str, line: int | None) -> list[CiCommand]:
    """A run block's lines; comment lines (``# pytest``) and blanks are not commands."""
    found = []
    for offset, raw in enumerate(command.splitlines()):
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "//", "REM ", "::")):
            continue
        found.append(
            CiCommand(text=stripped, job=job, line=None if line is None else line + offset)
        )
    return found


def _line_of(text: str, command: str) -> int | None:
    first = next((part.strip() for part in command.splitlines() if part.strip()), "")
    index = text.find(first) if first else -1
    if index < 0:
        return None
    line = text.count("\n", 0, index) + 1
    return line + 1 if "\n" in command.strip() and text[index - 2 : index].strip() == "|" else line


def _job_nodes(system: str, data: Any) -> list[tuple[str, Any]]:
    """(job name, subtree) pairs; the whole document under one unnamed job when jobs are implicit."""
    if isinstance(data, dict):
        if system in ("github-actions", "circleci") and isinstance(data.get("jobs"), dict):
            rest = {k: v for k, v in data.items() if k != "jobs"}
            return [(str(name), job) for name, job in data["jobs"].items()] + [("", rest)]
        if system == "gitlab-ci":
            return [(str(name), job) for name, job in data.items()]
    return [("", data)]


def _job_names(system: str, data: Any) -> list[str]:
    if not isinstance(data, dict):
        return []
    if system in ("github-actions", "circleci") and isinstance(data.get("jobs"), dict):
        return [str(name) for name in data["jobs"]]
    if system == "gitlab-ci":
        reserved = {"stages", "variables", "include", "default", "workflow", "image", "services"}
        return [str(k) for k, v in data.items() if k not in reserved and isinstance(v, dict)]
    return []


def _includes(path: str, system: str, data: Any) -> list[str]:
    """Repo files this CI file pulls in: local reusable workflows, composite actions, templates."""
    folder = PurePosixPath(path).parent
    found: list[str] = []
    if system == "github-actions":
        for uses in _values_of(data, "uses"):
            if not uses.startswith("./"):
                continue
            target = uses.removeprefix("./").split("@")[0].rstrip("/")
            if target.endswith((".yml", ".yaml")):
                found.append(target)
            else:
                found.extend((f"{target}/action.yml", f"{target}/action.yaml"))
    elif system == "gitlab-ci" and isinstance(data, dict):
        include = data.get("include")
        for item in include if isinstance(include, list) else [include]:
            local = item if isinstance(item, str) else (item or {}).get("local")
            if isinstance(local, str) and "://" not in local:
                found.append(local.lstrip("/"))
    elif system == "azure-pipelines":
        for template in _values_of(data, "template"):
            if "@" in template:  # a template in another repository
                continue
            base = PurePosixPath() if template.startswith("/") else folder
            found.append(_normal(base / template.lstrip("/")))
    return found


def _is_template(path: str, system: str, data: Any) -> bool:
    """Files that run only when another CI file includes them."""
    if system == "github-actions":
        on = data.get("on", data.get(True)) if isinstance(data, dict) else None
        triggers = (
            set(on) if isinstance(on, dict) else set(on or []) if isinstance(on, list) else {on}
        )
        return path.startswith(".github/actions/") or triggers == {"workflow_call"}
    if system == "azure-pipelines" and isinstance(data, dict):
        return "parameters" in data and not {"trigger", "pr", "schedules", "resources"} & set(data)
    return False


def _values_of(node: Any, wanted: str) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == wanted and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_values_of(value, wanted))
    elif isinstance(node, list):
        for item in node:
            found.extend(_values_of(item, wanted))
    return found


def _normal(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
