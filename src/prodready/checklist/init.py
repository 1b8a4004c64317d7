"""``prodready init``: a commented prodready.yaml prefilled with what the repository already shows.

Every value that the facts cannot supply is left as a clear TODO, so the file
is honest from the first commit: prodready will report those as missing.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath
from typing import Any

import yaml

from prodready.checklist.evidence import as_number
from prodready.scanners.facts import DvcStage, RepoFacts

METRIC_FOLDERS = ("metrics/", "reports/metrics", "eval/", "evaluation/")
MODEL_CARD_NAMES = ("model_card.md", "model-card.md", "modelcard.md")
BENCH_HINTS = ("latency", "benchmark", "load")
LOWER_IS_BETTER = ("loss", "error", "mse", "mae", "rmse", "latency", "_ms", "perplexity")


def init_context(facts: RepoFacts, name: str) -> dict[str, Any]:
    """Values for the template, each with the evidence it came from."""
    configs = facts.configs
    return {
        "name": name,
        "owners": _owners(facts),
        "top_authors": sorted(facts.git.authors.items(), key=lambda item: (-item[1], item[0]))[:5],
        "metrics": _metrics(facts),
        "baseline": _baseline(facts),
        "latency": _latency(facts),
        "seed": _seed(facts),
        "training_command": "dvc repro" if "dvc.yaml" in facts.files else None,
        "dvc_stages": _dvc_stages(facts),
        "data_version": "dvc"
        if any(p.endswith((".dvc", "dvc.yaml")) for p in facts.files)
        else ("lfs" if configs.lfs_patterns else None),
        "lock_file": min(configs.lock_files, key=lambda p: ("dev" in p, p.count("/"), p))
        if configs.lock_files
        else None,
        "ci": [f"{ci.path} ({ci.system})" for ci in configs.ci if ci.entry],
        "contracts": sorted(
            p
            for p in facts.files
            if p.endswith((".odcs.yaml", ".odcs.yml")) or fnmatch.fnmatch(p, "*datacontract*.y*ml")
        ),
        "model_card": next(
            (p for p in sorted(facts.files) if PurePosixPath(p).name.lower() in MODEL_CARD_NAMES),
            None,
        ),
        "monitoring": sorted(
            p
            for p in facts.files
            if p.startswith("monitoring/") or "drift" in PurePosixPath(p).name.lower()
        )[:3],
    }


def render_checklist(facts: RepoFacts, name: str) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("prodready.checklist", "templates"),
        autoescape=False,  # YAML, not HTML: values are quoted by the `y` filter instead
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["y"] = _yaml_scalar
    return environment.get_template("prodready.yaml.j2").render(**init_context(facts, name))


class _OneLineDumper(yaml.SafeDumper):
    """Flow style on one line: a string with a newline or a control character is double-quoted
    with escapes, so no repository value (a DVC stage name, a benchmark key) can start a line
    of its own in the generated checklist, in a value or in a comment."""


def _one_line_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = None if data.isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_OneLineDumper.add_representer(str, _one_line_str)


def _yaml_scalar(value: Any) -> str:
    text = yaml.dump(
        value,
        Dumper=_OneLineDumper,
        default_flow_style=True,
        width=float("inf"),
        allow_unicode=True,
    )
    return text.strip().removesuffix("...").strip()


def _owners(facts: RepoFacts) -> list[str]:
    for pattern, owners in facts.configs.codeowners:
        if pattern in ("*", "/*", "**"):
            return list(owners)
    return list(facts.configs.codeowners[0][1]) if facts.configs.codeowners else []


def _numeric_leaves(data: Any) -> list[tuple[str, float]]:
    """Top-level numeric entries of a metrics file, as (JSON Pointer, value)."""
    if not isinstance(data, dict):
        return []
    leaves = []
    for key, value in data.items():
        number = as_number(value) if isinstance(value, int | float) else None
        if number is not None:
            leaves.append((f"/{str(key).replace('~', '~0').replace('/', '~1')}", number))
    return leaves


def _metric_files(facts: RepoFacts) -> list[str]:
    declared = {m for stage in _root_stages(facts) for m in stage.metrics}
    found = {p for p in facts.files if p.endswith(".json") and p.startswith(METRIC_FOLDERS)}
    return sorted((declared | found) & set(facts.files))


def _metrics(facts: RepoFacts) -> list[dict[str, Any]]:
    metrics = []
    for path in _metric_files(facts):
        if "baseline" in path:
            continue
        config = facts.configs.get(path)
        for pointer, value in _numeric_leaves(config.data if config and not config.error else None)[
            :8
        ]:
            name = pointer.rsplit("/", 1)[-1]
            direction = (
                "lower" if any(word in name.lower() for word in LOWER_IS_BETTER) else "higher"
            )
            metrics.append(
                {
                    "name": name,
                    "value": value,
                    "direction": direction,
                    "evidence": f"{path}#{pointer}",
                }
            )
    return metrics


def _baseline(facts: RepoFacts) -> dict[str, Any] | None:
    for path in _metric_files(facts):
        config = facts.configs.get(path)
        if "baseline" in path and config and not config.error:
            leaves = _numeric_leaves(config.data)
            if leaves:
                pointer, value = leaves[0]
                return {
                    "metric": pointer.rsplit("/", 1)[-1],
                    "value": value,
                    "evidence": f"{path}#{pointer}",
                }
    return None


def _latency(facts: RepoFacts) -> dict[str, Any] | None:
    for path in sorted(facts.files):
        if path.endswith(".json") and any(hint in path.lower() for hint in BENCH_HINTS):
            config = facts.configs.get(path)
            data = config.data if config and not config.error else None
            if isinstance(data, dict) and any(
                key in data for key in ("p50_ms", "p95_ms", "p99_ms")
            ):
                return {
                    "evidence": path,
                    "measured": {k: data[k] for k in ("p50_ms", "p95_ms", "p99_ms") if k in data},
                }
    return None


def _seed(facts: RepoFacts) -> dict[str, Any] | None:
    for path in ("params.yaml", "config.yaml", "conf/config.yaml"):
        config = facts.configs.get(path)
        if config and isinstance(config.data, dict):
            for key in ("seed", "random_state", "random_seed"):
                if isinstance(config.data.get(key), int):
                    return {"value": config.data[key], "source": f"{path}: {key}"}
    return None


def _dvc_stages(facts: RepoFacts) -> list[str]:
    return sorted(stage.name for stage in _root_stages(facts))


def _root_stages(facts: RepoFacts) -> list[DvcStage]:
    """The stages of the top-level dvc.yaml, the pipeline a checklist draft names."""
    return [stage for stage in facts.configs.dvc_stages if stage.path == "dvc.yaml"]
