"""What a rule sees: the repository's facts plus small shared queries over them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from prodready.models import ProjectInfo
from prodready.scanners.facts import CallFact, PythonFacts, RepoFacts

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py)$")
_TEST_DIR = re.compile(r"(^|/)(tests?|testing)/")
_NON_SOURCE_DIR = re.compile(r"(^|/)(docs?|examples?|\.github|bench|benchmarks?)/")
TRAINING_CALL_SUFFIXES = (".fit", ".fit_transform", ".train", ".fit_generator", ".partial_fit")
TRAINING_CALL_NAMES = frozenset({"xgboost.train", "lightgbm.train", "catboost.train"})


def is_test_path(path: str) -> bool:
    """Test modules and anything under a tests/ folder."""
    return bool(_TEST_FILE.search(path) or _TEST_DIR.search(path))


@dataclass
class RuleContext:
    facts: RepoFacts
    project: ProjectInfo
    options: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)

    def source_line(self, path: str, line: int | None) -> str | None:
        text = self.facts.texts.get(path)
        if text is None or line is None or PurePosixPath(path).suffix == ".ipynb":
            return None
        lines = text.splitlines()
        return lines[line - 1].strip() if 0 < line <= len(lines) else None

    @staticmethod
    def is_test_path(path: str) -> bool:
        return is_test_path(path)

    def is_source_path(self, path: str) -> bool:
        """Code that ships: not tests, docs or examples."""
        return not self.is_test_path(path) and not _NON_SOURCE_DIR.search(path)

    @cached_property
    def units(self) -> dict[str, PythonFacts]:
        """Parsed Python of modules and notebooks, by path; unparsable ones left out."""
        return {
            path: unit for path, unit in self.facts.code_units().items() if unit.parse_error is None
        }

    @cached_property
    def source_units(self) -> dict[str, PythonFacts]:
        return {path: unit for path, unit in self.units.items() if self.is_source_path(path)}

    @cached_property
    def training_units(self) -> dict[str, PythonFacts]:
        """Source units that fit a model: where seeds and hyperparameters matter."""
        return {
            path: unit
            for path, unit in self.source_units.items()
            if any(is_training_call(c) for c in unit.calls)
        }

    def location_note(self, path: str) -> str:
        return " (line numbers count the notebook's code cells)" if path.endswith(".ipynb") else ""


def is_training_call(call: CallFact) -> bool:
    return (
        call.name.endswith(TRAINING_CALL_SUFFIXES) and call.name not in ("self.fit", "super.fit")
    ) or call.name in TRAINING_CALL_NAMES


def imported_modules(unit: PythonFacts) -> set[str]:
    """Top-level and full module names a unit imports, including ``from x import y`` as ``x.y``."""
    modules: set[str] = set()
    for fact in unit.imports:
        if fact.level or not fact.module:
            continue
        modules.add(fact.module)
        modules.add(fact.module.split(".")[0])
        modules.update(f"{fact.module}.{name}" for name in fact.names if name != "*")
    return modules


# Packages whose ``seed``/``set_seed``/``seed_everything`` functions seed a global generator.
SEED_ROOTS = frozenset(
    {
        "random",
        "numpy",
        "torch",
        "tensorflow",
        "keras",
        "tf_keras",
        "lightning",
        "pytorch_lightning",
        "lightning_fabric",
        "transformers",
        "accelerate",
        "jax",
        "mxnet",
        "paddle",
        "cupy",
        "mlx",
    }
)
SEED_FUNCTIONS = frozenset({"seed", "set_seed", "set_random_seed", "seed_everything"})
# Any ``<generator>.manual_seed(n)``: torch's global seed or a seeded torch.Generator.
SEED_METHODS = frozenset({"manual_seed", "manual_seed_all"})
# Constructors of explicit generators: seeded when given a seed that is not literally None.
SEEDED_GENERATORS = frozenset(
    {
        "numpy.random.default_rng",
        "numpy.random.RandomState",
        "random.Random",
        "jax.random.PRNGKey",
        "jax.random.key",
    }
)
SEED_KWARGS = ("random_state", "seed", "random_seed")


def is_seed_call(call: CallFact) -> bool:
    """A call that seeds a generator with a value (an argument not literally None)."""
    parts = call.name.split(".")
    seeds = (
        call.name in SEEDED_GENERATORS
        or parts[-1] in SEED_METHODS
        or (parts[-1] in SEED_FUNCTIONS and parts[0] in SEED_ROOTS and len(parts) > 1)
    )
    return seeds and _has_seed_value(call)


def _has_seed_value(call: CallFact) -> bool:
    if call.star_args:
        return True
    if call.args:
        return call.args[0] != "None"
    return any(call.kwargs.get(key, "None") != "None" for key in SEED_KWARGS)


def seeding_calls(unit: PythonFacts) -> list[CallFact]:
    """Calls that seed a random generator with an explicit value."""
    return [call for call in unit.calls if is_seed_call(call)]
