"""Parse config files by format (TOML, YAML, JSON, INI, text), one loader per format for every reader.

Every YAML file in the repository is read through ``load_yaml_text``/``load_yaml_documents``,
so the same text means the same thing wherever it appears.
"""

from __future__ import annotations

import configparser
import re
import tomllib
from pathlib import PurePosixPath
from typing import Any

import yaml

from prodready.scanners.configs.kinds import config_kind
from prodready.scanners.facts import ParsedConfig

_COMMENT_LINE = re.compile(r"^\s*//.*$", re.MULTILINE)
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
        return ParsedConfig(path=path, kind=kind, data=tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        return ParsedConfig(path=path, kind=kind, error=f"invalid TOML: {error}", error_line=line)


def _parse_yaml(path: str, kind: str, text: str) -> ParsedConfig:
    try:
        documents = load_yaml_documents(text)
    except yaml.YAMLError as error:
        if "{{" in text or "{%" in text:  # a template (Helm, Jinja, cookiecutter), not YAML yet
            return ParsedConfig(path=path, kind=kind, data=None, error=None)
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return ParsedConfig(path=path, kind=kind, error=f"invalid YAML: {problem}", error_line=line)
    data = documents[0] if len(documents) == 1 else (documents or None)
    return ParsedConfig(path=path, kind=kind, data=data)


def _parse_json(path: str, kind: str, text: str) -> ParsedConfig:
    import json

    try:
        return ParsedConfig(path=path, kind=kind, data=json.loads(text))
    except json.JSONDecodeError as error:
        if _COMMENT_LINE.search(text):  # JSON with comments (VS Code, tsconfig, asv): its own format
            try:
                return ParsedConfig(
                    path=path, kind=kind, data=json.loads(_COMMENT_LINE.sub("", text))
                )
            except json.JSONDecodeError:  # end-of-line comments, trailing commas: JSONC, unread
                return ParsedConfig(path=path, kind=kind, data=None, error=None)
        return ParsedConfig(
            path=path, kind=kind, error=f"invalid JSON: {error.msg}", error_line=error.lineno
        )


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


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings, as JSON Schemas of YAML formats expect."""


def _custom_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """Application tags (CloudFormation !Ref, mkdocs !!python/name) are valid YAML: keep the data."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_NoDatesLoader.add_multi_constructor("!", _custom_tag)
_NoDatesLoader.add_multi_constructor("tag:yaml.org,2002:python/", _custom_tag)
_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_text(text: str) -> Any:
    """YAML without date conversion; shared by every scanner that reads YAML."""
    return yaml.load(text, Loader=_NoDatesLoader)


def load_yaml_documents(text: str) -> list[Any]:
    """Every non-empty document of a YAML stream, through the same loader."""
    return [doc for doc in yaml.load_all(text, Loader=_NoDatesLoader) if doc is not None]
