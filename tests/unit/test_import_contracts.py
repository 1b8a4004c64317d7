"""The layers stated in pyproject.toml hold: import-linter checks every import, lazy ones too."""

from __future__ import annotations

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def contracts() -> list[dict]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_no_module_imports_a_higher_layer(tmp_path: Path) -> None:
    assert lint_imports(config_filename=str(PYPROJECT), cache_dir=str(tmp_path)) == 0


def test_the_contracts_allow_no_exception() -> None:
    assert contracts(), "no import contract declared"
    for contract in contracts():
        assert not contract.get("ignore_imports"), contract["name"]


def test_every_module_sits_in_a_layer() -> None:
    layers = next(c for c in contracts() if c["type"] == "layers")
    assert layers["exhaustive"] is True
    placed = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    package = PYPROJECT.parent / "src" / "prodready"
    children = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    children |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    assert placed == children
