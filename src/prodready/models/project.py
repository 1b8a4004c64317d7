"""What was audited: the repository, its kind, the facts in numbers, the readiness aspects."""

from __future__ import annotations

from pydantic import Field

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import AspectStatus, ProjectKind


class KindEvidence(FrozenModel):
    kind: ProjectKind
    weight: float
    reason: str = Field(description="What was seen, with the file that shows it.")


class ProjectInfo(FrozenModel):
    kind: ProjectKind
    reason: str
    overridden: bool = False
    runner_up: ProjectKind | None = Field(
        None, description="The kind with the next most evidence, when there is one."
    )
    evidence: list[KindEvidence] = Field(
        default_factory=list, description="Every signal weighed, strongest first."
    )


class RepoInfo(FrozenModel):
    name: str
    is_git: bool
    commit: str | None = None
    branch: str | None = None
    dirty: bool | None = None
    shallow: bool | None = None
    config_sha256: str | None = Field(
        None, description="pyproject.toml that may hold [tool.prodready]."
    )
    checklist_sha256: str | None = None
    codeowners: list[str] = Field(
        default_factory=list,
        description="Who CODEOWNERS says owns the repository: its catch-all rule's owners, "
        "else every owner it names, in file order.",
    )


class FactsSummary(FrozenModel):
    files: int = 0
    files_by_kind: dict[str, int] = {}
    python_files: int = 0
    python_lines: int = 0
    notebooks: int = 0
    unparsable_files: int = 0
    commits_scanned: int = 0
    # non-merge commits the history holds: more than commits_scanned when git_window cut it;
    # None when unknown (no history, or a report written before this was counted)
    commits_in_history: int | None = None
    authors: int = 0
    cache_hits: int = 0
    parsed_files: int = 0


class Hotspot(FrozenModel):
    path: str
    max_complexity: int
    maintainability: float | None
    churn: int
    commits: int


class Aspect(FrozenModel):
    status: AspectStatus
    evidence: list[str] = []
