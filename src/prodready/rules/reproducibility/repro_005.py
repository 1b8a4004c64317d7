from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.scanners.facts import FileKind
from prodready.scanners.files import DATA_SUFFIXES, MODEL_SUFFIXES

# Besides data and model formats, LFS patterns on these suffixes track datasets and weights.
_ARCHIVE_AND_MEDIA = frozenset(
    {".bin", ".zip", ".gz", ".tgz", ".tar", ".7z", ".jpg", ".jpeg", ".png", ".wav", ".mp3", ".tif"}
)


def lfs_covers(patterns: tuple[str, ...], path: str) -> bool:
    """gitattributes matching: a pattern without a slash matches the file name at any depth."""
    for pattern in patterns:
        pattern = pattern.removeprefix("/")
        if "/" not in pattern.rstrip("/"):
            if fnmatch.fnmatch(PurePosixPath(path).name, pattern):
                return True
        elif fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(
            path, pattern.removesuffix("**") + "*"
        ):
            return True
    return False


def dvc_covers(tracked: tuple[str, ...], path: str) -> bool:
    return any(path == out or path.startswith(out.rstrip("/") + "/") for out in tracked)


class DataVersioned(Rule):
    """The data a model is trained on is versioned beside the code that trains on it.

    Samples committed next to a DVC or LFS setup are fine (small fixtures, contract
    samples); plain data committed with no versioning tool fails. With neither data
    nor a tool in the repository the data lives elsewhere, which the rule cannot see:
    unknown, never pass.
    """

    meta = RuleMeta(
        id="REPRO-005",
        title="Training data is versioned",
        category=Category.REPRODUCIBILITY,
        severity=Severity.MEDIUM,
        rationale=(
            "A model can only be reproduced, audited or rolled back if the exact data it was "
            "trained on can be retrieved; data committed as plain files or overwritten in place "
            "loses that lineage (ML Test Score, Infra 1 and Data 1; Sculley et al. 2015, data "
            "dependency debt)."
        ),
        passes_when="A data versioning tool is configured: DVC (dvc.yaml, *.dvc files, "
        ".dvc/config) or git LFS patterns covering data or model files.",
        remediation="Track datasets with DVC (`dvc init && dvc add data/raw`) or git LFS "
        "(`git lfs track '*.parquet'`) and commit the .dvc files or .gitattributes.",
        references=(
            "https://dvc.org/doc/start/data-management/data-versioning",
            "https://git-lfs.com/",
            ML_TEST_SCORE,
        ),
        applies_to=frozenset(
            {ProjectKind.MODEL_SERVICE, ProjectKind.TRAINING, ProjectKind.NOTEBOOKS}
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = ctx.facts.configs
        tools = _versioning_tools(ctx)
        data = [
            fact.path
            for fact in ctx.facts.of_kind(FileKind.DATA)
            if ctx.is_source_path(fact.path) and not fact.lfs_pointer and not _hidden(fact.path)
        ]
        loose = [
            path
            for path in data
            if not lfs_covers(configs.lfs_patterns, path)
            and not dvc_covers(configs.dvc_tracked, path)
        ]
        if tools:
            extra = (
                [f"{len(loose)} data file(s) committed outside it, e.g. {loose[0]}"]
                if loose
                else []
            )
            return Verdict.passed(f"data versioned with {', '.join(tools)}", [*tools, *extra])
        if loose:
            findings = [
                FindingDraft(
                    message=f"{path} is committed as a plain file with no data versioning",
                    path=path,
                    evidence=(path,),
                )
                for path in sorted(loose)
            ]
            return Verdict.failed(
                f"{len(loose)} data file(s) committed without DVC or git LFS", findings
            )
        declared = _declared_version(ctx)
        return Verdict.unknown(
            "no data files in the repo (outside tests and docs) and no data versioning tool "
            "configured: cannot tell where the data is versioned",
            [f"checklist declares data_version: {declared}"] if declared else [],
        )


def _hidden(path: str) -> bool:
    """Under a dot-folder (.idea, .vscode, .github): tool settings, not datasets."""
    return any(part.startswith(".") for part in PurePosixPath(path).parts[:-1])


def _versioning_tools(ctx: RuleContext) -> list[str]:
    files = ctx.facts.files
    tools = []
    dvc = [
        path
        for path in files
        if PurePosixPath(path).name == "dvc.yaml"
        or path.endswith(".dvc")
        or path in (".dvc/config", ".dvcignore")
    ]
    if dvc:
        tools.append(f"DVC ({', '.join(sorted(dvc)[:3])})")
    suffixes = DATA_SUFFIXES | MODEL_SUFFIXES | _ARCHIVE_AND_MEDIA
    lfs = [
        pattern
        for pattern in ctx.facts.configs.lfs_patterns
        if "/" in pattern.strip("/") or any(pattern.lower().endswith(s) for s in suffixes)
    ]
    if lfs:
        tools.append(f"git LFS ({', '.join(lfs[:3])})")
    return tools


def _declared_version(ctx: RuleContext) -> str | None:
    """What the readiness checklist says about data versions; a claim, not proof."""
    facts = ctx.facts.checklist
    checklist = getattr(facts, "checklist", None)
    section = getattr(checklist, "reproducibility", None)
    value = getattr(section, "data_version", None)
    return str(value) if value else None
