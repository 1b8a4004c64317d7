"""Import layers keep the data flow one way: a module may import its own layer or lower ones only.

cli > audit > report > scoring > rules > engine > graph > scanners > models
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "prodready"

# (module prefix, layer): the longest matching prefix decides
LAYERS: list[tuple[str, int]] = [
    ("prodready", 0),
    ("prodready.models", 0),
    ("prodready.errors", 0),
    ("prodready.validation", 0),
    ("prodready.config", 1),  # settings read through the scanners' one YAML loader
    ("prodready.inputs", 1),
    ("prodready.resources", 0),
    ("prodready.checklist.model", 0),
    ("prodready.scanners", 1),
    ("prodready.contracts", 1),
    ("prodready.graph", 2),
    ("prodready.engine", 3),
    ("prodready.checklist", 4),
    ("prodready.rules", 4),
    ("prodready.profiles", 5),
    ("prodready.scoring", 5),
    ("prodready.aspects", 5),
    ("prodready.maturity", 5),
    ("prodready.compare", 5),
    ("prodready.gate", 5),
    ("prodready.report", 6),
    ("prodready.trend", 7),
    ("prodready.audit", 7),
    ("prodready.memo", 7),
    ("prodready.cli", 8),
    ("prodready.__main__", 8),
]


def layer_of(module: str) -> int:
    matches = [
        (prefix, layer)
        for prefix, layer in LAYERS
        if module == prefix or module.startswith(prefix + ".")
    ]
    return max(matches, key=lambda item: len(item[0]))[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_a_higher_layer() -> None:
    violations = []
    for path in sorted(SRC.rglob("*.py")):
        module = module_name(path)
        own = layer_of(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if (
                    target.startswith("prodready")
                    and target != "prodready"
                    and layer_of(target) > own
                ):
                    violations.append(
                        f"{module} (layer {own}) imports {target} (layer {layer_of(target)})"
                    )
    assert not violations, "\n".join(violations)
