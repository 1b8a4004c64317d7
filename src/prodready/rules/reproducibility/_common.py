"""Helpers shared by the reproducibility rules: ML library calls, module names, parse gaps."""

from __future__ import annotations

from pathlib import PurePosixPath

from prodready.scanners.facts import ImportFact, PythonFacts

# Top-level packages whose estimators, trainers and optimizers take hyperparameters and seeds.
ML_ROOTS = frozenset({"sklearn", "xgboost", "lightgbm", "catboost"})
ML_PREFIXES = (
    "torch.optim.",
    "keras.",
    "tensorflow.keras.",
    "tf_keras.",
    "lightning.Trainer",
    "lightning.pytorch.Trainer",
    "pytorch_lightning.Trainer",
)


def is_ml_library_call(name: str) -> bool:
    """A callee the import aliases prove to be an ML library's class or function."""
    if name.split(".", 1)[0] in ML_ROOTS:
        return True
    if name.startswith(ML_PREFIXES):
        return True
    return name.startswith("transformers.") and name.endswith("TrainingArguments")


def display_name(name: str) -> str:
    """A callee for messages: ``?.fit`` (a method on a computed object) reads as ``fit``."""
    return name.replace("?.", "")


def module_names(path: str) -> set[str]:
    """Dotted names a repo module can be imported as: every tail of its path (``src/`` layouts)."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return {".".join(parts[start:]) for start in range(len(parts))} - {""}


def resolve_relative(importer: str, fact: ImportFact) -> str:
    """The repo path prefix (no suffix) a relative import in ``importer`` points at."""
    base = PurePosixPath(importer).parent
    for _ in range(fact.level - 1):
        base = base.parent
    target = base.joinpath(*fact.module.split(".")) if fact.module else base
    return target.as_posix().removeprefix("./")


def imports_module(importer: str, unit: PythonFacts, target: str) -> bool:
    """Whether ``unit`` (at path ``importer``) imports the repo module at path ``target``."""
    names = module_names(target)
    stem = PurePosixPath(target).with_suffix("").as_posix().removesuffix("/__init__")
    for fact in unit.imports:
        if fact.level:
            prefix = resolve_relative(importer, fact)
            candidates = {prefix, *(f"{prefix}/{name}" for name in fact.names)}
            if stem in candidates:
                return True
        elif fact.module in names or any(f"{fact.module}.{n}" in names for n in fact.names):
            return True
    return False
