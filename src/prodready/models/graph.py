"""The dependency graph's section of the result."""

from __future__ import annotations

from pydantic import Field

from prodready.models.base import FrozenModel


class GraphSummary(FrozenModel):
    """The dependency graph in numbers, its analyses, and its drawing for the HTML report."""

    nodes: int = 0
    edges: int = 0
    nodes_by_type: dict[str, int] = {}
    edges_by_type: dict[str, int] = {}
    cycles: list[list[str]] = Field([], description="Import cycles, each once, as module names.")
    orphans: list[str] = Field([], description="Paths of modules nothing imports, runs or names.")
    lineage: list[list[str]] = Field(
        [], description="Paths from raw data through stages and the model to a serving app."
    )
    problems: list[str] = Field([], description="Inputs the graph had to leave out, and why.")
    level: str = Field("module", description="module, or package when the SVG is collapsed.")
    collapsed: bool = Field(False, description="True when the SVG merges modules into packages.")
    svg: str | None = Field(None, description="The graph drawn as a standalone SVG document.")
    error: str | None = None
