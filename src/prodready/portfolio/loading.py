"""Find and read audit reports: a folder (searched recursively), a glob, a file, or an fsspec URL.

Reports come from many pipelines and many prodready versions. A report of the same schema
major version is read whatever its minor (fields a newer one added are ignored, and a note
says so); another major is refused with a line naming the file, since its fields may mean
something else. A JSON file found in a folder that is not an audit report (a portfolio, a
trend, SARIF) is skipped with a note; one named explicitly is refused. Every file is bounded
in size and read with the bounded JSON loader, since a report may be uploaded by anyone.
"""

from __future__ import annotations

import glob as globbing
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from prodready.errors import ProdreadyError
from prodready.loaders import InputLimitError, load_json_text
from prodready.models import SCHEMA_VERSION
from prodready.portfolio.model import NO_OWNER, PORTFOLIO_DOCUMENT, ReportView
from prodready.portfolio.storage import is_url, open_filesystem

MAX_REPORT_BYTES = 64_000_000
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Report:
    source: str
    view: ReportView
    maturity: str | None

    def teams(self) -> tuple[list[str], str]:
        """The owning teams and where they come from: CODEOWNERS, else the checklist."""
        if self.view.repo.codeowners:
            return list(self.view.repo.codeowners), "codeowners"
        if self.view.checklist and self.view.checklist.owners:
            return list(self.view.checklist.owners), "checklist"
        return [NO_OWNER], "none"


@dataclass(frozen=True)
class Loaded:
    reports: list[Report]
    notes: list[str]


def load_reports(locations: list[str]) -> Loaded:
    """Every report under the given locations, in a stable order (by source name)."""
    reports: list[Report] = []
    notes: list[str] = []
    seen: set[str] = set()
    for location in locations:
        for source, explicit, read in _files(location):
            if source in seen:
                continue
            seen.add(source)
            report = _parse(source, read(), explicit, notes)
            if report is not None:
                reports.append(report)
    reports.sort(key=lambda report: report.source)
    return Loaded(reports, notes)


# ----------------------------------------------------------------------------- finding files


def _files(location: str) -> list[tuple[str, bool, Any]]:
    """(label, named explicitly, reader) for every JSON file the location stands for."""
    if is_url(location):
        return _remote_files(location)
    path = Path(location)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.json") if p.is_file())
        return [(p.as_posix(), False, _local_reader(p)) for p in found]
    if _GLOB_CHARS & set(location):
        found = sorted(Path(p) for p in globbing.glob(location, recursive=True))
        return [(p.as_posix(), False, _local_reader(p)) for p in found if p.is_file()]
    if path.is_file():
        return [(path.as_posix(), True, _local_reader(path))]
    raise ProdreadyError(f"{location}: no such file or directory")


def _local_reader(path: Path) -> Any:
    def read() -> bytes:
        try:
            if path.stat().st_size > MAX_REPORT_BYTES:
                raise ProdreadyError(f"{path}: larger than {MAX_REPORT_BYTES:,} bytes; not read")
            return path.read_bytes()
        except OSError as error:
            raise ProdreadyError(f"{path}: cannot read: {error.strerror or error}") from None

    return read


def _remote_files(url: str) -> list[tuple[str, bool, Any]]:
    fs, root = open_filesystem(url)
    protocol = url.split("://", 1)[0]
    try:
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if p.endswith(".json"))
            explicit = False
        elif _GLOB_CHARS & set(root):
            found, explicit = sorted(fs.glob(root)), False
        elif fs.isfile(root):
            found, explicit = [root], True
        else:
            raise ProdreadyError(f"{url}: no such file or directory")
    except OSError as error:
        raise ProdreadyError(f"{url}: cannot list: {error}") from None

    def reader(path: str) -> Any:
        def read() -> bytes:
            label = f"{protocol}://{path.lstrip('/')}"
            try:
                size = fs.size(path)
                if size is not None and size > MAX_REPORT_BYTES:
                    raise ProdreadyError(f"{label}: larger than {MAX_REPORT_BYTES:,} bytes")
                with fs.open(path, "rb") as handle:
                    return bytes(handle.read(MAX_REPORT_BYTES + 1))
            except OSError as error:
                raise ProdreadyError(f"{label}: cannot read: {error}") from None

        return read

    return [(f"{protocol}://{p.lstrip('/')}", explicit, reader(p)) for p in found]


# ----------------------------------------------------------------------------- parsing


def _parse(source: str, data: bytes, explicit: bool, notes: list[str]) -> Report | None:
    def skip(why: str) -> None:
        if explicit:
            raise ProdreadyError(f"{source}: {why}")
        notes.append(f"{source}: skipped, {why}")

    if len(data) > MAX_REPORT_BYTES:
        raise ProdreadyError(f"{source}: larger than {MAX_REPORT_BYTES:,} bytes; not read")
    try:
        raw = load_json_text(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        skip(f"not a prodready JSON report (not UTF-8, byte {error.start})")
        return None
    except (json.JSONDecodeError, InputLimitError) as error:
        skip(f"not a prodready JSON report (invalid JSON: {error})")
        return None
    if isinstance(raw, dict) and raw.get("document") == PORTFOLIO_DOCUMENT:
        if explicit:
            raise ProdreadyError(f"{source}: a portfolio, not an audit report")
        return None  # a portfolio written next to the reports it summarises
    if not isinstance(raw, dict) or not {"tool_version", "repo", "results"} <= raw.keys():
        skip("not a prodready audit report")
        return None
    version = str(raw.get("schema_version", ""))
    major, _, minor = version.partition(".")
    ours, _, our_minor = SCHEMA_VERSION.partition(".")
    if major != ours:
        raise ProdreadyError(
            f"{source}: report schema {version or '(none)'} (prodready "
            f"{raw.get('tool_version')}) cannot be read by this prodready, which reads "
            f"schema {ours}.x; audit the repository again with this version"
        )
    try:
        view = ReportView.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise ProdreadyError(
            f"{source}: not a prodready JSON report ({where}: {first['msg']})"
        ) from None
    if _number(minor) > _number(our_minor):
        notes.append(
            f"{source}: written by prodready {view.tool_version} (schema {version}); "
            f"fields newer than schema {SCHEMA_VERSION} are not shown"
        )
    return Report(source, view, maturity_label(raw))


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def maturity_label(raw: dict[str, Any]) -> str | None:
    """The MLOps maturity level as one short label, from the report or its ``extra`` section."""
    extra = raw.get("extra")
    value = raw.get("maturity")
    if value is None and isinstance(extra, dict):
        value = extra.get("maturity")
    if isinstance(value, list):  # schema 1.2: one assessment per published model
        levels = [
            f"{item.get('model')} {item.get('level')}"
            for item in value
            if isinstance(item, dict) and isinstance(item.get("level"), int)
        ]
        return ", ".join(levels) or None
    return _label(value, depth=0)


def _label(value: Any, depth: int) -> str | None:
    if value is None or isinstance(value, bool) or depth > 2:
        return None
    if isinstance(value, int | float | str):
        return str(value)[:40]
    if isinstance(value, dict):
        if "level" in value:
            return _label(value["level"], depth + 1)
        parts = [
            f"{name} {label}"
            for name, inner in sorted(value.items())
            if isinstance(inner, dict) and (label := _label(inner.get("level"), depth + 1))
        ]
        return ", ".join(parts)[:80] or None
    return None
