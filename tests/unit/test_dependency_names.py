"""Import names, declarations and what ARCH-007/008 say, on hand-made repositories."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

from prodready.graph import build_graph
from prodready.graph.dependencies import undeclared_imports, unused_declarations
from prodready.graph.magics import written_modules
from prodready.graph.names import (
    distributions_of,
    import_names,
    is_python2_stdlib,
    is_stdlib,
    package_key,
    primary_import,
)
from prodready.scanners import collect
from prodready.scanners.configs.installs import install_names
from prodready.scanners.facts import MagicFact, NotebookFacts, Scope
from prodready.scanners.queries import normalize_dist


def _repo(root: Path, tree: dict[str, str]):  # type: ignore[no-untyped-def]
    for path, text in tree.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return collect(root)


def test_the_mapping_is_data_keyed_by_normalized_distribution_names() -> None:
    text = files("prodready.graph").joinpath("data", "import_names.toml").read_text("utf-8")
    table = tomllib.loads(text)["provides"]
    assert all(name == normalize_dist(name) for name in table)
    assert list(table) == sorted(table)
    assert "pil" in import_names("Pillow") and "cv2" in import_names("opencv-python-headless")
    assert "mpl_toolkits.mplot3d" in import_names("matplotlib")
    assert import_names("PyYAML")[0] == "yaml" and primary_import("scikit-learn") == "sklearn"
    assert primary_import("matplotlib") == "matplotlib"  # several names: its own is the one
    assert distributions_of("PIL") == ("pillow", "pillow-simd")
    assert distributions_of("numpy") == ()


def test_standard_library_does_not_depend_on_the_running_python() -> None:
    # distutils and imp left in 3.12, tomllib came in 3.11, annotationlib in 3.14
    assert all(is_stdlib(name) for name in ("distutils.core", "imp", "tomllib", "annotationlib"))
    assert is_python2_stdlib("SocketServer") and is_python2_stdlib("urllib2")
    assert not is_stdlib("numpy") and not is_python2_stdlib("numpy")


def test_dotted_names_below_a_namespace_are_their_own_package() -> None:
    declared = frozenset({"google.protobuf", "google", "mpl_toolkits.mplot3d", "mpl_toolkits"})
    assert package_key("google.protobuf.json_format", declared) == "google.protobuf"
    assert package_key("google.cloud.storage.blob", declared) == "google.cloud.storage"
    assert package_key("mpl_toolkits.mplot3d.axes3d", declared) == "mpl_toolkits.mplot3d"
    assert package_key("mpl_toolkits.basemap", declared) == "mpl_toolkits.basemap"


def test_install_lines_and_written_modules() -> None:
    assert list(install_names('RUN pip install --no-cache-dir -r req.txt "uvicorn[std]" x==1')) == [
        "uvicorn",
        "x",
    ]
    assert list(install_names("conda install -c conda-forge -y pytorch && pip install -e .")) == [
        "pytorch"
    ]
    assert list(install_names("pip install $PKG ./wheel.whl git+https://host/r.git")) == []
    notebook = NotebookFacts(magics=[MagicFact(line=1, text="%%writefile utils/helper.py")])
    assert written_modules(notebook) == {"helper"}


def test_scopes_of_groups_extras_and_build_requirements(tmp_path: Path) -> None:
    facts = _repo(
        tmp_path,
        {
            "pyproject.toml": '[build-system]\nrequires = ["setuptools", "cython"]\n\n'
            '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n'
            'numpy = "^1"\ntorch = {version = "^2", optional = true}\n\n'
            '[tool.poetry.group.dev.dependencies]\npytest = "^8"\n\n'
            '[tool.poetry.dev-dependencies]\nblack = "^24"\n',
            "dev-requirements.txt": "-e .\nmkdocs\n",
            ".github/workflows/ci.yml": "jobs:\n  t:\n    steps:\n      - run: pip install tf_keras\n",
        },
    )
    scopes = {(dep.name, dep.scope) for dep in facts.configs.declared}
    assert {
        ("numpy", Scope.RUNTIME),
        ("torch", Scope.EXTRA),
        ("pytest", Scope.OPTIONAL),
        ("black", Scope.OPTIONAL),  # the old dev-dependencies table beside a `dev` group
        ("cython", Scope.BUILD),
        ("mkdocs", Scope.OPTIONAL),
        ("tf-keras", Scope.OPTIONAL),
    } <= scopes


def test_a_manifest_entry_has_one_scope_for_every_reader(tmp_path: Path) -> None:
    facts = _repo(
        tmp_path,
        {
            "requirements.txt": "numpy>=1\n",
            "requirements-dev.txt": "pytest\n",
            "requirements.lock": "numpy==1.26.0\n",
            "environment-dev.yml": "name: dev\ndependencies:\n  - scipy\n",
            "pyproject.toml": '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\n'
            'torch = {version = "^2", optional = true}\n',
        },
    )
    listed = {(dep.name, dep.source, dep.scope) for dep in facts.configs.dependencies}
    assert listed == {
        ("numpy", "requirements.txt", Scope.RUNTIME),
        ("pytest", "requirements-dev.txt", Scope.OPTIONAL),
        ("numpy", "requirements.lock", Scope.LOCK),
        ("scipy", "environment-dev.yml", Scope.RUNTIME),  # a conda file is a whole environment
        ("torch", "pyproject.toml", Scope.EXTRA),
    }
    assert listed <= {(dep.name, dep.source, dep.scope) for dep in facts.configs.declared}
    assert [dep.conda for dep in facts.configs.declared if dep.name == "scipy"] == [True]


def test_the_distributions_the_repository_builds(tmp_path: Path) -> None:
    facts = _repo(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "Geo_Kit"\n',
            "tools/setup.py": "from setuptools import setup\n\nsetup(name=NAME, version='1')\n",
            "docs/setup.py": "print('not a setup() call')\n",
        },
    )
    assert [(d.name, d.root) for d in facts.configs.distributions] == [
        ("geo-kit", ""),
        (None, "tools"),
    ]


def test_what_the_package_needs_at_import_and_what_only_a_function_needs(tmp_path: Path) -> None:
    facts = _repo(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "geo"\ndependencies = ["numpy"]\n\n'
            '[project.optional-dependencies]\nviz = ["plotly"]\n',
            "geo/__init__.py": "from geo import core\n",
            "geo/core.py": "import numpy\nimport plotly\n",
            "geo/viz.py": "def show():\n    import seaborn\n",
        },
    )
    found = {item.package: item for item in undeclared_imports(build_graph(facts), facts)}
    assert set(found) == {"package:plotly", "package:seaborn"}
    assert found["package:plotly"].shipping and not found["package:plotly"].lazy
    assert found["package:seaborn"].lazy


def test_a_committed_pickle_keeps_its_library(tmp_path: Path) -> None:
    tree = {
        "requirements.txt": "joblib\nscikit-learn\nxgboost\n",
        "serve.py": "import joblib\n\nmodel = joblib.load('model.pkl')\n",
    }
    facts = _repo(tmp_path / "without", tree)
    assert {item.dist for item in unused_declarations(build_graph(facts), facts)} == {
        "scikit-learn",
        "xgboost",
    }
    (tmp_path / "with").mkdir()
    (tmp_path / "with" / "model.pkl").write_bytes(b"\x80\x04K\x01.")
    facts = _repo(tmp_path / "with", tree)
    assert unused_declarations(build_graph(facts), facts) == []
