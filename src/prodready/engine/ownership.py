"""Who owns a path, by CODEOWNERS semantics: the last matching pattern wins."""

from __future__ import annotations

import fnmatch


def owners_for(path: str, codeowners: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    owners: list[str] = []
    for pattern, names in codeowners:
        if _matches(pattern, path):
            owners = list(names)
    return owners


def _matches(pattern: str, path: str) -> bool:
    anchored = pattern.startswith("/")
    pattern = pattern.strip("/") if pattern != "/" else ""
    if pattern in ("", "*", "**"):
        return True
    if "/" not in pattern and not anchored:  # a name matches at any depth
        parts = path.split("/")
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    directory_prefix = path == pattern or path.startswith(pattern + "/")
    return (
        directory_prefix
        or fnmatch.fnmatchcase(path, pattern)
        or fnmatch.fnmatchcase(path, pattern + "/*")
    )


def repository_owners(codeowners: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    """The owners of the whole tree: the last catch-all rule's, else every owner named, in order."""
    catch_all = [names for pattern, names in codeowners if pattern.strip("/") in ("", "*", "**")]
    if catch_all:
        return list(catch_all[-1])
    return list(dict.fromkeys(name for _, names in codeowners for name in names))
