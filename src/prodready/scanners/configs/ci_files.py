"""Which CI system a file belongs to: by its path, or (Azure Pipelines) by the shape of its YAML.

The one list of CI systems: TEST-002, TEST-003, the aspects and ``prodready init`` read it here.
"""

from __future__ import annotations

import fnmatch
from typing import Any

CI_FILES: tuple[tuple[str, str], ...] = (
    (".github/workflows/*.yml", "github-actions"),
    (".github/workflows/*.yaml", "github-actions"),
    (".github/actions/*/action.yml", "github-actions"),
    (".github/actions/*/action.yaml", "github-actions"),
    (".gitlab-ci.yml", "gitlab-ci"),
    ("azure-pipelines.yml", "azure-pipelines"),
    ("azure-pipelines.yaml", "azure-pipelines"),
    (".azure-pipelines/*.yml", "azure-pipelines"),
    (".azure-pipelines/*.yaml", "azure-pipelines"),
    ("Jenkinsfile", "jenkins"),
    ("*/Jenkinsfile", "jenkins"),
    (".circleci/config.yml", "circleci"),
    (".circleci/config.yaml", "circleci"),
    (".travis.yml", "travis"),
    (".buildkite/pipeline.yml", "buildkite"),
    (".buildkite/pipeline.yaml", "buildkite"),
    (".buildkite/*.yml", "buildkite"),
    ("bitbucket-pipelines.yml", "bitbucket"),
)
CI_SYSTEMS = tuple(sorted({system for _, system in CI_FILES}))
_AZURE_STEP_KEYS = frozenset(
    {"script", "bash", "pwsh", "powershell", "task", "checkout", "template", "download", "publish"}
)
_AZURE_LIST_ITEM_KEYS = {
    "steps": _AZURE_STEP_KEYS,
    "jobs": frozenset({"job", "deployment", "template"}),
    "stages": frozenset({"stage", "template"}),
}


def ci_system_of(path: str) -> str | None:
    """The CI system whose conventional location ``path`` is, if any."""
    for pattern, system in CI_FILES:
        if fnmatch.fnmatchcase(path, pattern):
            return system
    return None


def looks_like_azure_pipeline(data: Any) -> bool:
    """Azure Pipelines YAML by shape: ``stages``/``jobs``/``steps`` as lists of Azure items.

    Azure files live anywhere (a ``.pipelines/`` folder, templates beside them), so the
    name proves nothing; GitLab's ``stages`` is a list of names and GitHub's ``jobs`` a
    mapping, so neither matches.
    """
    if not isinstance(data, dict):
        return False
    for key, item_keys in _AZURE_LIST_ITEM_KEYS.items():
        items = data.get(key)
        if (
            isinstance(items, list)
            and items
            and all(isinstance(i, dict) for i in items)
            and any(set(item) & item_keys for item in items)
        ):
            return True
    return False
