"""DVC stages, read once from the parsed ``dvc.yaml`` and ``.dvc`` files.

Every reader (the graph, the data and metrics rules, the checklist draft, the tracked
outputs) takes the same typed stages, so one malformed file is read one way everywhere.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from prodready.scanners.facts import DvcStage, ParsedConfig

_OUTPUT_KEYS = ("outs", "metrics", "plots")


def dvc_stages(
    parsed: dict[str, ParsedConfig], texts: dict[str, str]
) -> tuple[tuple[DvcStage, ...], tuple[str, ...]]:
    """The pipeline stages of every dvc.yaml, by file then order, and what could not be read."""
    stages: list[DvcStage] = []
    problems: list[str] = []
    for path, config in sorted(parsed.items()):
        if config.kind != "dvc":
            continue
        data = config.data
        if config.error or not isinstance(data, dict) or not isinstance(data.get("stages"), dict):
            problems.append(
                f"{path}: {config.error or 'no stages mapping'}; its stages are left out"
            )
            continue
        text = texts.get(path, "")
        for name, body in data["stages"].items():
            body = _body(body)
            if body is None:
                problems.append(f"{path}: stage {name!r} is not a mapping; left out")
                continue
            stages.append(_stage(path, str(name), body, _line(text, str(name))))
    return tuple(stages), tuple(problems)


def dvc_files(parsed: dict[str, ParsedConfig]) -> tuple[DvcStage, ...]:
    """The ``.dvc`` files, each a single stage without a name."""
    return tuple(
        _stage(path, "", config.data)
        for path, config in sorted(parsed.items())
        if config.kind == "dvc-file" and isinstance(config.data, dict)
    )


def dvc_tracked(stages: tuple[DvcStage, ...], files: tuple[DvcStage, ...]) -> tuple[str, ...]:
    """Paths DVC keeps out of git: stage outs and metrics, and what ``.dvc`` files track."""
    tracked = {out for stage in stages for out in stage.outs + stage.metrics}
    tracked.update(out for file in files for out in file.outs)
    return tuple(sorted(tracked))


def _stage(path: str, name: str, body: dict[str, Any], line: int | None = None) -> DvcStage:
    wdir = join(str(body.get("wdir") or "."), _folder(path))
    wdir = "" if wdir == "." else wdir
    lists = {key: tuple(join(n, wdir) for n in _names(body.get(key))) for key in _OUTPUT_KEYS}
    return DvcStage(
        path=path,
        name=name,
        line=line,
        wdir=wdir,
        cmd=tuple(_strings(body.get("cmd"))),
        deps=tuple(join(n, wdir) for n in _names(body.get("deps"))),
        params=tuple((join(file, wdir), keys) for file, keys in _params(body.get("params"))),
        **lists,
    )


def join(path: str, base: str = "") -> str:
    """A repo-relative POSIX path; absolute paths and URLs stay as written."""
    path = path.strip().replace("\\", "/")
    if "://" in path or path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return path.rstrip("/")
    joined = posixpath.normpath(posixpath.join(base, path)) if base else posixpath.normpath(path)
    return joined.removeprefix("./").rstrip("/") or "."


def _body(body: Any) -> dict[str, Any] | None:
    if isinstance(body, dict) and isinstance(body.get("do"), dict):  # foreach / matrix stages
        return body["do"]
    return body if isinstance(body, dict) else None


def _names(entries: Any) -> list[str]:
    """``[a, {b: {cache: false}}, {path: c, md5: ...}]`` -> ``[a, b, c]``."""
    names = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry:
            entry = entry.get("path") if "path" in entry else next(iter(entry))
        if isinstance(entry, str) and entry.strip():
            names.append(entry)
    return names


def _params(value: Any) -> list[tuple[str, tuple[str, ...]]]:
    """``[seed, {other.yaml: [a, b]}]`` -> ``[("params.yaml", ("seed",)), ("other.yaml", ...)]``."""
    default: list[str] = []
    files: list[tuple[str, tuple[str, ...]]] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str):
            default.append(entry)
        elif isinstance(entry, dict):
            for name, keys in entry.items():
                files.append(
                    (str(name), tuple(str(k) for k in keys) if isinstance(keys, list) else ())
                )
    return ([("params.yaml", tuple(default))] if default else []) + files


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _line(text: str, name: str) -> int | None:
    """The line that opens stage ``name``: its key, indented, after ``stages:``."""
    key = re.compile(rf"^\s+[\"']?{re.escape(name)}[\"']?\s*:")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("stages:")), None)
    if start is None:
        return None
    return next((i + 1 for i in range(start + 1, len(lines)) if key.match(lines[i])), None)


def _folder(path: str) -> str:
    parent = posixpath.dirname(path)
    return "" if parent in ("", ".") else parent
