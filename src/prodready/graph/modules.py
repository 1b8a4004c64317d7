"""Which repository file an import names: absolute, relative, src-layout and namespace packages.

Resolution mirrors how Python finds modules at run time, from the facts alone:
first the source roots (the repo root, ``src/`` and configured package dirs),
then the standard library, then the importer's own folder and its parents
(scripts run from their folder and ``sys.path`` hacks), and last a module whose
dotted path ends with the imported name, when exactly one does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import PurePosixPath

from prodready.graph.names import is_stdlib


class Origin(StrEnum):
    REPO = "repo"  # a module of the repository
    FIRST_PARTY = "first_party"  # the repository's own name, but no module file (namespace dir)
    STDLIB = "stdlib"
    THIRD_PARTY = "third_party"


@dataclass(frozen=True)
class Resolution:
    origin: Origin
    path: str | None = None  # the repository file, for REPO
    how: str = ""  # root, folder, suffix or relative: how a repo module was found


def dotted(path: str) -> str:
    """``src/pkg/mod.py`` -> ``src.pkg.mod``; a package's ``__init__`` is the package."""
    pure = PurePosixPath(path)
    parts = [*pure.parent.parts, pure.stem] if pure.parent.parts else [pure.stem]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


class ModuleIndex:
    """Every module and notebook of the repository by its dotted path from the repo root."""

    def __init__(self, paths: list[str], roots: list[str]) -> None:
        self.paths = sorted(paths)
        self.roots = sorted({root.strip("/") for root in roots if root.strip("/")}, key=len)
        self.by_full: dict[str, str] = {}
        self.by_suffix: dict[str, list[str]] = {}
        self.folders: set[str] = set()
        # a module wins over a notebook of the same name: Python imports the .py, never .ipynb
        for path in sorted(self.paths, key=lambda p: (p.endswith(".ipynb"), p)):
            full = dotted(path)
            if not full:
                continue
            # a package's __init__ wins over a notebook or module spelled the same
            if full not in self.by_full or path.endswith("__init__.py"):
                self.by_full[full] = path
            parts = full.split(".")
            for start in range(len(parts)):
                self.by_suffix.setdefault(".".join(parts[start:]), []).append(path)
            for end in range(1, len(parts)):
                self.folders.add(".".join(parts[end - 1 : end]))
        self.packages = {
            str(PurePosixPath(path).parent) for path in self.paths if path.endswith("__init__.py")
        }

    def name(self, path: str) -> str:
        """The importable dotted name: relative to the longest source root holding the file."""
        for root in sorted(self.roots, key=len, reverse=True):
            if path.startswith(root + "/"):
                return dotted(path[len(root) + 1 :])
        return dotted(path)

    def top_level_names(self) -> set[str]:
        return {self.name(path).split(".")[0] for path in self.paths}

    def in_package(self, path: str) -> bool:
        """Whether the file sits in a regular package (its folder has an ``__init__.py``)."""
        return str(PurePosixPath(path).parent) in self.packages

    # resolution -------------------------------------------------------------------

    def resolve(
        self,
        module: str,
        importer: str,
        exact: bool = False,
        declared: frozenset[str] = frozenset(),
    ) -> Resolution:
        """Where an absolute import of ``module`` from the file ``importer`` leads.

        ``declared`` holds the lowercased import names of declared dependencies: such an
        import is third-party unless a source root or the importer's folder holds it.
        """
        if not module:
            return Resolution(Origin.THIRD_PARTY)
        found = self._lookup(["", *self.roots], module, exact)
        if found:
            return Resolution(Origin.REPO, found, "root")
        if is_stdlib(module):
            return Resolution(Origin.STDLIB)
        found = self._lookup(_folders_up(importer), module, exact)
        if found:
            return Resolution(Origin.REPO, found, "folder")
        if module.split(".")[0].lower() in declared:
            return Resolution(Origin.THIRD_PARTY)
        return self._by_suffix(module, importer, exact)

    def resolve_relative(
        self, module: str, level: int, importer: str, exact: bool = False
    ) -> Resolution:
        """``from ..x import y`` inside ``importer``; relative imports are always first-party."""
        parts = dotted(importer).split(".")
        if not importer.endswith("__init__.py"):
            parts = parts[:-1]
        if level - 1 > len(parts):
            return Resolution(Origin.FIRST_PARTY)
        base = parts[: len(parts) - (level - 1)]
        target = ".".join([*base, *([module] if module else [])])
        found = self._lookup([""], target, exact) if target else None
        if found:
            return Resolution(Origin.REPO, found, "relative")
        return Resolution(Origin.FIRST_PARTY)

    def _lookup(self, prefixes: Sequence[str], module: str, exact: bool) -> str | None:
        """The longest importable prefix of ``module`` under any of the folder ``prefixes``."""
        parts = module.split(".")
        stop = len(parts) if exact else 1
        bases = [prefix.replace("/", ".") for prefix in prefixes]
        for size in range(len(parts), stop - 1, -1):
            name = ".".join(parts[:size])
            for base in bases:
                found = self.by_full.get(f"{base}.{name}" if base else name)
                if found:
                    return found
        return None

    def _by_suffix(self, module: str, importer: str, exact: bool) -> Resolution:
        parts = module.split(".")
        stop = len(parts) if exact else 1
        for size in range(len(parts), stop - 1, -1):
            candidates = self.by_suffix.get(".".join(parts[:size]), [])
            best = _closest(candidates, importer)
            if best:
                return Resolution(Origin.REPO, best, "suffix")
            if candidates:
                return Resolution(Origin.FIRST_PARTY)
        if parts[0] in self.folders:
            return Resolution(Origin.FIRST_PARTY)
        return Resolution(Origin.THIRD_PARTY)


@lru_cache(maxsize=65536)
def _folders_up(path: str) -> tuple[str, ...]:
    """The importer's folder, then each parent, as repo-relative folder paths (root excluded).

    String slicing, cached per importer: called for every import of every module.
    """
    folders = []
    cut = path.rfind("/")
    while cut > 0:
        folders.append(path[:cut])
        cut = path.rfind("/", 0, cut)
    return tuple(folders)


def _closest(candidates: list[str], importer: str) -> str | None:
    """The one candidate sharing the most leading folders with the importer; None on a tie."""
    if len(candidates) == 1:
        return candidates[0]
    here = PurePosixPath(importer).parent.parts

    def shared(path: str) -> int:
        count = 0
        for mine, theirs in zip(here, PurePosixPath(path).parent.parts, strict=False):
            if mine != theirs:
                break
            count += 1
        return count

    scores = sorted(((shared(path), path) for path in candidates), reverse=True)
    if scores and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None
