"""The one way prodready runs git on an audited repository: its own config is never trusted.

An audited repository is hostile, and so is its ``.git/config``: ``core.fsmonitor``,
hooks, external diff and textconv drivers, clean/smudge filters, a pager or a
signature program there are commands git would run for us. Every call goes
through :func:`run_git`, which turns each of them off on the command line (where
it outranks any config file), ignores the system config, never prompts, never
takes optional locks and never fetches: a partial clone's missing objects fail
fast instead of reaching for the network.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Config that outranks whatever the repository sets; each entry disarms one command git could run.
SAFE_CONFIG: tuple[str, ...] = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "core.sshCommand=",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "gpg.program=/bin/false",
    "protocol.allow=never",  # a partial clone never fetches what it lacks
    "submodule.recurse=false",
    "mailmap.file=",  # only the .mailmap committed at the top of the tree maps identities
    "mailmap.blob=",
    # output the parsers rely on, whatever the repository prefers
    "color.ui=false",
    "log.showRoot=true",
    "log.follow=false",
    "diff.relative=false",
    "i18n.logOutputEncoding=UTF-8",
)
#: Options of the subcommands that diff: no external diff program, no textconv filter.
NO_DIFF_DRIVERS: tuple[str, ...] = ("--no-ext-diff", "--no-textconv")

# Repository discovery is by path alone: a GIT_DIR or index inherited from a hook that
# called prodready must not redirect it.
_UNSET = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_EXTERNAL_DIFF",
    "GIT_CONFIG",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_PARAMETERS",
)
SAFE_ENV: dict[str, str] = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "LC_ALL": "C",
}


class GitError(Exception):
    """A git command that failed; ``stderr`` is git's own explanation, cut to one line."""

    def __init__(self, args: Sequence[str], returncode: int, stderr: str) -> None:
        self.returncode = returncode
        self.stderr = " ".join(stderr.split())[:300]
        super().__init__(f"git {' '.join(args[:2])} failed ({returncode}): {self.stderr}")


def git_env() -> dict[str, str]:
    """The environment of every git command: the caller's, minus redirections, plus SAFE_ENV."""
    env = {key: value for key, value in os.environ.items() if key not in _UNSET}
    env.update(SAFE_ENV)
    return env


def run_git(
    cwd: Path,
    *args: str,
    config: Sequence[str] = (),
    stdin: str | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> str:
    """``git <args>`` in ``cwd`` with the repository's config disarmed; stdout as text.

    ``config`` adds ``key=value`` overrides (e.g. :func:`filter_overrides`). Raises
    :class:`GitError` on any exit code outside ``ok_codes``, or when git is missing.
    """
    command = ["git", "--no-pager", *_config_args((*SAFE_CONFIG, *config)), *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=git_env(),
            input=stdin.encode() if stdin is not None else None,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as error:  # git not installed, cwd gone
        raise GitError(args, -1, str(error)) from error
    if done.returncode not in ok_codes:
        raise GitError(args, done.returncode, done.stderr.decode("utf-8", "replace"))
    return done.stdout.decode("utf-8", "replace")


def filter_overrides(cwd: Path) -> tuple[str, ...]:
    """Overrides that disarm every clean/smudge filter driver the config defines.

    Commands that compare the work tree with the index (status, diff) run a file's
    filter driver; the driver's name is the repository's to choose, so the names are
    read first (reading config runs nothing) and each driver is emptied.
    """
    try:
        keys = run_git(cwd, "config", "--name-only", "--get-regexp", r"^filter\.", ok_codes=(0, 1))
    except GitError:
        return ()
    drivers = {key.rsplit(".", 1)[0] for key in keys.split() if key.count(".") >= 2}
    return tuple(
        f"{driver}.{part}"
        for driver in sorted(drivers)
        for part in ("clean=", "smudge=", "process=", "required=false")
    )


def secure(git_command: Any) -> Any:
    """Give a gitpython ``Git`` object the same protection, for code that works through gitpython."""
    git_command.set_persistent_git_options(c=list(SAFE_CONFIG))
    git_command.update_environment(**SAFE_ENV, **dict.fromkeys(_UNSET))
    return git_command


def _config_args(pairs: Sequence[str]) -> list[str]:
    return [part for pair in pairs for part in ("-c", pair)]
