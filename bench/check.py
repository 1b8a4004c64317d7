"""Fail when a speed ratio regressed: ``python bench/check.py RESULTS.json [--baseline FILE]``.

Ratios (every one lower-is-better, taken within one run so the shared machine's
load mostly cancels) are compared with ``bench/baseline.json``; a ratio more than
``--tolerance`` (20%) above its baseline fails the check, exit 1. A ratio missing
from the results is reported, not failed (a run may measure fewer sizes).
``--update`` writes the results' ratios as the new baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"


def regressions(
    current: dict[str, float], baseline: dict[str, float], tolerance: float
) -> list[str]:
    """One line per ratio above its baseline by more than ``tolerance``."""
    return [
        f"{name}: {current[name]:.3f} > {limit:.3f} x {1 + tolerance:.2f}"
        for name, limit in sorted(baseline.items())
        if name in current and current[name] > limit * (1 + tolerance)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--tolerance", type=float, default=0.2)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args(argv)
    try:
        current = json.loads(args.results.read_text(encoding="utf-8"))["ratios"]
        baseline = {} if args.update else json.loads(args.baseline.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as error:
        print(f"{args.results}: cannot read ratios ({error})", file=sys.stderr)
        return 2
    if args.update:
        args.baseline.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        print(f"wrote {len(current)} ratios to {args.baseline}")
        return 0
    for name in sorted(set(baseline) - set(current)):
        print(f"not measured: {name}")
    failed = regressions(current, baseline, args.tolerance)
    for line in failed:
        print(f"REGRESSED {line}")
    print(f"{len(failed)} of {len(set(baseline) & set(current))} ratios regressed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
