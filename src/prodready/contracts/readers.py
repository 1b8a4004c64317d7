"""Read one sample file with pandas (pyarrow for Parquet), bounded and without surprises.

CSV cells are kept as the text written (no NA guessing: only an empty cell is null), so a
type check sees exactly what a consumer would read. Files above the size limit are sampled
(their first rows) and the result says so. The bounds hold for what the file expands to, not
only its size on disk: compressed CSV and JSON Lines (gzip, bz2, xz) are inflated as a stream
that stops at the byte limit, Parquet is decoded batch by batch, and at most ``MAX_ROWS`` rows
are tested, so a small file that inflates to gigabytes is "first N rows tested", never an
exhausted machine. Every way a file can be wrong (missing, empty,
a folder, binary, bad encoding, not the declared format) is a ``SampleError`` with the reason.
"""

from __future__ import annotations

import glob
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prodready.contracts.samples import SampleSpec, inside_repo
from prodready.loaders import InputLimitError, load_json_text

_HEAD_BYTES = 65_536
MAX_ROWS = 1_000_000
_DECODED_FACTOR = 10  # decoded Arrow data may take this many times the byte limit
_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "lzma"}


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
        _check_head(handle.read(8192), what)


def _check_head(head: bytes, what: str) -> None:
    if b"\0" in head:
        raise SampleError(f"binary content, not {what}")


def _compression(full: Path) -> str | None:
    """The stdlib module that inflates the file (by its magic bytes), or None for plain text."""
    with full.open("rb") as handle:
        head = handle.read(6)
    return next((module for magic, module in _COMPRESSED.items() if head.startswith(magic)), None)


def _inflate(full: Path, limit: int) -> tuple[bytes, bool] | None:
    """A compressed file's first ``limit`` inflated bytes, cut at the last full line, and
    whether it holds more; None when the file is not compressed. Never inflates further."""
    module = _compression(full)
    if module is None:
        return None
    import importlib

    opener = importlib.import_module(module).open
    try:
        with opener(full, "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError, ValueError) as error:
        raise SampleError(f"not a valid {module} file: {error}") from error
    if len(data) <= limit:
        return data, False
    data = data[:limit]
    return data[: data.rfind(b"\n") + 1] or data, True


def _inflated(rows: int, limit: int) -> str:
    return f"first {rows} rows tested (the first {limit / 1e6:.1f} MB of the inflated data)"


def _row_limited(rows: int) -> str:
    return f"first {rows} rows tested (limit {MAX_ROWS:,} rows)"


def _csv(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    import pandas as pd

    inflated = _inflate(full, limit)
    source: Any = full if inflated is None else io.BytesIO(inflated[0])
    if inflated is not None:
        _check_head(inflated[0][:8192], "CSV")
        size = len(inflated[0])
    else:
        _check_binary(full, "CSV")
    nrows = _head_rows(full, size, limit) if inflated is None else None
    nrows = min(nrows or MAX_ROWS, MAX_ROWS)
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
        frame = pd.read_csv(source, **options)
        notes = []
        expected = set(columns)
        if columns and not expected & set(frame.columns) and len(frame.columns) == len(columns):
            if isinstance(source, io.BytesIO):
                source.seek(0)
            frame = pd.read_csv(source, header=None, names=columns, **options)
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
    sampled = None
    if inflated is not None and inflated[1]:
        sampled = _inflated(len(frame), limit)
    elif len(frame) >= MAX_ROWS:
        sampled = _row_limited(len(frame))
    elif len(frame) >= nrows and size > limit:
        sampled = _sampled(len(frame), size, limit)
    return Sample(frame, True, len(frame), sampled, notes)


def _parquet(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sampled = None
    try:
        with pq.ParquetFile(full) as handle:
            total = handle.metadata.num_rows
            # decoded batch by batch: a small file of dictionary-encoded rows can hold billions
            wanted = min(MAX_ROWS, total if size <= limit else max(100, int(total * limit / size)))
            batches, rows, decoded = [], 0, 0
            for batch in handle.iter_batches(batch_size=min(max(wanted, 1), 65_536)):
                batches.append(batch)
                rows += batch.num_rows
                decoded += batch.nbytes
                if rows >= wanted or decoded >= _DECODED_FACTOR * limit:
                    break
            table = pa.Table.from_batches(batches, schema=handle.schema_arrow).slice(0, wanted)
            if table.num_rows < total:
                sampled = (
                    f"first {table.num_rows} of {total} rows tested ({size / 1e6:.1f} MB,"
                    f" limit {limit / 1e6:.1f} MB and {MAX_ROWS:,} rows)"
                )
    except (pa.ArrowException, OSError) as error:
        raise SampleError(f"not a valid Parquet file: {error}") from error
    frame = table.to_pandas()
    return Sample(frame.astype(object).where(frame.notna(), None), False, len(frame), sampled)


def _json(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    if _compression(full) is not None:
        return _jsonl(full, spec, columns, size, limit)
    _check_binary(full, "JSON")
    with full.open("rb") as handle:
        head = handle.read(_HEAD_BYTES).strip()
    if head.startswith(b"{") and b"\n{" in head:  # one object per line: JSON Lines
        return _jsonl(full, spec, columns, size, limit)
    if size > limit:
        raise SampleError("a JSON array above the size limit cannot be sampled; use JSON Lines")
    try:
        data = load_json_text(_decode(full, spec, None))
    except json.JSONDecodeError as error:
        raise SampleError(f"not valid JSON at line {error.lineno}: {error.msg}") from error
    except InputLimitError as error:
        raise SampleError(f"not valid JSON: {error}") from error
    records = data if isinstance(data, list) else [data]
    return _records(records, None)


def _jsonl(full: Path, spec: SampleSpec, columns: list[str], size: int, limit: int) -> Sample:
    inflated = _inflate(full, limit)
    if inflated is None:
        _check_binary(full, "JSON Lines")
    else:
        _check_head(inflated[0][:8192], "JSON Lines")
    head = limit if size > limit else None
    text = _decode(full, spec, head, inflated[0] if inflated else None)
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(records) >= MAX_ROWS:
            return _records(records, _row_limited(len(records)))
        try:
            records.append(load_json_text(line))
        except json.JSONDecodeError as error:
            raise SampleError(f"not valid JSON Lines at line {number}: {error.msg}") from error
        except InputLimitError as error:
            raise SampleError(f"not valid JSON Lines at line {number}: {error}") from error
    if inflated is not None:
        sampled = _inflated(len(records), limit) if inflated[1] else None
    else:
        sampled = _sampled(len(records), size, limit) if head is not None else None
    return _records(records, sampled)


def _decode(full: Path, spec: SampleSpec, head: int | None, data: bytes | None = None) -> str:
    """The file's text; with ``head``, only its first ``head`` bytes up to the last full line."""
    encoding = spec.encoding or "utf-8-sig"
    if data is not None:
        head = None  # already bounded and cut at a line by _inflate
    else:
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
