"""Helpers shared by the testing rules: which test modules hold tests."""

from __future__ import annotations

from prodready.engine.context import RuleContext


def modules_with_tests(ctx: RuleContext) -> dict[str, int]:
    """Test-path Python modules with at least one test, and how many test functions each has.

    pytest collects ``test*`` functions and methods; unittest runs ``test*`` methods of
    ``TestCase`` subclasses, which the same name rule finds. Helpers and conftest.py
    without tests are left out.
    """
    found = {}
    for path, unit in ctx.units.items():
        if not path.endswith(".py") or not ctx.is_test_path(path):
            continue
        count = sum(function.name.startswith("test") for function in unit.functions)
        if count:
            found[path] = count
    return found


def unparsable_tests(ctx: RuleContext) -> list[str]:
    return sorted(
        path
        for path, unit in ctx.facts.python.items()
        if unit.parse_error is not None and ctx.is_test_path(path)
    )
