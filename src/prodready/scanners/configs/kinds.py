"""What a config file is, from its path: the vocabulary every config reader keys on."""

from __future__ import annotations

from pathlib import PurePosixPath

from prodready.scanners.configs.ci_files import ci_system_of

LOCK_NAMES = frozenset(
    {"poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "pixi.lock", "conda-lock.yml"}
)


def config_kind(path: str, name: str) -> str:
    system = ci_system_of(path)
    if system:
        return f"ci:{system}"
    if name.startswith("requirements") or (
        "/requirements/" in f"/{path}" and name.endswith((".txt", ".in"))
    ):
        return "requirements"
    if name.startswith("Dockerfile"):
        return "dockerfile"
    if name.endswith(".dvc"):
        return "dvc-file"
    if name in ("environment.yml", "environment.yaml"):
        return "conda-env"
    known = {
        "pyproject.toml": "pyproject",
        "setup.cfg": "setup.cfg",
        "tox.ini": "tox",
        "dvc.yaml": "dvc",
        "dvc.lock": "dvc-lock",
        "params.yaml": "params",
        "MLproject": "mlproject",
        ".pre-commit-config.yaml": "pre-commit",
        ".gitattributes": "gitattributes",
        "Makefile": "makefile",
        "makefile": "makefile",
        "GNUmakefile": "makefile",
        "CODEOWNERS": "codeowners",
        "Pipfile": "pipfile",
        "prodready.yaml": "checklist",
    }
    if name in known:
        return known[name]
    if name in LOCK_NAMES:
        return "lock"
    return PurePosixPath(name).suffix.lstrip(".").lower() or "text"
