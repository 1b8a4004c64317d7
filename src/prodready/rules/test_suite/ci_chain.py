"""Does CI run the tests? Followed the way CI systems run it: includes, tasks, scripts, job files.

The scanner records what each CI file says (``CiConfig``); this module judges it, for
TEST-003 and the ``testing.ci_runs_tests`` aspect alike. A test runner counts when an
entry CI file reaches it through included templates, make/tox/nox/just/hatch/poe/pdm/
pixi targets, shell scripts, job files it submits (``anyscale job submit job.yaml`` ->
``entrypoint: bash run.sh``) or a Python script that calls ``pytest.main``.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from prodready.scanners.configs.ci import collect_commands
from prodready.scanners.facts import CiConfig, RepoFacts

TEST_RUNNER = re.compile(
    r"(?<![\w-])(pytest|py\.test|nose2|unittest|ward)(?![\w-])"
    r"|manage\.py\s+test\b|hatch\s+(run\s+)?test\b"
)
# Installing a tool is not running it: `pip install pytest tox` proves nothing about tests.
INSTALL_COMMAND = re.compile(
    r"^\s*(sudo\s+)?(python3?\s+-m\s+)?"
    r"(pip3?|uv\s+pip|uv\s+tool|uv|pipx|poetry|pdm|conda|mamba|micromamba|apt(-get)?|brew)"
    r"\s+(install|add|sync)\b"
)
_CHAIN = re.compile(r"&&|\|\||;|\|")
_TEST_MAIN = frozenset({"pytest.main", "unittest.main"})
_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class TestRun:
    """A CI file that reaches a test runner, and the chain of steps that gets there."""

    config: str
    line: int | None
    chain: tuple[str, ...]

    @property
    def evidence(self) -> str:
        where = f"{self.config}:{self.line}" if self.line else self.config
        return f"{where}: {' -> '.join(self.chain)}"


@dataclass(frozen=True, slots=True)
class CiTests:
    entries: tuple[CiConfig, ...]
    runs: tuple[TestRun, ...]
    unresolved: tuple[str, ...]  # commands whose effect cannot be seen (a missing script)
    broken: tuple[CiConfig, ...]  # CI files that could not be parsed


def ci_test_runs(facts: RepoFacts) -> CiTests:
    return ci_reaches(facts, lambda piece: bool(TEST_RUNNER.search(piece)))


def ci_reaches(facts: RepoFacts, matches: Callable[[str], bool]) -> CiTests:
    """Every entry CI file's chain to a command ``matches`` accepts (test runs: ``ci_test_runs``)."""
    configs = {ci.path: ci for ci in facts.configs.ci}
    included = {path for ci in configs.values() for path in ci.includes}
    entries = tuple(ci for ci in configs.values() if ci.entry and ci.path not in included)
    follower = _Follower(facts, configs, matches)
    runs, unresolved = [], []
    for ci in entries:
        found, unseen = follower.config(ci, (), frozenset({ci.path}))
        runs.extend(found)
        unresolved.extend(unseen)
    broken = tuple(ci for ci in configs.values() if ci.error)
    return CiTests(entries, tuple(runs), tuple(dict.fromkeys(unresolved)), broken)


class _Follower:
    def __init__(
        self, facts: RepoFacts, configs: dict[str, CiConfig], matches: Callable[[str], bool]
    ) -> None:
        self.facts = facts
        self.configs = configs
        self.matches = matches
        self.tasks = facts.configs.task_commands

    def config(
        self, ci: CiConfig, via: tuple[str, ...], seen: frozenset[str]
    ) -> tuple[list[TestRun], list[str]]:
        runs: list[TestRun] = []
        unresolved: list[str] = []
        for command in ci.commands:
            chain = self.command(command.text, 0, seen)
            if chain is None:
                continue
            if chain and chain[0] == "?":
                unresolved.append(f"{ci.path}: {command.text}")
                continue
            top = self.configs[via[0]].path if via else ci.path
            runs.append(TestRun(top, None if via else command.line, (*via[1:], *chain)))
        for path in ci.includes:
            target = self.configs.get(path)
            if target is None or path in seen:
                continue
            step = f"{ci.path} includes {path}"
            found, unseen = self.config(target, via or (ci.path, step), seen | {path})
            if not via:
                found = [TestRun(ci.path, None, run.chain) for run in found]
            runs.extend(found)
            unresolved.extend(unseen)
        return runs, unresolved

    def command(self, text: str, depth: int, seen: frozenset[str]) -> tuple[str, ...] | None:
        """The chain to a matching command; ``("?",)`` when a step cannot be seen; None when none."""
        undecided = False
        for piece in (part.strip() for part in _CHAIN.split(text)):
            if not piece or piece.startswith("#") or INSTALL_COMMAND.search(piece):
                continue
            if self.matches(piece):
                return (piece,)
            if depth >= _MAX_DEPTH:
                continue
            for step, lines, unseen in self._callees(piece, seen):
                if unseen:
                    undecided = True
                    continue
                for line in lines:
                    chain = self.command(line, depth + 1, seen | {step})
                    if chain and chain[0] != "?":
                        return (piece, f"{step}: {chain[0]}", *chain[1:])
                    undecided = undecided or chain == ("?",)
        return ("?",) if undecided else None

    def _callees(self, piece: str, seen: frozenset[str]) -> list[tuple[str, list[str], bool]]:
        """What one command runs: (step name, its lines, cannot-be-seen)."""
        try:
            words = shlex.split(piece, comments=True)
        except ValueError:
            words = piece.split()
        found: list[tuple[str, list[str], bool]] = []
        for task in _task_keys(words):
            if task in seen:
                continue
            runner = task[: task.rindex(":") + 1]
            if runner == "tox:" and task not in self.tasks:
                task = "tox:default"  # tox builds a named env such as py311 from [testenv]
            if task in self.tasks:
                found.append((task, list(self.tasks[task]), False))
            elif not any(key.startswith(runner) for key in self.tasks):
                found.append((task, [], True))  # the runner's file is not in the repository
            elif task.endswith(":?"):  # every environment (tox's envlist, a pixi task list)
                found.extend(
                    (key, list(self.tasks[key]), False)
                    for key in self.tasks
                    if key.startswith(runner)
                )
        for word in words:
            path = self._repo_path(word)
            if path is None or path in seen:
                continue
            found.extend(self._file_steps(path))
        return found

    def _repo_path(self, word: str) -> str | None:
        if "/" not in word and not word.endswith((".sh", ".py", ".yml", ".yaml")):
            return None
        path = word.removeprefix("./").strip("'\"")
        if path in self.facts.files:
            return path
        if word.endswith(".sh"):
            return f"?{path}"  # a script we cannot see
        return None

    def _file_steps(self, path: str) -> list[tuple[str, list[str], bool]]:
        if path.startswith("?"):
            return [(path[1:], [], True)]
        suffix = PurePosixPath(path).suffix
        if suffix in (".sh", ".bash"):
            text = self.facts.texts.get(path)
            return [(path, text.splitlines() if text is not None else [], text is None)]
        if suffix in (".yml", ".yaml"):
            config = self.facts.configs.get(path)
            if config is None or config.error or path in self.configs:
                return []
            return [
                (
                    path,
                    [c for cmd in collect_commands(config.data) for c in cmd.splitlines()],
                    False,
                )
            ]
        if suffix == ".py":
            unit = self.facts.python.get(path)
            if unit is not None and any(call.name in _TEST_MAIN for call in unit.calls):
                return [(path, ["pytest (pytest.main in the script)"], False)]
        return []


def _task_keys(words: list[str]) -> list[str]:
    """The task keys (see ``scanners.configs.tasks``) a command line invokes."""
    if not words:
        return []
    tool, rest = PurePosixPath(words[0]).name, words[1:]
    positional = [w for w in rest if not w.startswith("-")]
    if tool == "make":
        folder = _option(rest, "-C")
        targets = [w for w in positional if w != folder and "=" not in w] or ["all"]
        prefix = "make:" if folder in (None, ".") else f"make:{folder.rstrip('/')}:"
        return [f"{prefix}{targets[0]}"]
    if tool == "tox":
        envs = (_option(rest, "-e") or "").split(",")
        return [f"tox:{env}" for env in envs if env] or ["tox:?"]
    if tool == "nox":
        return ["nox:*"]
    if tool in ("just", "poe"):
        return [f"{tool}:{positional[0] if positional else 'default'}"]
    if tool in ("pdm", "pixi", "hatch") and positional[:1] == ["run"]:
        name = next((w for w in positional[1:] if not w.startswith("-")), "")
        if tool == "hatch":
            env, _, script = name.rpartition(":")
            return [f"hatch:{env or 'default'}:{script}"]
        if tool == "pixi":
            return [f"pixi:{w}" for w in _without_options(rest, ("-e", "--environment"))[1:2]]
        return [f"pdm:{name}"]
    return []


def _without_options(words: list[str], valued: tuple[str, ...]) -> list[str]:
    """Positional words, leaving out flags and the values of the ``valued`` flags."""
    kept, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word in valued:
            skip = True
        elif not word.startswith("-"):
            kept.append(word)
    return kept


def _option(words: list[str], flag: str) -> str | None:
    for index, word in enumerate(words):
        if word == flag and index + 1 < len(words):
            return words[index + 1]
        if word.startswith(flag) and len(word) > len(flag) and not word.startswith("--"):
            return word[len(flag) :]
    return None
