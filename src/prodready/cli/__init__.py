"""Command line: the only package that touches click, the terminal and the exit code.

One module per command group, each exporting ``COMMANDS``; adding a group is one entry in
``COMMAND_MODULES``. Heavy libraries are imported inside the commands, so ``prodready
--version`` and a pre-commit run start fast. Exit codes are defined in ``prodready.gate``.
"""

from __future__ import annotations

import importlib

from prodready.cli.app import cli, main

COMMAND_MODULES = (
    "audit",
    "reports",
    "trend",
    "baseline",
    "catalog",
    "init",
    "graph",
    "contracts",
    "portfolio",
)

for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"prodready.cli.{_name}").COMMANDS:
        cli.add_command(_command)

__all__ = ["cli", "main"]
