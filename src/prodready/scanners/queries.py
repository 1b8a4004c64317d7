"""Shared, pure queries over facts: what is a test, training or seeding call, a non-source path.

They sit with the facts (below the engine) so scanners, the graph and the
rules all give the same answer.
"""

from __future__ import annotations

import re

from prodready.scanners.facts import CallFact, PythonFacts

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py)$")
_TEST_DIR = re.compile(r"(^|/)(tests?|testing)/")
_NON_SOURCE_DIR = re.compile(r"(^|/)(docs?|examples?|\.github|bench|benchmarks?)/", re.IGNORECASE)
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
