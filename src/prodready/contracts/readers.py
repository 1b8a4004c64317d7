"""Read one sample file with pandas (pyarrow for Parquet), bounded and without surprises.

CSV cells are kept as the text written (no NA guessing: only an empty cell is null), so a
type check sees exactly what a consumer would read. Files above the size limit are sampled
(their first rows) and the result says so. Every way a file can be wrong (missing, empty,
a folder, binary, bad encoding, not the declared format) is a ``SampleError`` with the reason.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prodready.contracts.discover import inside_repo
from prodready.contracts.samples import SampleSpec

_HEAD_BYTES = 65_536


class SampleError(Exception):
    """Why a sample could not be read: missing, empty, wrong format or encoding, refused."""


@dataclass
class Sample:
    frame: Any  # pandas.DataFrame
    text: bool  # cells are the text as written (CSV), not typed values
    rows: int
    sampled: str | None = None
    notes: list[str] = field(default_factory=list)


def read_sample(root: Path, spec: SampleSpec, columns: list[str], limit: int) -> Sample:
    """Read ``spec``; above ``limit`` bytes only the first rows (the report says how many)."""
    paths = (
        sorted(glob.glob(spec.path, root_dir=root, recursive=True))
        if glob.has_magic(spec.path)
        else [spec.path]
    )
    if not paths:
        raise SampleError("no file matches")
    frames = []
    for path in paths[:20]:
        try:
            frames.append(_read_one(root, path, spec, columns, limit))
        except SampleError as error:
            raise SampleError(f"{path}: {error}" if len(paths) > 1 else str(error)) from error
    if len(frames) == 1:
        return frames[0]
    import pandas as pd

    frame = pd.concat([sample.frame for sample in frames], ignore_index=True)
    sampled = "; ".join(
        f"{path}: {s.sampled}" for path, s in zip(paths, frames, strict=False) if s.sampled
    )
    if len(paths) > 20:
        sampled = f"first 20 of {len(paths)} files" + (f"; {sampled}" if sampled else "")
    notes = [note for sample in frames for note in sample.notes]
    return Sample(frame, frames[0].text, len(frame), sampled or None, notes)


def _read_one(root: Path, path: str, spec: SampleSpec, columns: list[str], limit: int) -> Sample:
    full = root / path
    if inside_repo(root, path) is None:
        raise SampleError("outside the repository, refused")
    if full.is_dir():
        raise SampleError("a folder, not a file: point the path at its files (e.g. dir/*.parquet)")
    if not full.is_file():
        raise SampleError("sample file not found")
    size = full.stat().st_size
    if size == 0:
        raise SampleError("empty file")
    fmt = spec.format or ""
    readers = {"csv": _csv, "tsv": _csv, "parquet": _parquet, "json": _json, "jsonl": _jsonl}
    if fmt not in readers:
        raise SampleError(f"format '{fmt or '?'}' is not supported (csv, parquet, json, jsonl)")
    sample = readers[fmt](full, spec, columns, size, limit)
    if sample.rows == 0:
        raise SampleError("no data rows")
    return sample


def _sampled(rows: int, size: int, limit: int) -> str:
    return f"first {rows} rows of {size / 1e6:.1f} MB (limit {limit / 1e6:.1f} MB)"


def _head_rows(full: Path, size: int, limit: int) -> int | None:
    """Rows that fit in ``limit`` bytes, estimated from the first 64 KB; None when under it."""
    if size <= limit:
        return None
    with full.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    lines = max(head.count(b"\n"), 1)
    return max(100, int(limit / (len(head) / lines)))


def _check_binary(full: Path, what: str) -> None:
    with full.open("rb") as handle:
        head = handle.read(8192)
    if b"\0" in head:
        raise SampleError(f"binary content, not {what}")


def _csv(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    import pandas as pd

    _check_binary(full, "CSV")
    nrows = _head_rows(full, size, limit)
    sep = "\t" if spec.format == "tsv" else (spec.delimiter or ",")
    options: dict[str, Any] = {
        "sep": sep if len(sep) == 1 else ",",
        "dtype": str,
        "keep_default_na": False,
        "na_values": [""],
        "encoding": spec.encoding or "utf-8-sig",
        "nrows": nrows,
    }
    try:
        frame = pd.read_csv(full, **options)
        notes = []
        expected = set(columns)
        if columns and not expected & set(frame.columns) and len(frame.columns) == len(columns):
            frame = pd.read_csv(full, header=None, names=columns, **options)
            notes.append("no header row: columns taken in the contract's order")
    except UnicodeDecodeError as error:
        raise SampleError(
            f"not {options['encoding']} (byte {error.start}); declare the file's"
            " `encoding` on the server or re-encode it as UTF-8"
        ) from error
    except LookupError as error:
        raise SampleError(f"unknown encoding {options['encoding']!r}") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise SampleError(f"not valid CSV: {str(error).splitlines()[0]}") from error
    sampled = (
        _sampled(len(frame), size, limit) if nrows is not None and len(frame) >= nrows else None
    )
    return Sample(frame, True, len(frame), sampled, notes)


def _parquet(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sampled = None
    try:
        with pq.ParquetFile(full) as handle:
            total = handle.metadata.num_rows
            if size <= limit:
                table = handle.read()
            else:
                wanted = max(100, int(total * limit / size))
                batches, rows = [], 0
                for batch in handle.iter_batches(batch_size=min(wanted, 65_536)):
                    batches.append(batch)
                    rows += batch.num_rows
                    if rows >= wanted:
                        break
                table = pa.Table.from_batches(batches, schema=handle.schema_arrow)
                sampled = (
                    f"first {table.num_rows} of {total} rows ({size / 1e6:.1f} MB,"
                    f" limit {limit / 1e6:.1f} MB)"
                )
    except (pa.ArrowException, OSError) as error:
        raise SampleError(f"not a valid Parquet file: {error}") from error
    frame = table.to_pandas()
    return Sample(frame.astype(object).where(frame.notna(), None), False, len(frame), sampled)


def _json(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    _check_binary(full, "JSON")
    with full.open("rb") as handle:
        head = handle.read(_HEAD_BYTES).strip()
    if head.startswith(b"{") and b"\n{" in head:  # one object per line: JSON Lines
        return _jsonl(full, spec, columns, size, limit)
    if size > limit:
        raise SampleError("a JSON array above the size limit cannot be sampled; use JSON Lines")
    try:
        data = json.loads(_decode(full, spec, None))
    except json.JSONDecodeError as error:
        raise SampleError(f"not valid JSON at line {error.lineno}: {error.msg}") from error
    records = data if isinstance(data, list) else [data]
    return _records(records, None)


def _jsonl(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    _check_binary(full, "JSON Lines")
    head = limit if size > limit else None
    records = []
    for number, line in enumerate(_decode(full, spec, head).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise SampleError(f"not valid JSON Lines at line {number}: {error.msg}") from error
    sampled = _sampled(len(records), size, limit) if head is not None else None
    return _records(records, sampled)


def _decode(full: Path, spec: SampleSpec, head: int | None) -> str:
    """The file's text; with ``head``, only its first ``head`` bytes up to the last full line."""
    encoding = spec.encoding or "utf-8-sig"
    with full.open("rb") as handle:
        data = handle.read() if head is None else handle.read(head)
    if head is not None:
        data = data[: data.rfind(b"\n") + 1] or data
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SampleError(
            f"not {encoding} (byte {error.start}); declare the file's `encoding`"
            " on the server or re-encode it as UTF-8"
        ) from error
    except LookupError as error:
        raise SampleError(f"unknown encoding {encoding!r}") from error


def _records(records: list[Any], sampled: str | None) -> Sample:
    import pandas as pd

    if not all(isinstance(record, dict) for record in records):
        raise SampleError("expected JSON objects (one per row)")
    frame = pd.DataFrame.from_records(records).astype(object)
    frame = frame.where(frame.notna(), None)
    return Sample(frame, False, len(frame), sampled)
