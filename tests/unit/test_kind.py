"""Project kind from weighed evidence: the patterns seen on real repositories, as small trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.engine.kind import detect_kind, lesson_folders
from prodready.models import ProjectKind
from prodready.scanners import ScanOptions, collect

TRAIN = "from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier().fit(X, y)\n"
SERVE = (
    "from fastapi import FastAPI\nimport joblib\napp = FastAPI()\nmodel = joblib.load('m.pkl')\n"
)
PYPROJECT = '[project]\nname = "lib"\nversion = "1.0"\n'
NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def kind_of(root: Path, files: dict[str, str]):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return detect_kind(collect(root, ScanOptions(use_cache=False)))


CASES = {
    "library whose examples and benchmarks train": (
        {
            "pyproject.toml": PYPROJECT,
            "lib/__init__.py": "",
            "lib/core.py": "def fit(self, X):\n    return self.model.fit(X)\n",
            "examples/serve.py": SERVE,
            "benchmarks/bench.py": TRAIN,
            "docs/tutorial.ipynb": NOTEBOOK,
        },
        ProjectKind.LIBRARY,
    ),
    "library packaged one folder down": (
        {
            "python/setup.py": "from setuptools import setup\nsetup(name='dgl')\n",
            "python/dgl/__init__.py": "",
            "python/dgl/nn.py": TRAIN,
            "python/dgl/optim.py": TRAIN,
        },
        ProjectKind.LIBRARY,
    ),
    "a DVC pipeline": (
        {"dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n", "train.py": TRAIN},
        ProjectKind.TRAINING,
    ),
    "research training scripts": ({"train.py": TRAIN, "model.py": "x = 1\n"}, ProjectKind.TRAINING),
    "a model service with its training code": (
        {"app.py": SERVE, "train.py": TRAIN, "pyproject.toml": PYPROJECT},
        ProjectKind.MODEL_SERVICE,
    ),
    "a notebook book": (
        {f"notebooks/0{i}.ipynb": NOTEBOOK for i in range(5)} | {"helpers.py": TRAIN},
        ProjectKind.NOTEBOOKS,
    ),
    "a course of numbered lessons whose exercises serve and train": (
        {
            "01-intro/notes.ipynb": NOTEBOOK,
            "02-tracking/train.py": TRAIN,
            "03-deploy/predict.py": SERVE,
            "04-monitoring/train.py": TRAIN,
        },
        ProjectKind.NOTEBOOKS,
    ),
    "a cookiecutter": (
        {"cookiecutter.json": "{}", "{{cookiecutter.name}}/train.py": TRAIN},
        ProjectKind.TEMPLATE,
    ),
    "a GitHub template repo with a full training project": (
        {
            "README.md": "# Lightning Template\n\nClick Use this template to start.\n",
            "setup.py": "from setuptools import setup\nsetup(name='src')\n",
            "src/__init__.py": "",
            "src/train.py": TRAIN,
            "dvc.yaml": "stages: {}\n",
        },
        ProjectKind.TEMPLATE,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_kind_from_weighed_evidence(tmp_path: Path, case: str) -> None:
    files, expected = CASES[case]
    project = kind_of(tmp_path, files)
    assert project.kind == expected, project.reason
    assert project.evidence and project.evidence[0].weight >= project.evidence[-1].weight


def test_a_readme_that_describes_itself_as_a_template_is_not_enough(tmp_path: Path) -> None:
    project = kind_of(
        tmp_path,
        {
            "README.md": "# MLOps with Azure\n\nThis template contains code for a project.\n",
            "score.py": "def init():\n    pass\n\n\ndef run(data):\n    return data\n",
        },
    )
    assert project.kind == ProjectKind.MODEL_SERVICE


def test_thin_evidence_is_unknown_not_a_guess(tmp_path: Path) -> None:
    project = kind_of(
        tmp_path, {"README.md": "# notes\n", ".gitlab-ci.yml": "x:\n  script: [ls]\n"}
    )
    assert project.kind == ProjectKind.UNKNOWN
    assert "too little evidence" in project.reason


def test_runner_up_is_stated(tmp_path: Path) -> None:
    project = kind_of(tmp_path, {"app.py": SERVE, "train.py": TRAIN})
    assert project.kind == ProjectKind.MODEL_SERVICE
    assert project.runner_up == ProjectKind.TRAINING


def test_lesson_folders_need_three_numbered_siblings(tmp_path: Path) -> None:
    for name in ("01-a/x.py", "02-b/x.py", "src/1_c/x.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert lesson_folders(collect(tmp_path, ScanOptions(use_cache=False))) == ()
