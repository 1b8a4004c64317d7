"""Run the leakage analysis over clones and list every leak it proves, to be judged by hand.

    python bench/field/leakage.py --clones DIR [--only owner__name] [--fits N]

For each repository folder under DIR it reads every notebook and module (all paths, not
only source paths: the point is to see the analysis at work), prints the LEAK findings
with their chain, the counts of events the analysis followed, and with ``--fits N`` a
seeded sample of N preprocessing fits in notebooks it did *not* report, for judging recall.
Nothing from the clones is imported or run.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

from prodready.rules.ml_smells._leakage import (
    multi_test_leaks,
    overlap_leaks,
    preprocessing_leaks,
    where,
)
from prodready.scanners.notebooks import analyze_notebook
from prodready.scanners.python_ast import analyze_python

JUDGES = {"LEAK-001": preprocessing_leaks, "LEAK-002": overlap_leaks, "LEAK-003": multi_test_leaks}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clones", type=Path, required=True)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--fits", type=int, default=0, help="sample of unreported fits to show")
    args = parser.parse_args()
    if not args.clones.is_dir():
        print(f"{args.clones}: not a folder", file=sys.stderr)
        return 2
    totals = {"notebooks": 0, "modules": 0, "splits": 0, "fits": 0, "evals": 0}
    unreported: list[str] = []
    for repo in sorted(p for p in args.clones.iterdir() if p.is_dir()):
        if args.only and repo.name not in args.only:
            continue
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, check=False,
        ).stdout.strip()  # fmt: skip
        for path in sorted([*repo.rglob("*.ipynb"), *repo.rglob("*.py")]):
            relative = path.relative_to(repo).as_posix()
            if "/." in f"/{relative}" or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if "fit" not in text:
                continue
            notebook = path.suffix == ".ipynb"
            unit = analyze_notebook(text).python if notebook else analyze_python(text)
            if unit is None or unit.leakage is None:
                continue
            facts = unit.leakage
            totals["notebooks" if notebook else "modules"] += 1
            totals["splits"] += len(facts.splits)
            totals["fits"] += len(facts.fits)
            totals["evals"] += len(facts.evals)
            reported: set[int] = set()
            for rule, judge in JUDGES.items():
                for leak in judge(facts):
                    reported.add(leak.line)
                    print(f"{rule} {repo.name}@{commit} {relative} {where(facts, leak.line)}")
                    print(f"    {leak.message}")
            unreported.extend(
                f"{repo.name}@{commit} {relative} {where(facts, fit.line)}: "
                f"{fit.cls or fit.target}.{fit.method}({fit.data})"
                for fit in facts.fits
                if notebook and fit.role == "preprocessor" and fit.line not in reported
            )
    print("followed:", ", ".join(f"{key} {value}" for key, value in totals.items()))
    if args.fits:
        print(f"unreported preprocessing fits in notebooks: {len(unreported)}; {args.fits} of them:")
        for line in random.Random(17).sample(unreported, min(args.fits, len(unreported))):
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
