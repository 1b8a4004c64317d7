"""Tie sample data to a contract: which file, which table, which format, found where.

A sample comes from an ODCS/DCS ``servers`` entry of type ``local`` (path + format) or
from ``prodready.yaml`` (``data.samples: {contract.yaml: data.csv}``, or
``contract.yaml#table`` for one table of several). Paths resolve against the repository
root, then the contract's folder; anything outside the repository is refused.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from prodready.models.contract_view import Contract, SchemaObject

LOCAL_TYPES = frozenset({"local", "file", "filesystem"})
FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def inside_repo(root: Path, entry: str) -> str | None:
    """The repo-relative POSIX path of ``entry``, or None when it resolves outside the repository."""
    if not entry or PurePosixPath(entry).is_absolute() or Path(entry).is_absolute():
        return None
    base = root.resolve()
    try:
        relative = (base / entry).resolve().relative_to(base)
    except (ValueError, OSError):
        return None
    return relative.as_posix()


@dataclass(frozen=True)
class SampleSpec:
    contract: str
    table: str | None
    path: str  # repo-relative, or as written when refused or unresolved
    format: str | None
    source: str
    delimiter: str | None = None
    encoding: str | None = None
    error: str | None = None


def sample_specs(root: Path, contract: Contract, mapping: dict[str, str]) -> list[SampleSpec]:
    """Every sample tied to ``contract``; the checklist mapping wins over ``servers``."""
    mapped = [
        (key.partition("#")[2] or None, value)
        for key, value in mapping.items()
        if inside_repo(root, key.partition("#")[0]) == contract.path
    ]
    if mapped:
        return [
            _spec(root, contract, table, value, None, "prodready.yaml data.samples", None, None)
            for table, value in mapped
        ]
    specs = []
    for server in contract.servers:
        if (server.type or "").lower() not in LOCAL_TYPES or not server.path:
            continue
        source = f"server '{server.name}' ({server.field})"
        if "{model}" in server.path:
            for obj in contract.objects:
                specs.append(
                    _spec(
                        root,
                        contract,
                        obj.name,
                        server.path.replace("{model}", obj.name),
                        server.format,
                        source,
                        server.delimiter,
                        server.encoding,
                    )
                )
        else:
            specs.append(
                _spec(
                    root,
                    contract,
                    None,
                    server.path,
                    server.format,
                    source,
                    server.delimiter,
                    server.encoding,
                )
            )
    return specs


def _spec(
    root: Path,
    contract: Contract,
    table: str | None,
    written: str,
    declared: str | None,
    source: str,
    delimiter: str | None,
    encoding: str | None,
) -> SampleSpec:
    path, error = _resolve(root, contract.path, written)
    obj, table_error = _table(contract, table, path or written)
    fmt = _format(path or written, declared, delimiter)
    return SampleSpec(
        contract=contract.path,
        table=obj.name if obj else table,
        path=path or written,
        format=fmt,
        source=source,
        delimiter=delimiter,
        encoding=encoding,
        error=error or table_error,
    )


def _resolve(root: Path, contract_path: str, written: str) -> tuple[str | None, str | None]:
    """Relative to the repository root, else to the contract's folder; outside: refused."""
    written = written.removeprefix("file://")
    parent = PurePosixPath(contract_path).parent.as_posix()
    candidates = [written]
    if parent not in ("", "."):
        candidates.append(f"{parent}/{written}")
    resolved = [inside_repo(root, candidate) for candidate in candidates]
    if all(path is None for path in resolved):
        return None, "outside the repository, refused"
    for path in resolved:
        if path is not None and (glob.has_magic(path) or (root / path).exists()):
            return path, None
    first = next(path for path in resolved if path is not None)
    return first, "sample file not found"


def _table(
    contract: Contract, table: str | None, path: str
) -> tuple[SchemaObject | None, str | None]:
    objects = contract.objects
    if table:
        found = next((obj for obj in objects if table in (obj.name, obj.physical_name)), None)
        return found, None if found else f"no table '{table}' in {contract.path}"
    if len(objects) == 1:
        return objects[0], None
    stem = _norm(PurePosixPath(path).name.split(".")[0])
    found = next(
        (obj for obj in objects if stem in (_norm(obj.name), _norm(obj.physical_name or ""))), None
    )
    if found:
        return found, None
    return None, (
        f"cannot tell which of the {len(objects)} tables {path} holds: map it in prodready.yaml"
        f" as data.samples: {{'{contract.path}#<table>': '{path}'}}"
    )


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _format(path: str, declared: str | None, delimiter: str | None) -> str | None:
    fmt = (declared or "").lower()
    if fmt == "json" and (delimiter or "").lower() == "new_line":
        return "jsonl"
    if fmt in ("csv", "tsv", "parquet", "json", "jsonl"):
        return fmt
    if fmt in ("ndjson", "json_lines", "jsonlines"):
        return "jsonl"
    if fmt:
        return fmt  # unsupported; reported when read
    return FORMATS.get(PurePosixPath(path).suffix.lower())
