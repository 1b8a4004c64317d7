"""The keywords of each ``setup.py``'s ``setup()`` call, read from the source and never run."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import PythonFacts

SetupCalls = dict[str, list[tuple[str, Any]]]  # setup.py path -> its setup() keywords


def setup_calls(texts: dict[str, str], python: dict[str, PythonFacts]) -> SetupCalls:
    """Every ``setup.py``, wherever it sits, parsed once for each reader."""
    return {
        path: list(setup_keywords(texts[path]))
        for path in sorted(python)
        if PurePosixPath(path).name == "setup.py" and path in texts
    }


def setup_keywords(text: str) -> Iterator[tuple[str, Any]]:
    """``setup()`` keywords whose value is a literal, or a module-level name bound to one
    (None when it is computed)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    bound: dict[str, Any] = {}
    for node in tree.body:  # module-level `install_requires = [...]`
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                bound[target.id] = _literal(node.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node.func) == "setup":
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg:
                    literal = (
                        bound.get(value.id) if isinstance(value, ast.Name) else _literal(value)
                    )
                    yield keyword.arg, literal


def _literal(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _callee(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None
