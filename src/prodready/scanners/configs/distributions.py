"""The distributions a repository builds itself, wherever their manifest sits."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.configs.setup_py import SetupCalls
from prodready.scanners.facts import Distribution, ParsedConfig
from prodready.scanners.queries import normalize_dist


def built_distributions(parsed: dict[str, ParsedConfig], setups: SetupCalls) -> list[Distribution]:
    """``[project]``/Poetry metadata, setup.cfg ``[metadata]`` or a ``setup()`` call, anywhere."""
    found = []
    for path, config in sorted(parsed.items()):
        data = config.data if isinstance(config.data, dict) else {}
        if config.kind == "pyproject":
            tool = _dict(data.get("tool"))
            name = _dict(data.get("project")).get("name") or _dict(tool.get("poetry")).get("name")
        elif config.kind == "setup.cfg":
            name = _dict(data.get("metadata")).get("name")
        else:
            continue
        if isinstance(name, str) and name.strip():
            found.append(Distribution(normalize_dist(name.strip()), _folder(path)))
    for path, keywords in sorted(setups.items()):
        if keywords:  # a setup() call, even with a computed name
            name = dict(keywords).get("name")
            named = isinstance(name, str) and bool(name.strip())
            found.append(Distribution(normalize_dist(name) if named else None, _folder(path)))
    return found


def _folder(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
