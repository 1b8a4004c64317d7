"""Helpers shared by the hostile-repository tests: a CLI run in a fresh process, tiny repos."""

from __future__ import annotations

from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def small_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text("import os\n", encoding="utf-8")
    return root


CONTRACT = """\
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
servers:
  - server: local
    type: local
    path: {path}
    format: {format}
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        logicalTypeOptions: {{pattern: '{pattern}'}}
        quality:
          - metric: invalidValues
            arguments: {{pattern: '{pattern}'}}
            mustBe: 0
"""


def sample_of(
    root: Path, path: str, fmt: str = "csv", pattern: str = "^o-[0-9]+$", limit=5_000_000
):  # type: ignore[no-untyped-def]
    from prodready.scanners import ScanOptions, collect

    (root / "orders.odcs.yaml").write_text(
        CONTRACT.format(path=path, format=fmt, pattern=pattern), encoding="utf-8"
    )
    from prodready.contracts.runner import run_sample_tests

    facts = collect(root, ScanOptions(use_cache=False, max_text_bytes=limit)).contracts
    (samples,) = (found for found in run_sample_tests(root, facts, limit).values() if found)
    return samples[0]
