"""Where each import statement sits: whether it runs, unconditionally, when its module is imported.

Read from the tree's enclosing statements, so it holds for modules and for a
notebook's code alike: an import under ``if TYPE_CHECKING`` never runs; one in
a ``try`` whose handler catches ``ImportError`` (or in that handler, the
fallback) is optional; one under ``if``/``for``/``while``/``match`` is
conditional, unless its test asks whether a package is installed (``if
find_spec("x"):``, ``if _X_AVAILABLE:``), which is optional like ``try``; one
inside a function runs only when the function is called.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from prodready.scanners.facts import ImportGuard

# An import failing inside one of these is caught: `except Exception:` catches ImportError too.
_CATCHES_IMPORT_ERROR = frozenset(
    {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
)
# Names that ask whether a package can be imported.
_AVAILABILITY = re.compile(
    r"^(find_spec|find_loader|importorskip|modules)$|available|installed|^_?has_[a-z0-9]", re.I
)
# When two guards nest, the one that says most about whether the import runs wins.
_STRENGTH = (ImportGuard.TYPE_CHECKING, ImportGuard.TRY, ImportGuard.CONDITIONAL, ImportGuard.LAZY)


def import_guards(tree: ast.Module) -> dict[int, ImportGuard]:
    """``id(import node)`` -> its strongest guard; imports that run unconditionally are absent."""
    found: dict[int, ImportGuard] = {}
    _walk(tree.body, None, found)
    return found


def _walk(
    body: Iterable[ast.stmt], guard: ImportGuard | None, found: dict[int, ImportGuard]
) -> None:
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            if guard is not None:
                found[id(node)] = guard
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            _walk(node.body, _stronger(guard, ImportGuard.LAZY), found)
        elif isinstance(node, ast.ClassDef):
            _walk(node.body, guard, found)
        elif isinstance(node, ast.Try | ast.TryStar):
            optional = _stronger(guard, ImportGuard.TRY) if _catches(node.handlers) else guard
            _walk(node.body, optional, found)
            for handler in node.handlers:
                _walk(handler.body, optional if optional != guard else _conditional(guard), found)
            _walk(node.orelse, guard, found)
            _walk(node.finalbody, guard, found)
        elif isinstance(node, ast.If):
            if _is_type_checking(node.test):
                _walk(node.body, ImportGuard.TYPE_CHECKING, found)
            elif _checks_availability(node.test):
                _walk(node.body, _stronger(guard, ImportGuard.TRY), found)
            else:
                _walk(node.body, _conditional(guard), found)
            _walk(node.orelse, _conditional(guard), found)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.While):
            _walk(node.body, _conditional(guard), found)
            _walk(node.orelse, _conditional(guard), found)
        elif isinstance(node, ast.With | ast.AsyncWith):
            suppressed = any(_suppresses_import_error(item.context_expr) for item in node.items)
            _walk(node.body, _stronger(guard, ImportGuard.TRY) if suppressed else guard, found)
        elif isinstance(node, ast.Match):
            for case in node.cases:
                _walk(case.body, _conditional(guard), found)


def _conditional(guard: ImportGuard | None) -> ImportGuard:
    return _stronger(guard, ImportGuard.CONDITIONAL)


def _stronger(current: ImportGuard | None, new: ImportGuard) -> ImportGuard:
    if current is None:
        return new
    return min(current, new, key=_STRENGTH.index)


def _catches(handlers: list[ast.ExceptHandler]) -> bool:
    return any(handler.type is None or _names_import_error(handler.type) for handler in handlers)


def _names_import_error(node: ast.expr) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_names_import_error(item) for item in node.elts)
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
    return name in _CATCHES_IMPORT_ERROR


def _suppresses_import_error(node: ast.expr) -> bool:
    """``with contextlib.suppress(ImportError):``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name == "suppress" and any(_names_import_error(arg) for arg in node.args)


def _checks_availability(test: ast.expr) -> bool:
    """``if find_spec("wandb"):``, ``if _TORCH_AVAILABLE:``, ``if "torch" in sys.modules:``:
    the body runs only when the package is installed, as under ``try``."""
    for node in ast.walk(test):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(name, str) and _AVAILABILITY.search(name):
            return True
    return False


def _is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` or ``if typing.TYPE_CHECKING:``."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
