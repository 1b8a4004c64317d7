"""Distribution names versus import names, and which imports are the standard library.

``pip install scikit-learn`` is ``import sklearn``: without this mapping every
such package would show up both as undeclared and as never imported.
"""

from __future__ import annotations

import sys

from prodready.scanners.queries import normalize_dist

# Distributions whose import name differs from the normalized distribution name.
KNOWN_IMPORT_NAMES: dict[str, tuple[str, ...]] = {
    "scikit-learn": ("sklearn",),
    "scikit-image": ("skimage",),
    "pyyaml": ("yaml",),
    "ruamel-yaml": ("ruamel",),
    "pillow": ("PIL",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "opencv-contrib-python": ("cv2",),
    "opencv-contrib-python-headless": ("cv2",),
    "beautifulsoup4": ("bs4",),
    "python-dateutil": ("dateutil",),
    "python-dotenv": ("dotenv",),
    "python-multipart": ("multipart", "python_multipart"),
    "python-json-logger": ("pythonjsonlogger",),
    "pyjwt": ("jwt",),
    "attrs": ("attr", "attrs"),
    "protobuf": ("google.protobuf",),
    "grpcio": ("grpc",),
    "gitpython": ("git",),
    "pyopenssl": ("OpenSSL",),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "pyserial": ("serial",),
    "pyzmq": ("zmq",),
    "pymupdf": ("fitz", "pymupdf"),
    "psycopg2-binary": ("psycopg2",),
    "psycopg-binary": ("psycopg",),
    "mysqlclient": ("MySQLdb",),
    "faiss-cpu": ("faiss",),
    "faiss-gpu": ("faiss",),
    "tensorflow-cpu": ("tensorflow",),
    "tensorflow-gpu": ("tensorflow",),
    "tensorflow-macos": ("tensorflow",),
    "tf-nightly": ("tensorflow",),
    "pytorch": ("torch",),  # the conda name
    "py-xgboost": ("xgboost",),  # the conda name
    "mlflow-skinny": ("mlflow",),
    "msgpack-python": ("msgpack",),
    "absl-py": ("absl",),
    "umap-learn": ("umap",),
    "google-api-python-client": ("googleapiclient",),
    "lightning": ("lightning", "pytorch_lightning"),
    "setuptools": ("setuptools", "pkg_resources"),
    "pywin32": ("win32api", "win32con", "pywintypes"),
    "ipython": ("IPython",),
    "imbalanced-learn": ("imblearn",),
    "scikit-optimize": ("skopt",),
    "optuna-integration": ("optuna_integration", "optuna.integration"),
}
# Top-level names shared by many distributions: the package is the first two (or three) parts.
NAMESPACE_TOPS: dict[str, int] = {"google": 3, "azure": 3, "jaraco": 2, "backports": 2, "zope": 2}
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__", "__main__"}


def is_stdlib(module: str) -> bool:
    return module.split(".")[0] in STDLIB


def import_names(dist: str) -> tuple[str, ...]:
    """Import names a distribution most likely provides, lowercased."""
    norm = normalize_dist(dist)
    names = [name.lower() for name in KNOWN_IMPORT_NAMES.get(norm, ())]
    plain = [norm.replace("-", "_"), norm.replace("-", ".")]
    names += plain[::-1] if norm.split("-")[0] in NAMESPACE_TOPS else plain
    for prefix in ("python-", "py-"):
        if norm.startswith(prefix):
            names.append(norm.removeprefix(prefix).replace("-", "_"))
    return tuple(dict.fromkeys(names))


def package_key(module: str, declared_keys: frozenset[str] = frozenset()) -> str:
    """The third-party node an import belongs to: its top-level name, or more for namespaces."""
    parts = module.split(".")
    depth = NAMESPACE_TOPS.get(parts[0])
    if depth is None:
        return parts[0]
    for size in range(min(depth, len(parts)), 1, -1):
        candidate = ".".join(parts[:size])
        if candidate.lower() in declared_keys:
            return candidate
    return ".".join(parts[:2])


def provides(dist: str, key: str) -> bool:
    """Whether ``dist`` plausibly provides the import-name ``key`` (case-insensitive)."""
    key = key.lower()
    return any(key == name or key.startswith(name + ".") for name in import_names(dist))
