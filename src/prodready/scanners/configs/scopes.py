"""The scope of a manifest's entry, from where it sits: the one judge every reader shares.

A lock file pins, Poetry's ``optional = true`` makes an extra, and a file named for
development (``requirements-dev.txt``, ``environment-test.yml``, ``requirements/lint.in``)
is not what production installs; a conda environment is a whole environment whatever it
is called. The tables of a manifest (extras, groups, build requirements) carry their own
scope, read with them in ``declared``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import ParsedConfig, Scope
from prodready.scanners.queries import normalize_dist

_OPTIONAL_FILE = re.compile(
    r"(^|[/_.-])(dev|develop|test|tests|testing|lint|docs?|ci|bench|tools?|extras?|optional|"
    r"style|typing|types|check|qa)([/_.-]|$)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ManifestScopes:
    """What each manifest entry is installed for, decided once for the repository."""

    kinds: dict[str, str]  # parsed config path -> its kind
    locks: frozenset[str]
    poetry_optional: dict[str, frozenset[str]]  # pyproject path -> optional Poetry dependencies

    @classmethod
    def of(cls, parsed: dict[str, ParsedConfig], locks: Iterable[str]) -> ManifestScopes:
        return cls(
            kinds={path: config.kind for path, config in parsed.items()},
            locks=frozenset(locks),
            poetry_optional=_optional_poetry(parsed),
        )

    def conda(self, source: str) -> bool:
        return self.kinds.get(source) == "conda-env"

    def scope(self, source: str, name: str) -> Scope:
        """The scope of ``name`` (normalized) as the whole-file entries of ``source`` list it."""
        if source in self.locks:
            return Scope.LOCK
        if name in self.poetry_optional.get(source, ()):
            return Scope.EXTRA
        if _optional_file(source) and not self.conda(source):  # conda: a whole environment
            return Scope.OPTIONAL
        return Scope.RUNTIME


def _optional_file(path: str) -> bool:
    """A file or folder named for development, tests, docs or CI."""
    return bool(
        _OPTIONAL_FILE.search(PurePosixPath(path).name)
        or _OPTIONAL_FILE.search(str(PurePosixPath(path).parent))
    )


def _optional_poetry(parsed: dict[str, ParsedConfig]) -> dict[str, frozenset[str]]:
    """``foo = {version = "^1", optional = true}`` in Poetry's dependencies: an extra, not runtime."""
    found: dict[str, set[str]] = {}
    for path, config in parsed.items():
        if config.kind != "pyproject" or not isinstance(config.data, dict):
            continue
        poetry = _dict(_dict(config.data.get("tool")).get("poetry"))
        for name, spec in _dict(poetry.get("dependencies")).items():
            if isinstance(spec, dict) and spec.get("optional") is True:
                found.setdefault(path, set()).add(normalize_dist(name))
    return {path: frozenset(names) for path, names in found.items()}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
