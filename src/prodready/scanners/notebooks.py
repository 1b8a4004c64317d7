"""Read a Jupyter notebook as JSON and analyse its code cells as one Python unit.

IPython magics and shell escapes are set aside (blanked, so line numbers stay
true) instead of failing the parse; a cell that still does not parse is
blanked too and counted, so one broken cell does not hide the rest.
"""

from __future__ import annotations

import ast
import json

from prodready.loaders import InputLimitError, load_json_text
from prodready.scanners.facts import NotebookFacts
from prodready.scanners.python_ast import analyze_python

_MAGIC_PREFIXES = ("%", "!", "?")


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
        text_lines = source.splitlines()
        cleaned = []
        for line in text_lines:
            stripped = line.lstrip()
            if stripped.startswith(_MAGIC_PREFIXES) or (
                stripped.endswith("?") and " " not in stripped
            ):
                magic_lines += 1
                cleaned.append("")
            else:
                cleaned.append(line)
        if not _parses("\n".join(cleaned)):
            unparsable.append(code_cells)
            cleaned = [""] * len(cleaned)
        code_lines.extend([*cleaned, ""])

    return NotebookFacts(
        code_cells=code_cells,
        markdown_cells=markdown_cells,
        magic_lines=magic_lines,
        cells_with_outputs=with_outputs,
        unparsable_cells=unparsable,
        python=analyze_python("\n".join(code_lines)),
    )


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True
