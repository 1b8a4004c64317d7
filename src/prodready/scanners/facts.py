"""Fact types: what the scanners learn about a repository, read by every rule.

Per-file facts are frozen slotted dataclasses: a repository of 10,000 modules
holds millions of them, and a dataclass costs a third of a pydantic model's
memory. They round-trip through the JSON cache with ``dump_facts`` and
``load_facts`` (never pickle: the cache lives inside the audited repo and must
not be able to run code). Facts never hold a file's path when the same content
could sit at two paths; the path is the key they are stored under.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from prodready.models.contract_facts import ContractFacts
from prodready.scanners.features import FeatureFacts
from prodready.scanners.leakage_facts import LeakageFacts

if TYPE_CHECKING:
    from pydantic import TypeAdapter

# Most calls pass no keyword: every such call read from the cache shares one empty dict (never
# written to: facts are frozen) instead of holding its own.
_NO_KEYWORDS: dict[str, str | None] = {}


def _shared_when_empty(kwargs: dict[str, str | None]) -> dict[str, str | None]:
    return kwargs or _NO_KEYWORDS


class _SharedEmpty:
    """Pydantic metadata: validate as a dict, then share the empty one (see ``_NO_KEYWORDS``)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_shared_when_empty, handler(source))


Keywords = Annotated[dict[str, str | None], _SharedEmpty()]


class FileKind(StrEnum):
    PYTHON = "python"
    NOTEBOOK = "notebook"
    CONFIG = "config"
    DATA = "data"
    MODEL = "model"
    DOC = "doc"
    OTHER = "other"


class ImportGuard(StrEnum):
    """Why an import may not run when its module is imported (see ``scanners.import_context``)."""

    TYPE_CHECKING = "type_checking"  # under `if TYPE_CHECKING:`: never runs
    TRY = "try"  # an ImportError is caught: the package is optional
    CONDITIONAL = "if"  # under if/for/while/match
    LAZY = "lazy"  # inside a function: runs when it is called


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportFact:
    module: str
    names: tuple[str, ...] = ()
    line: int
    level: int = 0
    star: bool = False
    dynamic: bool = False
    guard: ImportGuard | None = None  # None: runs unconditionally at import time


@dataclass(frozen=True, slots=True, kw_only=True)
class CallFact:
    """A call site, the most numerous fact (hundreds of thousands in a large repository).

    ``name`` is the dotted callee resolved through the file's import aliases.

    ``args``/``kwargs`` hold each argument as text: a literal's ``repr`` (strings keep
    their quotes), a plain name's resolved dotted form, or None when it is computed.
    """

    name: str
    line: int
    args: tuple[str | None, ...] = ()
    kwargs: Keywords = field(default_factory=dict)
    star_args: bool = False
    assigned: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionFact:
    name: str
    line: int
    end_line: int
    complexity: int
    is_method: bool = False
    docstring_lines: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternFact:
    """A syntactic pattern a rule cares about, proven by the AST (e.g. ``chained_assignment``)."""

    kind: str
    line: int
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PythonFacts:
    parse_error: str | None = None
    error_line: int | None = None
    lines: int = 0
    sloc: int = 0
    comment_lines: int = 0
    statements: int = 0
    complexity: int = 0
    maintainability: float | None = None
    halstead_volume: float = 0.0
    functions: list[FunctionFact] = field(default_factory=list)
    imports: list[ImportFact] = field(default_factory=list)
    calls: list[CallFact] = field(default_factory=list)
    patterns: list[PatternFact] = field(default_factory=list)
    has_main_guard: bool = False
    commented_code_blocks: list[tuple[int, int]] = field(default_factory=list)
    secrets: list[PatternFact] = field(default_factory=list)
    leakage: LeakageFacts | None = None  # None: nothing is fitted (no "fit" in the source)
    # column lists, feature functions, fitted objects
    features: FeatureFacts = field(default_factory=FeatureFacts)


@dataclass(frozen=True, slots=True, kw_only=True)
class MagicFact:
    """An IPython magic or shell escape as written (``%load_ext autoreload``, ``!pip install x``).

    ``line`` counts in the notebook's code as one unit, the numbering its imports use.
    """

    line: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NotebookFacts:
    parse_error: str | None = None
    code_cells: int = 0
    markdown_cells: int = 0
    magic_lines: int = 0
    magics: list[MagicFact] = field(default_factory=list)
    cells_with_outputs: int = 0
    unparsable_cells: list[int] = field(default_factory=list)  # 1-based indexes among code cells
    python: PythonFacts | None = None


def dump_facts(facts: PythonFacts | NotebookFacts) -> str:
    """The JSON a per-file fact is cached as.

    A string literal may hold a lone surrogate (``"\\udc80"`` is valid Python), which UTF-8
    cannot carry: such characters are cached as ``?``.
    """
    from pydantic_core import PydanticSerializationError

    adapter = _adapter(type(facts))
    try:
        return adapter.dump_json(facts).decode()
    except PydanticSerializationError:
        return json.dumps(_encodable(adapter.dump_python(facts, mode="python")))


def _encodable(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list | tuple):
        return [_encodable(item) for item in value]
    if isinstance(value, dict):
        return {_encodable(key): _encodable(item) for key, item in value.items()}
    return value


def load_facts(
    kind: type[PythonFacts] | type[NotebookFacts], payload: str
) -> PythonFacts | NotebookFacts:
    """A cached per-file fact, validated: a payload of the wrong shape raises ValueError."""
    from pydantic import ValidationError

    try:
        return _adapter(kind).validate_json(payload)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise ValueError(str(error)) from None


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    """One validator per fact type, built on first use (pydantic is imported only then)."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


@dataclass(frozen=True, slots=True)
class FileFact:
    path: str
    kind: FileKind
    size: int
    sha256: str | None = None
    lfs_pointer: bool = False
    read_error: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedConfig:
    """A known config file parsed once; ``error`` holds why it could not be."""

    path: str
    kind: str
    data: Any = None
    error: str | None = None
    error_line: int | None = None


class Scope(StrEnum):
    """What a declaration is installed for, from where it sits (which file, which table)."""

    RUNTIME = "runtime"
    EXTRA = "extra"  # an extra of the distribution: `pip install pkg[extra]` installs it
    OPTIONAL = "optional"  # for development: dev groups and files, CI and notebook installs
    BUILD = "build"  # [build-system] requires, setup_requires: installed to build, not to run
    LOCK = "lock"


@dataclass(frozen=True, slots=True)
class Dependency:
    """A manifest's entry with its version spec: a requirements file's line, ``[project]`` or
    Poetry dependencies, a conda environment, ``install_requires``, a Pipfile's packages."""

    name: str  # normalized distribution name
    spec: str
    source: str
    pinned: bool
    scope: Scope


@dataclass(frozen=True, slots=True)
class DeclaredDependency:
    """A distribution declared anywhere: manifests' every table, setup.py files, a notebook's
    ``!pip install``, the install commands of CI jobs and Dockerfiles."""

    name: str  # normalized distribution name
    source: str  # the declaring file's repo path
    scope: Scope
    group: str = ""  # the extra or dependency group, when there is one
    conda: bool = False  # from a conda environment, which also lists system libraries


@dataclass(frozen=True, slots=True)
class Distribution:
    """A distribution the repository builds itself, and the folder its manifest sits in."""

    name: str | None  # normalized; None when setup.py computes it
    root: str  # "" for the repository root


@dataclass(frozen=True, slots=True)
class CiCommand:
    """One shell command a CI file runs; ``line`` in the CI file when it can be found."""

    text: str
    job: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class CiConfig:
    """A CI file as written: raw facts only (whether it runs the tests is TEST-003's judgement).

    ``includes`` are repo files it pulls in (templates, local reusable workflows, composite
    actions); ``entry`` is False for files that run only when included.
    """

    path: str
    system: str
    jobs: tuple[str, ...] = ()
    commands: tuple[CiCommand, ...] = ()
    includes: tuple[str, ...] = ()
    entry: bool = True
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FileHistory:
    """One file's history in the scanned window, under the path it has today."""

    commits: int
    authors: tuple[str, ...]
    added: int
    deleted: int
    last_change: str
    lines_known: bool = True  # False: some of its changes were read without line counts


@dataclass(frozen=True, slots=True)
class FileChange:
    """What one commit did to one file; the path is today's (renames followed)."""

    path: str
    added: int | None  # None: the line counts could not be read (content absent from the clone)
    deleted: int | None
    created: bool = False  # the commit added the file (a rename is not a creation)


@dataclass(frozen=True, slots=True)
class CommitFacts:
    """One non-merge commit: who wrote it (a merged identity, see GitFacts.identities) and what."""

    sha: str
    author: str
    date: str
    changes: tuple[FileChange, ...] = ()


@dataclass(frozen=True, slots=True)
class GitFacts:
    """The repository's history as far as it could be read.

    ``available`` says the audited folder is in a git repository with commits (its
    files are what is committed); ``history_error`` says the history itself could not
    be read at all, and ``history_note`` what was lost while reading it (line counts of
    files whose content the clone lacks, renames not followed). Authors are merged
    identities: one person's addresses, joined by ``.mailmap`` and by name, are one key
    (their most used address, lower-cased), and ``identities`` lists what each key joined.
    """

    available: bool
    reason: str = ""
    head: str | None = None
    branch: str | None = None
    dirty: bool | None = None
    shallow: bool = False
    commits: int = 0
    window: int | None = None  # the most recent commits asked for; None: all of them
    truncated: bool = False
    total_commits: int = 0  # non-merge commits in the history (read or not)
    authors: dict[str, int] = field(default_factory=dict)
    files: dict[str, FileHistory] = field(default_factory=dict)
    history_error: str = ""
    history_note: str = ""
    lines_missing: tuple[str, ...] = ()  # today's paths with changes read without line counts
    prefix: str = ""  # the audited folder inside the enclosing repository ("" at its top)
    names: dict[str, str] = field(default_factory=dict)  # author key -> "Name <address>"
    identities: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> joined ids
    log: tuple[CommitFacts, ...] = ()  # newest first, the scanned window
    # committed files whose content this clone lacks: ``git replace`` stand-ins for absent
    # blobs (a copy that left out large files); what is on disk is not their content
    stand_ins: tuple[str, ...] = ()

    @property
    def has_history(self) -> bool:
        """The history was read (perhaps with losses ``history_note`` states)."""
        return self.available and not self.history_error


@dataclass(frozen=True, slots=True)
class DvcStage:
    """One DVC stage as written, parsed once for every reader (graph, rules, checklist).

    Paths are repo-relative with the stage's ``wdir`` applied (URLs and absolute paths stay
    as written); ``params`` maps each params file to the keys the stage reads from it.
    A ``.dvc`` file is DVC's single-stage file: its ``name`` is empty, its ``outs`` are
    tracked data and its ``deps`` where an imported file came from.
    """

    path: str
    name: str
    line: int | None = None
    wdir: str = ""
    cmd: tuple[str, ...] = ()
    deps: tuple[str, ...] = ()
    outs: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    plots: tuple[str, ...] = ()
    params: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def outputs(self) -> tuple[str, ...]:
        """Everything the stage writes: outs, metrics and plots."""
        return self.outs + self.metrics + self.plots


@dataclass(frozen=True, slots=True)
class ConfigFacts:
    parsed: dict[str, ParsedConfig] = field(default_factory=dict)
    dependencies: tuple[Dependency, ...] = ()
    declared: tuple[DeclaredDependency, ...] = ()  # every declaration, with its scope
    distributions: tuple[Distribution, ...] = ()  # what the repository builds
    lock_files: tuple[str, ...] = ()
    ci: tuple[CiConfig, ...] = ()
    task_commands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codeowners: tuple[tuple[str, tuple[str, ...]], ...] = ()
    codeowners_path: str | None = None
    lfs_patterns: tuple[str, ...] = ()
    dvc_tracked: tuple[str, ...] = ()
    dvc_stages: tuple[DvcStage, ...] = ()  # pipeline stages of every dvc.yaml, by file then order
    dvc_files: tuple[DvcStage, ...] = ()  # the .dvc single-stage files
    dvc_problems: tuple[str, ...] = ()  # dvc.yaml files or stages that could not be read
    linters: tuple[str, ...] = ()

    def get(self, path: str) -> ParsedConfig | None:
        return self.parsed.get(path)

    def of_kind(self, kind: str) -> list[ParsedConfig]:
        return [config for config in self.parsed.values() if config.kind == kind]


@dataclass(frozen=True, slots=True)
class RepoFacts:
    """Everything collected in the one pass over the repository."""

    root: str
    files: dict[str, FileFact]
    python: dict[str, PythonFacts]
    notebooks: dict[str, NotebookFacts]
    texts: dict[str, str]
    configs: ConfigFacts
    git: GitFacts
    cache_hits: int = 0
    parsed_files: int = 0
    checklist: Any = None  # ChecklistFacts | None; typed loosely to keep this module import-light
    # path -> InlineSuppression
    suppressions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    contracts: ContractFacts | None = None
    # ModelCard (prodready.scanners.model_cards), typed loosely to keep this module import-light
    model_cards: tuple[Any, ...] = ()

    def of_kind(self, kind: FileKind) -> list[FileFact]:
        return [fact for fact in self.files.values() if fact.kind == kind]

    def code_units(self) -> dict[str, PythonFacts]:
        """Python facts of every module and every notebook's code, keyed by path."""
        units = dict(self.python)
        for path, notebook in self.notebooks.items():
            if notebook.python is not None:
                units[path] = notebook.python
        return units
