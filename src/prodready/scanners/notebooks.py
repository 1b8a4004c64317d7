"""Read a Jupyter notebook as JSON and analyse its code cells as one Python unit.

IPython magics and shell escapes are set aside instead of failing the parse, the way
IPython itself reads them: a line magic with its backslash continuations, an indented
magic (kept as ``pass`` so its block still parses), ``x = !cmd`` (kept as ``x = None``),
and cell magics, whose body is Python for ``%%time``-like magics and not Python at all
for ``%%bash``, ``%%writefile`` and the like. Line numbers stay true. A cell that still
does not parse is blanked too and counted, so one broken cell does not hide the rest.
"""

from __future__ import annotations

import ast
import json
import re

from prodready.loaders import InputLimitError, load_json_text
from prodready.scanners.facts import MagicFact, NotebookFacts
from prodready.scanners.python_ast import analyze_python

_MAGIC_PREFIXES = ("%", "!", "?")
PYTHON_CELL_MAGICS = frozenset(
    {"time", "timeit", "capture", "prun", "debug", "memit", "mprun", "snakeviz", "autoreload"}
)
_ASSIGNED_MAGIC = re.compile(r"^(\s*)([A-Za-z_][\w.,\s]*?)\s*=\s*[!%]")
_MAGIC_TEXT = 300  # a magic's text is kept up to this many characters


def analyze_notebook(text: str) -> NotebookFacts:
    try:
        document = load_json_text(text)
    except json.JSONDecodeError as error:
        return NotebookFacts(
            parse_error=f"invalid notebook JSON: {error.msg} (line {error.lineno})"
        )
    except InputLimitError as error:
        return NotebookFacts(parse_error=f"invalid notebook JSON: {error}")
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return NotebookFacts(parse_error="invalid notebook: no 'cells' list")

    code_lines: list[str] = []
    cell_starts: list[int] = []
    magic_facts: list[MagicFact] = []
    unparsable: list[int] = []
    code_cells = markdown_cells = magic_lines = with_outputs = 0
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        cell_type = cell.get("cell_type")
        if cell_type == "markdown":
            markdown_cells += 1
        if cell_type != "code":
            continue
        code_cells += 1
        if cell.get("outputs"):
            with_outputs += 1
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):  # nbformat: a string or a list of strings
            return NotebookFacts(
                parse_error=f"invalid notebook: code cell {code_cells} has a source that is not text"
            )
        lines = source.splitlines()
        cell_starts.append(len(code_lines) + 1)
        cleaned, magics = clean_cell(lines)
        magic_lines += magics
        magic_facts.extend(cell_magics(lines, len(code_lines) + 1))
        if not _parses("\n".join(cleaned)):
            unparsable.append(code_cells)
            cleaned = [""] * len(cleaned)
        code_lines.extend([*cleaned, ""])

    return NotebookFacts(
        code_cells=code_cells,
        markdown_cells=markdown_cells,
        magic_lines=magic_lines,
        magics=magic_facts,
        cells_with_outputs=with_outputs,
        unparsable_cells=unparsable,
        python=analyze_python("\n".join(code_lines), cell_starts),
    )


def clean_cell(lines: list[str]) -> tuple[list[str], int]:
    """The cell's Python with every magic set aside, and how many lines were magic."""
    if lines and lines[0].lstrip().startswith("%%"):
        name = lines[0].lstrip()[2:].split(maxsplit=1)[0] if lines[0].strip() != "%%" else ""
        if name not in PYTHON_CELL_MAGICS:
            return [""] * len(lines), len(lines)
        lines = ["", *lines[1:]]
        magics = 1
    else:
        magics = 0
    cleaned: list[str] = []
    continued = False
    depth = 0  # brackets a magic left open: IPython reads on until they close
    for line in lines:
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        assigned = _ASSIGNED_MAGIC.match(line)
        if (
            continued
            or stripped.startswith(_MAGIC_PREFIXES)
            or (stripped.endswith("?") and " " not in stripped)
        ):
            magics += 1
            cleaned.append(f"{indent}pass" if indent and not continued else "")
        elif assigned:
            magics += 1
            cleaned.append(f"{assigned.group(1)}{assigned.group(2).strip()} = None")
        else:
            cleaned.append(line)
            continue
        depth = (depth if continued else 0) + _open_brackets(stripped)
        continued = line.rstrip().endswith("\\") or depth > 0
    return cleaned, magics


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")


def cell_magics(lines: list[str], first: int) -> list[MagicFact]:
    """The cell's magics and shell escapes as written, continuation lines joined, numbered from
    ``first`` (the cell's first line in the notebook's code); only the header of a cell magic
    whose body is not Python."""
    if lines and lines[0].lstrip().startswith("%%"):
        name = lines[0].lstrip()[2:].split(maxsplit=1)[0] if lines[0].strip() != "%%" else ""
        if name not in PYTHON_CELL_MAGICS:
            return [MagicFact(line=first, text=lines[0].strip()[:_MAGIC_TEXT])]
    found: list[MagicFact] = []
    text, start = "", 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if text:  # the line continues the magic above it
            text = f"{text[:-1].rstrip()} {stripped}"
        elif stripped.startswith(("%", "!")):
            text, start = stripped, index
        else:
            continue
        if not text.endswith("\\"):
            found.append(MagicFact(line=first + start, text=text[:_MAGIC_TEXT]))
            text = ""
    if text:
        found.append(MagicFact(line=first + start, text=text[:_MAGIC_TEXT]))
    return found


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True
