"""Discover rules: built-in Python rules, declarative YAML rules, and plugins by entry point.

Discovery is explicit (walk the packages, read the YAML folder, load entry
points), not a side effect of importing. A broken plugin or rule file is
reported as an engine error and the rest still run.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from prodready.engine.declarative import load_declarative
from prodready.engine.rule import Rule
from prodready.models import EngineError

ENTRY_POINT_GROUP = "prodready.rules"


@dataclass
class Catalog:
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    errors: list[EngineError] = field(default_factory=list)

    def add(self, rule: type[Rule], source: str) -> None:
        rule_id = rule.meta.id
        if rule_id in self.rules:
            self.errors.append(
                EngineError(source=source, message=f"duplicate rule id {rule_id}; kept the first")
            )
            return
        self.rules[rule_id] = rule

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[rule_id] for rule_id in sorted(self.rules)]


def discover(rules_dirs: list[Path] | None = None, plugins: bool = True) -> Catalog:
    from prodready.resources import data_dir

    catalog = Catalog()
    _builtin(catalog)
    for directory in rules_dirs if rules_dirs is not None else [data_dir("rules")]:
        _declarative(catalog, directory)
    if plugins:
        _plugins(catalog)
    return catalog


def _rule_classes(module: object) -> list[type[Rule]]:
    return [
        value
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, Rule)
        and value is not Rule
        and "meta" in value.__dict__
        and value.__module__ == getattr(module, "__name__", None)
    ]


def _builtin(catalog: Catalog) -> None:
    package = importlib.import_module("prodready.rules")
    for info in pkgutil.walk_packages(package.__path__, prefix="prodready.rules."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for rule in _rule_classes(module):
            catalog.add(rule, info.name)


def _declarative(catalog: Catalog, directory: Path) -> None:
    for path in sorted(directory.rglob("*.yaml")):
        try:
            catalog.add(load_declarative(path), path.name)
        except ValueError as error:
            catalog.errors.append(EngineError(source=path.name, message=str(error)))


def _plugins(catalog: Catalog) -> None:
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        source = f"plugin {entry.name} ({entry.value})"
        try:
            loaded = entry.load()
        except Exception as error:  # a broken plugin must not take the audit down
            catalog.errors.append(EngineError(source=source, message=f"failed to load: {error}"))
            continue
        rules = (
            [loaded]
            if inspect.isclass(loaded)
            else _rule_classes(loaded)
            if inspect.ismodule(loaded)
            else list(loaded)
        )
        for rule in rules:
            if inspect.isclass(rule) and issubclass(rule, Rule) and hasattr(rule, "meta"):
                catalog.add(rule, source)
            else:
                catalog.errors.append(
                    EngineError(source=source, message=f"{rule!r} is not a prodready Rule")
                )
