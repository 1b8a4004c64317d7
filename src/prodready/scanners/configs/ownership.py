"""Who owns what (CODEOWNERS), where large files live (LFS), which linters are set up."""

from __future__ import annotations

from pathlib import PurePosixPath

from prodready.scanners.facts import ParsedConfig

CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
LINTER_KEYS = ("ruff", "flake8", "pylint", "black", "mypy", "isort", "pyright", "bandit")


def codeowners(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    entries = []
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("["):
            continue
        pattern, *owners = line.split()
        entries.append((pattern, tuple(owners)))
    return tuple(entries)


def lfs_patterns(text: str) -> tuple[str, ...]:
    return tuple(
        line.split()[0] for line in text.splitlines() if "filter=lfs" in line and line.split()
    )


def linters(parsed: dict[str, ParsedConfig], texts: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for path, config in parsed.items():
        name = PurePosixPath(path).name
        if config.kind == "pyproject" and isinstance(config.data, dict):
            found.update(key for key in (config.data.get("tool") or {}) if key in LINTER_KEYS)
        elif config.kind in ("setup.cfg", "tox") and isinstance(config.data, dict):
            found.update(key for key in config.data if key in LINTER_KEYS)
        elif name in ("ruff.toml", ".ruff.toml"):
            found.add("ruff")
        elif name == ".flake8":
            found.add("flake8")
        elif name == ".pylintrc":
            found.add("pylint")
        elif config.kind == "pre-commit" and isinstance(config.data, dict):
            for repo in config.data.get("repos") or []:
                for hook in (repo or {}).get("hooks") or []:
                    hook_id = str((hook or {}).get("id", ""))
                    found.update(key for key in LINTER_KEYS if key in hook_id)
    return found
