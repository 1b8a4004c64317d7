"""Shared, pure queries over facts: what is a test, training or seeding call, a non-source path.

They sit with the facts (below the engine) so scanners, the graph and the
rules all give the same answer.
"""

from __future__ import annotations

import re

from prodready.scanners.facts import CallFact, PythonFacts
from prodready.scanners.randomness import (
    SEED_KWARGS,  # noqa: F401 (re-exported)
    global_seeds,
    seeds_explicit_generator,
)

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py)$")
_TEST_DIR = re.compile(r"(^|/)([\w.-]*_)?(tests?|testing)/")  # tests/, integration_tests/
# Docs, examples, tutorials, guides, demos and benchmarks: code that teaches or measures,
# not code that ships.
_NON_SOURCE_DIR = re.compile(
    r"(^|/)(docs?|examples?|tutorials?|guides?|demos?|\.github|bench|benchmarks?)/", re.IGNORECASE
)
TRAINING_CALL_SUFFIXES = (".fit", ".fit_transform", ".train", ".fit_generator", ".partial_fit")
TRAINING_CALL_NAMES = frozenset({"xgboost.train", "lightgbm.train", "catboost.train"})


def is_test_path(path: str) -> bool:
    """Test modules and anything under a tests/ folder."""
    return bool(_TEST_FILE.search(path) or _TEST_DIR.search(path))


def is_source_path(path: str) -> bool:
    """Code that ships: not tests, docs, examples or benchmarks."""
    return not is_test_path(path) and not _NON_SOURCE_DIR.search(path)


def normalize_dist(name: str) -> str:
    """PEP 503 normalization: case-insensitive, runs of ``-``, ``_``, ``.`` are one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def is_training_call(call: CallFact) -> bool:
    """A fit/train call of any kind, deterministic or not: what makes code "train"."""
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


def is_seed_call(call: CallFact) -> bool:
    """A call that seeds a generator with a value: a global one or an explicit generator."""
    return bool(global_seeds(call)) or seeds_explicit_generator(call)


def is_global_seed_call(call: CallFact) -> bool:
    """A call that seeds a global generator, so later draws from it are reproducible.

    ``np.random.default_rng(42)`` is not one: it seeds only the generator it returns.
    """
    return bool(global_seeds(call))


def seeding_calls(unit: PythonFacts) -> list[CallFact]:
    """Calls that seed a random generator with an explicit value."""
    return [call for call in unit.calls if is_seed_call(call)]
