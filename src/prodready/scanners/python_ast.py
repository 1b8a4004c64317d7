"""Parse one Python source once and extract every fact the rules need from that one tree.

The tree itself is not kept: radon's visitors and our own extraction run on it
here, and only compact, cacheable facts leave this module.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Sequence
from operator import attrgetter

from prodready.scanners.facts import (
    CallFact,
    FunctionFact,
    ImportFact,
    ImportGuard,
    PatternFact,
    PythonFacts,
)
from prodready.scanners.features import feature_facts
from prodready.scanners.import_context import import_guards
from prodready.scanners.leakage import extract_leakage
from prodready.secrets import SECRET_VALUE_PATTERNS

ANALYZER_VERSION = "py-17"
_SERIALIZERS = ("pickle.dumps", "cloudpickle.dumps", "dill.dumps", "_pickle.dumps")
MAX_LITERAL = 120
_LABEL = re.compile(r"[A-Z][a-z]+(?: [a-z]+)*:?")  # a prose heading word, not a name

_ABSOLUTE_ROOTS = (
    "Users",
    "home",
    "mnt",
    "Volumes",
    "data",
    "opt",
    "tmp",
    "var",
    "srv",
    "root",
    "content",
    "dbfs",
    "kaggle",
    "workspace",
    "scratch",
    "gpfs",
    "media",
)
_POSIX_PATH = re.compile(r"^/(?:[\w.\-~ ]+/)+[\w.\-~ ]*$|^/[\w.\-~]+\.\w{1,5}$")
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/][^\s]")
_SECRET_NAME = re.compile(
    r"(?i)(secret|passw(or)?d|api_?key|access_?key|auth_?token|private_?key|client_?secret)"
)
_CODE_HINT = re.compile(r"(=|\(|\)|^\s*(import|from|return|def|class|if|for|while|with)\b|:\s*$)")


def analyze_python(source: str, cells: Sequence[int] = ()) -> PythonFacts:
    """Facts of one module; a syntax error becomes a fact, never an exception.

    ``cells``: the first line of each code cell when the source is a notebook's code.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return PythonFacts(
            parse_error=f"syntax error: {error.msg}",
            error_line=error.lineno,
            lines=source.count("\n") + 1,
        )
    except (ValueError, RecursionError, MemoryError) as error:
        return PythonFacts(parse_error=f"cannot parse: {error}", lines=source.count("\n") + 1)
    try:
        return _facts_from_tree(tree, source, cells)
    except RecursionError:  # parses, but nests deeper than a tree walk can follow
        return PythonFacts(
            parse_error="nested too deeply to analyse (recursion limit)",
            lines=source.count("\n") + 1,
        )


def _facts_from_tree(tree: ast.Module, source: str, cells: Sequence[int] = ()) -> PythonFacts:
    from radon.metrics import h_visit_ast, mi_compute
    from radon.visitors import ComplexityVisitor

    lines = source.splitlines()
    comment_lines, blank_lines = _count_comment_and_blank(lines)
    extractor = _Extractor(import_guards(tree))
    extractor.visit(tree)

    complexity_visitor = ComplexityVisitor.from_ast(tree)
    functions = [
        FunctionFact(
            name=block.name,
            line=block.lineno,
            end_line=block.endline or block.lineno,
            complexity=block.complexity,
            is_method=block.is_method,
            docstring_lines=extractor.function_docstrings.get(block.lineno, 0),
        )
        for block in _function_blocks(complexity_visitor)
    ]
    volume = h_visit_ast(tree).total.volume
    sloc = max(len(lines) - blank_lines - comment_lines, 0)
    statements = extractor.statements
    comment_percent = (comment_lines + extractor.docstring_lines) / sloc * 100 if sloc else 0.0
    maintainability = (
        round(
            mi_compute(volume, complexity_visitor.total_complexity, statements, comment_percent), 2
        )
        if statements
        else 100.0
    )
    return PythonFacts(
        lines=len(lines),
        sloc=sloc,
        comment_lines=comment_lines,
        statements=statements,
        complexity=complexity_visitor.total_complexity,
        maintainability=maintainability,
        halstead_volume=round(volume, 2),
        functions=functions,
        imports=extractor.imports,
        calls=extractor.calls,
        patterns=extractor.patterns,
        has_main_guard=extractor.has_main_guard,
        commented_code_blocks=_commented_code_blocks(lines),
        secrets=extractor.secrets,
        leakage=extract_leakage(tree, cells) if "fit" in source else None,
        features=feature_facts(
            tree, extractor.aliases, {c.line for c in extractor.calls if _fits(c)}
        ),
    )


def _fits(call: CallFact) -> bool:
    return call.name.rsplit(".", 1)[-1] in ("fit", "fit_transform", "partial_fit", "fit_resample")


def _function_blocks(visitor):  # type: ignore[no-untyped-def]
    for function in visitor.functions:
        yield function
        yield from function.closures
    for klass in visitor.classes:
        yield from klass.methods


def _count_comment_and_blank(lines: list[str]) -> tuple[int, int]:
    comments = blanks = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blanks += 1
        elif stripped.startswith("#"):
            comments += 1
    return comments, blanks


def _commented_code_blocks(lines: list[str], min_lines: int = 3) -> list[tuple[int, int]]:
    """Runs of comment lines that parse as real Python statements: likely dead code."""
    blocks: list[tuple[int, int]] = []
    run: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith("#!"):
            run.append((number, stripped.lstrip("#").strip()))
            continue
        if len(run) >= min_lines and _looks_like_code([text for _, text in run]):
            blocks.append((run[0][0], run[-1][0]))
        run = []
    return blocks


def _looks_like_code(texts: list[str]) -> bool:
    texts = [text for text in texts if text]
    if len(texts) < 3 or sum(bool(_CODE_HINT.search(text)) for text in texts) * 2 < len(texts):
        return False
    if _LABEL.fullmatch(texts[0]):  # "# Alias" over "# A.t()": a labelled example, documentation
        return False
    try:
        body = ast.parse("\n".join(_dedent_fragments(texts))).body
    except (SyntaxError, ValueError):
        return False
    meaningful = (
        ast.Assign,
        ast.AugAssign,
        ast.AnnAssign,
        ast.Import,
        ast.ImportFrom,
        ast.If,
        ast.For,
        ast.While,
        ast.With,
        ast.FunctionDef,
        ast.ClassDef,
        ast.Return,
    )
    return any(
        isinstance(node, meaningful)
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call))
        for node in body
    )


def _dedent_fragments(texts: list[str]) -> list[str]:
    """Comment text loses its indentation; re-indent lines after a block opener."""
    out: list[str] = []
    indent = ""
    for text in texts:
        out.append(indent + text)
        indent = "    " if text.endswith(":") else indent
    return out


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant):
        text = repr(node.value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        text = ast.unparse(node)
    elif isinstance(node, ast.List | ast.Tuple | ast.Dict | ast.Set):
        try:
            ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        text = ast.unparse(node)
    else:
        return None
    return text if len(text) <= MAX_LITERAL else text[: MAX_LITERAL - 3] + "..."


def _entropy(text: str) -> float:
    counts = {char: text.count(char) for char in set(text)}
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


_DOCSTRING_OWNERS = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class _Extractor:
    """One flat walk over the tree collecting imports, calls and proven patterns.

    ``ast.walk`` plus a type-keyed dispatch table is several times cheaper than
    ``ast.NodeVisitor``'s per-node method lookup; outputs are sorted back into
    source order. Imports are read first so every call resolves its aliases.
    """

    def __init__(self, guards: dict[int, ImportGuard] | None = None) -> None:
        self.guards = guards or {}
        self.aliases: dict[str, str] = {}
        self.imports: list[ImportFact] = []
        self.calls: list[CallFact] = []
        self.patterns: list[PatternFact] = []
        self.secrets: list[PatternFact] = []
        self.statements = 0
        self.docstring_lines = 0  # radon's MI counts docstrings as comments
        self.function_docstrings: dict[int, int] = {}  # def line -> docstring lines
        self.has_main_guard = False
        self._assigned_calls: set[int] = set()

    def visit(self, tree: ast.AST) -> None:
        nodes = list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                self.visit_Import(node)
            elif isinstance(node, ast.ImportFrom):
                self.visit_ImportFrom(node)
        handlers = {
            ast.Assign: self.visit_Assign,
            ast.AugAssign: self.visit_AugAssign,
            ast.AnnAssign: self.visit_AnnAssign,
            ast.Call: self.visit_Call,
            ast.Constant: self.visit_Constant,
            ast.If: self.visit_If,
        }
        for node in nodes:
            if isinstance(node, ast.stmt):
                self.statements += 1
            if isinstance(node, _DOCSTRING_OWNERS):
                self._count_docstring(node)
            handler = handlers.get(type(node))
            if handler is not None:
                handler(node)
        in_source_order = attrgetter("line")
        self.imports.sort(key=in_source_order)
        self.calls.sort(key=in_source_order)
        self.patterns.sort(key=in_source_order)
        self.secrets.sort(key=in_source_order)

    def _count_docstring(
        self, node: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ) -> None:
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            lines = (first.value.end_lineno or first.value.lineno) - first.value.lineno + 1
            self.docstring_lines += lines
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.function_docstrings[node.lineno] = lines

    # imports -----------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            self.aliases[bound] = alias.name if alias.asname else alias.name.split(".")[0]
            self.imports.append(
                ImportFact(module=alias.name, line=node.lineno, guard=self.guards.get(id(node)))
            )

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        names = [alias.name for alias in node.names]
        star = names == ["*"]
        for alias in node.names:
            if alias.name != "*" and node.level == 0:
                self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
        self.imports.append(
            ImportFact(
                module=module,
                names=tuple(names),
                line=node.lineno,
                level=node.level,
                star=star,
                guard=self.guards.get(id(node)),
            )
        )

    # calls and assignments ----------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self._check_assignment(node.targets, node.value, node.lineno)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Subscript) and isinstance(node.target.value, ast.Subscript):
            self.patterns.append(
                PatternFact(kind="chained_assignment", line=node.lineno, detail=_short(node.target))
            )

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._check_assignment([node.target], node.value, node.lineno)

    def _check_assignment(self, targets: list[ast.expr], value: ast.expr, line: int) -> None:
        if isinstance(value, ast.Call):
            self._assigned_calls.add(id(value))
            callee = self._callee(value.func) or ""
            names = [target.id for target in targets if isinstance(target, ast.Name)]
            if callee.endswith(_SERIALIZERS):  # bytes made here: loading them back is a copy
                self.patterns.extend(
                    PatternFact(kind="serialized_bytes", line=line, detail=name) for name in names
                )
            elif callee.rsplit(".", 1)[-1][:1].isupper():  # an object built from a class
                self.patterns.extend(
                    PatternFact(kind="built", line=line, detail=f"{name}={callee}")
                    for name in names
                )
        self._check_path_literal(value)
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Subscript):
                self.patterns.append(
                    PatternFact(kind="chained_assignment", line=line, detail=_short(target))
                )
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
            if (
                name
                and _SECRET_NAME.search(name)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and _looks_secret(value.value)
            ):
                self.secrets.append(PatternFact(kind="secret_assignment", line=line, detail=name))

    def visit_Call(self, node: ast.Call) -> None:
        name = self._callee(node.func)
        if name is not None:
            kwargs = {kw.arg: self._value(kw.value) for kw in node.keywords if kw.arg is not None}
            self.calls.append(
                CallFact(
                    name=name,
                    line=node.lineno,
                    args=tuple(self._value(arg) for arg in node.args),
                    kwargs=kwargs,
                    star_args=any(isinstance(arg, ast.Starred) for arg in node.args)
                    or any(kw.arg is None for kw in node.keywords),
                    assigned=id(node) in self._assigned_calls,
                )
            )
            if name == "importlib.import_module":
                self._dynamic_import(node)
        for arg in node.args:
            self._check_path_literal(arg)
        for keyword in node.keywords:
            self._check_path_literal(keyword.value)

    def _dynamic_import(self, node: ast.Call) -> None:
        first = node.args[0] if node.args else None
        module = (
            first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
        )
        self.imports.append(ImportFact(module=module, line=node.lineno, dynamic=True))

    def _value(self, node: ast.expr) -> str | None:
        """A literal's repr, or a plain name's resolved dotted form; None for anything computed."""
        if isinstance(node, ast.Name | ast.Attribute):
            name = self._callee(node)
            return None if name is None or "?" in name else name
        return _literal(node)

    def _callee(self, func: ast.expr) -> str | None:
        parts: list[str] = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if isinstance(func, ast.Name):
            parts.append(self.aliases.get(func.id, func.id))
        elif parts:
            parts.append("?")
        else:
            return None
        return ".".join(reversed(parts))

    def _check_path_literal(self, node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if _is_absolute_path(value):
                self.patterns.append(
                    PatternFact(kind="absolute_path", line=node.lineno, detail=value)
                )

    # strings and guards --------------------------------------------------
    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and len(node.value) >= 20:
            for kind, pattern in SECRET_VALUE_PATTERNS:
                if pattern.search(node.value) and "EXAMPLE" not in node.value:
                    self.secrets.append(PatternFact(kind=kind, line=node.lineno, detail=kind))
                    break

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
        ):
            self.has_main_guard = True


def _looks_secret(value: str) -> bool:
    if len(value) < 16 or " " in value or value.startswith(("http", "/", "$", "{", "<")):
        return False
    return _entropy(value) >= 3.5


def _is_absolute_path(value: str) -> bool:
    if "\n" in value or len(value) > 260:
        return False
    if _WINDOWS_PATH.match(value):
        return True
    if not _POSIX_PATH.match(value):
        return False
    first = value.split("/")[1]
    return first in _ABSOLUTE_ROOTS


def _short(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= MAX_LITERAL else text[: MAX_LITERAL - 3] + "..."
