"""The one way prodready's HTML documents load their Jinja templates: autoescaped, always."""

from __future__ import annotations

from typing import Any


def template_environment(package: str) -> Any:
    """A Jinja environment over ``<package>/templates`` that escapes every value by default:
    every document renders text from the audited repository."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
