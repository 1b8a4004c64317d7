"""Parse config files by format (TOML, YAML, JSON, INI, text), one loader per format for every reader.

Every YAML file in the repository is read through ``load_yaml_text``/``load_yaml_documents``
(JSON through ``load_json_text``, TOML through ``load_toml_text``), the bounded loaders of
``prodready.loaders``, so the same text means the same thing wherever it appears and no file
can make a reader hang or crash.
"""

from __future__ import annotations

import configparser
import re
import tomllib
from pathlib import PurePosixPath
from typing import Any

import yaml

from prodready.loaders import (
    InputLimitError,
    YamlLimitError,
    compose_yaml,
    load_json_text,
    load_toml_text,
    load_yaml_documents,
    load_yaml_text,
)
from prodready.scanners.configs.kinds import config_kind
from prodready.scanners.configs.shapes import shape_problem
from prodready.scanners.facts import ParsedConfig

_COMMENT_LINE = re.compile(r"^\s*//.*$", re.MULTILINE)
__all__ = [
    "InputLimitError",
    "YamlLimitError",
    "compose_yaml",
    "load_json_text",
    "load_toml_text",
    "load_yaml_documents",
    "load_yaml_text",
    "parse_one",
]

YAML_NAMES = frozenset({"MLproject", "dvc.lock", "conda-lock.yml", "pixi.lock"})
TOML_NAMES = frozenset({"Pipfile", "poetry.lock", "uv.lock", "pdm.lock"})


def parse_one(path: str, text: str) -> ParsedConfig | None:
    name = PurePosixPath(path).name
    suffix = PurePosixPath(name).suffix.lower()
    kind = config_kind(path, name)
    if "{{" in path:  # a templated file (cookiecutter, copier): not this format yet
        return ParsedConfig(path=path, kind=kind, data=None, error=None)
    if suffix == ".toml" or name in TOML_NAMES:
        return _parse_toml(path, kind, text)
    if suffix in (".yaml", ".yml", ".dvc") or name in YAML_NAMES:
        return _parse_yaml(path, kind, text)
    if suffix == ".json" or name == "Pipfile.lock":
        return _parse_json(path, kind, text)
    if suffix in (".cfg", ".ini") or name in (".flake8", ".pylintrc"):
        return _parse_ini(path, kind, text)
    return ParsedConfig(path=path, kind=kind, data=text)


def _parse_toml(path: str, kind: str, text: str) -> ParsedConfig:
    try:
        return _checked(path, kind, load_toml_text(text))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        return ParsedConfig(path=path, kind=kind, error=f"invalid TOML: {error}", error_line=line)
    except InputLimitError as error:
        return ParsedConfig(path=path, kind=kind, error=f"invalid TOML: {error}")


def _parse_yaml(path: str, kind: str, text: str) -> ParsedConfig:
    try:
        documents = load_yaml_documents(text)
    except YamlLimitError as error:
        return ParsedConfig(path=path, kind=kind, error=f"invalid YAML: {error}")
    except yaml.YAMLError as error:
        if "{{" in text or "{%" in text:  # a template (Helm, Jinja, cookiecutter), not YAML yet
            return ParsedConfig(path=path, kind=kind, data=None, error=None)
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return ParsedConfig(path=path, kind=kind, error=f"invalid YAML: {problem}", error_line=line)
    data = documents[0] if len(documents) == 1 else (documents or None)
    return _checked(path, kind, data)


def _parse_json(path: str, kind: str, text: str) -> ParsedConfig:
    import json

    try:
        return _checked(path, kind, load_json_text(text))
    except json.JSONDecodeError as error:
        if _COMMENT_LINE.search(
            text
        ):  # JSON with comments (VS Code, tsconfig, asv): its own format
            try:
                return ParsedConfig(
                    path=path, kind=kind, data=load_json_text(_COMMENT_LINE.sub("", text))
                )
            except json.JSONDecodeError:  # end-of-line comments, trailing commas: JSONC, unread
                return ParsedConfig(path=path, kind=kind, data=None, error=None)
        return ParsedConfig(
            path=path, kind=kind, error=f"invalid JSON: {error.msg}", error_line=error.lineno
        )
    except InputLimitError as error:
        return ParsedConfig(path=path, kind=kind, error=f"invalid JSON: {error}")


def _checked(path: str, kind: str, data: Any) -> ParsedConfig:
    """Parsed data of the wrong shape for its kind (``repos: 5``) is a malformed file, which
    no reader sees: every reader may then trust the types its format defines."""
    problem = shape_problem(kind, data)
    if problem is not None:
        return ParsedConfig(path=path, kind=kind, error=f"unexpected content: {problem}")
    return ParsedConfig(path=path, kind=kind, data=data)


def _parse_ini(path: str, kind: str, text: str) -> ParsedConfig:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        first = str(error).splitlines()[0]
        return ParsedConfig(
            path=path,
            kind=kind,
            error=f"invalid INI: {first}",
            error_line=getattr(error, "lineno", None),
        )
    data = {section: dict(parser[section]) for section in parser.sections()}
    return ParsedConfig(path=path, kind=kind, data=data)
