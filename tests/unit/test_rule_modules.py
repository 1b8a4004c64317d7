"""Rule modules: no tool mistakes one for a test, and each folder holds one category."""

from __future__ import annotations

import fnmatch
import inspect
import sys
from collections import defaultdict
from pathlib import Path, PurePosixPath

from prodready.engine.registry import discover
from prodready.scanners.queries import is_test_path

PACKAGE = Path(sys.modules["prodready"].__file__).parent
TEST_PATTERNS = ("test_*.py", "*_test.py", "test*.py", "conftest.py")  # pytest and unittest


def builtin_modules() -> dict[str, Path]:
    """Rule id -> the file that defines it, for every built-in Python rule."""
    found = {}
    for rule_id, rule in discover(plugins=False).rules.items():
        if rule.__module__.startswith("prodready.rules."):
            found[rule_id] = Path(inspect.getfile(rule))
    return found


def test_no_rule_module_looks_like_a_test() -> None:
    modules = builtin_modules()
    assert modules
    for rule_id, path in modules.items():
        relative = PurePosixPath("src", *path.relative_to(PACKAGE.parent).parts).as_posix()
        assert not is_test_path(relative), f"{rule_id}: {relative}"
        assert not any(fnmatch.fnmatch(path.name, p) for p in TEST_PATTERNS), rule_id


def test_each_rule_folder_holds_one_category() -> None:
    categories: dict[str, set[str]] = defaultdict(set)
    for rule_id, path in builtin_modules().items():
        rule = discover(plugins=False).rules[rule_id]
        categories[path.parent.name].add(rule.meta.category.value)
    assert all(len(found) == 1 for found in categories.values()), dict(categories)
    folders_per_category: dict[str, list[str]] = defaultdict(list)
    for folder, found in categories.items():
        folders_per_category[found.pop()].append(folder)
    assert all(len(folders) == 1 for folders in folders_per_category.values()), dict(
        folders_per_category
    )
