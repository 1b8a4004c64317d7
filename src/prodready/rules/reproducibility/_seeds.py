"""Where randomness runs unseeded: one pure decision over the facts, whatever the project kind.

Only stochastic work needs a seed: a randomized estimator, a random split or shuffle, a draw
from a global generator in code that trains, deep-learning training. ``LinearRegression().fit``
or ``CountVectorizer().fit`` needs none. A stochastic call is seeded by its own argument
(``random_state=cfg.seed``: a computed value is a seed too), by a library's fixed default
seed, by the ``random_state`` its estimator routes to it, or by a global seed of the generator
it draws from (``torch.manual_seed`` does not seed scikit-learn): earlier in the module or
notebook (cells run in order), through a seeding helper (``set_seed(42)`` defined in the repo,
``L.seed_everything``), or in every run that reaches it.

A *run* is a notebook or a script (a main guard, or stochastic or training calls at module
level); it reaches the modules it imports, transitively, and its seeds seed them. A module
several runs reach is seeded only if every one of them seeds it; a run unseeded at its own
code is reported there, not again in each module it calls. REPRO-004 judges this report in
context; the readiness aspect ``reproducibility.random_seeds`` reads it as is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from prodready.models import ProjectKind, Status
from prodready.rules.reproducibility._common import (
    display_name,
    imports_module,
    module_names,
    resolve_relative,
)
from prodready.scanners.facts import CallFact, FunctionFact, PythonFacts, RepoFacts
from prodready.scanners.queries import imported_modules, is_source_path, is_training_call
from prodready.scanners.randomness import (
    ALL_GENERATORS,
    DL_FRAMEWORKS,
    LOADERS,
    SEED_HELPER_NAME,
    Randomness,
    StochasticCall,
    global_seeds,
    has_seed_value,
    is_dl_training_call,
    stochastic,
)

# Calls through which an estimator hands its own random_state on (scikit-learn's way).
_ROUTING_CALLS = ("check_random_state", "_set_random_states")
CLASSIC_ML_ROOTS = frozenset({"sklearn", "imblearn", "xgboost", "lightgbm", "catboost", "umap"})
_ROUTED_VALUES = frozenset({"random_state", "self.random_state"})
_NEEDS_TRAINING = (Randomness.DRAW, Randomness.GENERATOR)
_NO_SEEDS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Site:
    """One stochastic call; ``seeded_by`` says what seeds it, None when nothing does.

    ``runs`` are the runs that execute it (itself for a notebook or script; none when no run
    in view imports it: then only its own module can seed it); ``unseeded_in`` the runs (or
    the module itself) in which nothing seeds it.
    """

    path: str
    line: int
    name: str
    kind: Randomness
    seeded_by: str | None
    runs: tuple[str, ...]
    unseeded_in: tuple[str, ...] = ()
    default_seed: bool = False  # seeded only by the library's fixed default (XGBoost...)

    @property
    def label(self) -> str:
        return f"`{display_name(self.name)}` ({self.kind.value}, line {self.line})"


@dataclass(frozen=True)
class SeedReport:
    """The stochastic sites in view, how each is seeded, and what could not be seen.

    ``partial`` notebooks have cells that did not parse: such a cell may seed what follows,
    so an unseeded site there is ``uncertain``, not a gap.
    """

    sites: tuple[Site, ...]
    seeding: tuple[str, ...]  # path:line of every global seed point in view
    unparsable: tuple[str, ...]
    partial: tuple[str, ...]

    @cached_property
    def gaps(self) -> tuple[Site, ...]:
        """Unseeded sites, each once: where a run is unseeded at its own code, a module it
        calls into is not reported again for that run."""
        unseeded = [s for s in self.sites if s.seeded_by is None and s.path not in self.partial]
        failing = {s.path for s in unseeded if s.path in s.unseeded_in}
        return tuple(
            s for s in unseeded if any(r == s.path or r not in failing for r in s.unseeded_in)
        )

    @cached_property
    def uncertain(self) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.seeded_by is None and s.path in self.partial)

    @property
    def complete(self) -> bool:
        return not self.unparsable

    @property
    def answer(self) -> str | None:
        """``no`` (a gap), ``yes`` (all seeded, full view), ``unknown``, or None: nothing random runs."""
        if self.gaps:
            return "no"
        if self.uncertain or self.unparsable:
            return "unknown"
        return "yes" if self.sites else None

    def evidence(self) -> list[str]:
        """path:line proving the answer: the gaps for ``no``, what seeds the sites for ``yes``."""
        if self.gaps:
            return [f"{s.path}:{s.line}" for s in self.gaps]
        if self.answer == "unknown":
            return [*self.unparsable, *(f"{s.path}:{s.line}" for s in self.uncertain)]
        return [f"{s.path}:{s.line} seeded by {s.seeded_by}" for s in self.sites]


_LAST: list[tuple[RepoFacts, Callable[[str], bool], SeedReport]] = []


def seed_gaps(facts: RepoFacts, include: Callable[[str], bool] = is_source_path) -> SeedReport:
    """Every stochastic site in the code ``include`` keeps, and whether something seeds it.

    REPRO-004 and SMELL-003 ask the same question of the same facts: the last answers are
    kept (by identity of the facts, never by value), so it is worked out once per audit.
    """
    for known, scope, report in _LAST:
        if known is facts and scope is include:
            return report
    report = _seed_gaps(facts, include)
    _LAST[:] = [*(entry for entry in _LAST if entry[0] is facts), (facts, include, report)][-2:]
    return report


@dataclass(frozen=True)
class SeedJudgement:
    """REPRO-004's decision: the one answer to "is training seeded?", which the checklist's
    ``reproducibility.seed`` claim reads too.

    In a library, modules that scripts and notebooks call into are its API, seeded by whoever
    calls them: only the sites its own runs execute are judged.
    """

    report: SeedReport
    sites: tuple[Site, ...]
    gaps: tuple[Site, ...]
    uncertain: tuple[Site, ...]

    @property
    def status(self) -> Status:
        if self.gaps:
            return Status.FAIL
        if self.report.unparsable or self.uncertain:
            return Status.UNKNOWN
        return Status.PASS if self.sites else Status.NOT_APPLICABLE


def judge_seeds(facts: RepoFacts, kind: ProjectKind) -> SeedJudgement:
    report = seed_gaps(facts)
    sites = tuple(
        site for site in report.sites if kind != ProjectKind.LIBRARY or site.path in site.runs
    )
    return SeedJudgement(
        report=report,
        sites=sites,
        gaps=tuple(site for site in report.gaps if site in sites),
        uncertain=tuple(site for site in report.uncertain if site in sites),
    )


_FOUND: list[tuple[RepoFacts, dict[str, _UnitCalls]]] = []


def _found_for(facts: RepoFacts) -> dict[str, _UnitCalls]:
    """Each unit's stochastic calls and seed calls depend on the unit alone: found once per
    audit, whichever scope (source code for the rules, everything but tests for the aspect)
    asks."""
    if not _FOUND or _FOUND[0][0] is not facts:
        _FOUND[:] = [(facts, {})]
    return _FOUND[0][1]


def _seed_gaps(facts: RepoFacts, include: Callable[[str], bool]) -> SeedReport:
    units: dict[str, PythonFacts] = {}
    unparsable: set[str] = set()
    for path, unit in facts.code_units().items():
        if not include(path):
            continue
        if unit.parse_error:
            unparsable.add(path)
        else:
            units[path] = unit
    unparsable |= {
        path
        for path, notebook in facts.notebooks.items()
        if include(path) and (notebook.parse_error or notebook.python is None)
    }
    partial = sorted(
        path for path, nb in facts.notebooks.items() if path in units and nb.unparsable_cells
    )
    view = _View(units, _found_for(facts))
    sites = [site for path in sorted(units) for site in view.sites(path)]
    seeding = [f"{path}:{point.line}" for path in sorted(units) for point in view.points(path)]
    return SeedReport(tuple(sites), tuple(seeding), tuple(sorted(unparsable)), tuple(partial))


@dataclass(frozen=True, slots=True)
class _Point:
    """A place where global generators get seeded: a seed call or a call of a seeding helper."""

    line: int
    generators: frozenset[str]
    what: str


@dataclass(frozen=True, slots=True)
class _Found:
    call: CallFact
    kind: StochasticCall
    function: FunctionFact | None


@dataclass(frozen=True, slots=True)
class _UnitCalls:
    """What one unit's calls are, classified once: its stochastic calls, the global generators
    the calls that seed one seed (by position in ``unit.calls``: most calls seed nothing and
    are not stored), whether it trains, and whether it trains or seeds at top level (a sign
    of a script; a draw at top level is found among its stochastic calls)."""

    found: list[_Found]
    seeds: dict[int, frozenset[str]]
    trains: bool
    top_level_work: bool

    @classmethod
    def of(cls, unit: PythonFacts) -> _UnitCalls:
        seeds = {
            index: generators
            for index, call in enumerate(unit.calls)
            if (generators := global_seeds(call))
        }
        training = {index for index, call in enumerate(unit.calls) if is_training_call(call)}
        top_level_work = any(
            _enclosing(unit, unit.calls[index].line) is None for index in training | seeds.keys()
        )
        return cls(_stochastic_calls(unit), seeds, bool(training), top_level_work)


class _View:
    """The units in view: their seeding helpers, their stochastic calls, the runs reaching them."""

    def __init__(
        self, units: dict[str, PythonFacts], known: dict[str, _UnitCalls] | None = None
    ) -> None:
        self.units = units
        self.defined = {f.name for unit in units.values() for f in unit.functions}
        known = known if known is not None else {}
        for path, unit in units.items():
            if path not in known:
                known[path] = _UnitCalls.of(unit)
        self.calls = {path: known[path] for path in units}
        self.found = {path: calls.found for path, calls in self.calls.items()}
        self.helpers = _seeding_helpers(units, self.calls)
        self.helpers_by_name: dict[str, list[tuple[str, frozenset[str], int]]] = {}
        for (module, function), (helped, line) in self.helpers.items():
            self.helpers_by_name.setdefault(function, []).append((module, helped, line))
        self._points: dict[str, list[_Point]] = {}
        self.runs = _reach(units, {path for path in units if self._is_run(path)})

    def _is_run(self, path: str) -> bool:
        """A notebook, or a script: a main guard, or training, randomness or a seed at top level."""
        unit = self.units[path]
        if path.endswith(".ipynb") or unit.has_main_guard:
            return True
        if any(f.function is None for f in self.found[path]):
            return True
        return self.calls[path].top_level_work

    def points(self, path: str) -> list[_Point]:
        """Where ``path`` seeds global generators, in line order."""
        if path not in self._points:
            unit = self.units[path]
            found = []
            seeds = self.calls[path].seeds
            for index, call in enumerate(unit.calls):
                generators, what = self._seeds(path, unit, call, seeds.get(index, _NO_SEEDS))
                if generators:
                    found.append(_Point(call.line, generators, what))
            self._points[path] = found
        return self._points[path]

    def _seeds(
        self, path: str, unit: PythonFacts, call: CallFact, generators: frozenset[str]
    ) -> tuple[frozenset[str], str]:
        """What ``call`` seeds (``generators``: the library seeds it makes itself)."""
        if generators:
            return generators, f"`{call.name}` at {path}:{call.line}"
        short = call.name.rsplit(".", 1)[-1]
        for module, helped, line in self.helpers_by_name.get(short, ()):
            if _calls_helper(call, path, unit, module, short):
                return helped, f"`{short}` at {path}:{call.line} (seeds at {module}:{line})"
        if short not in self.defined and SEED_HELPER_NAME.match(short) and has_seed_value(call):
            return ALL_GENERATORS, f"`{call.name}` at {path}:{call.line}"
        return frozenset(), ""

    def sites(self, path: str) -> list[Site]:
        unit = self.units[path]
        found = self.found[path]
        trains = self.calls[path].trains or any(f.kind.kind not in _NEEDS_TRAINING for f in found)
        routing = None if path.endswith(".ipynb") else _routing(unit)
        runs = tuple(sorted(self.runs.get(path, ())))
        sites = []
        for item in found:
            if item.kind.kind in _NEEDS_TRAINING and not trains:
                continue  # a draw in code that trains nothing (a plot, a library utility)
            if item.call.name in LOADERS and item.function is not None:
                continue  # it shuffles when iterated: in the training that uses it, judged there
            seeded_by, unseeded_in = self._seeded_by(path, item, routing, runs)
            sites.append(
                Site(
                    path,
                    item.call.line,
                    item.call.name,
                    item.kind.kind,
                    seeded_by,
                    runs,
                    unseeded_in,
                    item.kind.default_seed and item.kind.seed is None,
                )
            )
        return sites

    def _seeded_by(
        self, path: str, item: _Found, routing: CallFact | None, runs: tuple[str, ...]
    ) -> tuple[str | None, tuple[str, ...]]:
        """What seeds the call, or None with the runs in which it runs unseeded."""
        kind, function, line = item.kind, item.function, item.call.line
        if kind.seed is not None:
            return f"`{kind.seed}` at the call", ()
        if kind.default_seed:
            return "the library's fixed default seed", ()
        if routing is not None and function is not None and function.is_method:
            return f"its estimator's random_state (routed at {path}:{routing.line})", ()
        if not kind.generators:  # an explicit generator made without a seed ignores global seeds
            return None, (path,) if function is None else runs or (path,)
        # A top-level statement runs after the seeds above it (and before an importer's);
        # a function runs when called: after its own module's seeds and its run's.
        own = [p for p in self.points(path) if function is not None or p.line < line]
        used: list[str] = []
        unseeded = []
        for run in (runs or (path,)) if function is not None else (path,):
            before = own + (self.points(run) if run != path else [])
            covered = frozenset().union(*(p.generators for p in before))
            if kind.generators <= covered:
                used += [p.what for p in before if p.generators & kind.generators][:1]
            else:
                unseeded.append(run)
        if unseeded:
            return None, tuple(unseeded)
        return ", ".join(dict.fromkeys(used)), ()


def _built_by_classic_ml(unit: PythonFacts, call: CallFact) -> bool:
    """``clf.fit`` where ``clf = Perceptron(...)`` was built just before from a scikit-learn-like
    class: its randomness is the constructor's ``random_state``, judged on that call."""
    receiver = call.name.rpartition(".")[0]
    built = [
        p.detail.partition("=")[2]
        for p in unit.patterns
        if p.kind == "built" and p.line <= call.line and p.detail.partition("=")[0] == receiver
    ]
    return bool(built) and built[-1].split(".")[0] in CLASSIC_ML_ROOTS


def _stochastic_calls(unit: PythonFacts) -> list[_Found]:
    """Every stochastic call of a unit; fit or train calls draw from the DL frameworks imported."""
    imported = imported_modules(unit)
    frameworks = frozenset(g for root, g in DL_FRAMEWORKS.items() if root in imported)
    found = []
    for call in unit.calls:
        kind = stochastic(call)
        if (
            kind is None
            and frameworks
            and is_dl_training_call(call)
            and not _built_by_classic_ml(unit, call)
        ):
            kind = StochasticCall(Randomness.TRAINING, frameworks)
        if kind is not None:
            found.append(_Found(call, kind, _enclosing(unit, call.line)))
    return found


def _reach(units: dict[str, PythonFacts], runs: set[str]) -> dict[str, set[str]]:
    """For each unit, the runs that execute it: itself if a run, and every run importing it.

    Imports are followed transitively, but not on through a package's ``__init__``.
    """
    modules: dict[str, set[str]] = {}
    for path in units:
        if path.endswith(".py"):
            for name in module_names(path):
                modules.setdefault(name, set()).add(path)
    reached: dict[str, set[str]] = {}
    imports: dict[str, set[str]] = {}  # each unit's imports resolved once, not once per run
    for run in runs:
        todo, seen = [run], {run}
        while todo:
            current = todo.pop()
            reached.setdefault(current, set()).add(run)
            if current != run and current.endswith("__init__.py"):
                continue  # a package's re-exports: importing it is no sign of calling them all
            if current not in imports:
                imports[current] = _imported_paths(current, units[current], modules)
            for target in imports[current]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
    return reached


def _imported_paths(path: str, unit: PythonFacts, modules: dict[str, set[str]]) -> set[str]:
    """Repo modules that ``unit`` imports (absolute names, or relative to ``path``)."""
    found: set[str] = set()
    for fact in unit.imports:
        if fact.level:
            base = resolve_relative(path, fact)
            stems = [base, *(f"{base}/{name}" for name in fact.names)]
            names = [".".join(PurePosixPath(stem).parts) for stem in stems if stem]
        else:
            names = [fact.module, *(f"{fact.module}.{name}" for name in fact.names)]
        for name in names:
            found |= modules.get(name, set())
    found.discard(path)
    return found


def _routing(unit: PythonFacts) -> CallFact | None:
    """A call through which the module hands its estimator's random_state on, if any."""
    for call in unit.calls:
        if call.name.rsplit(".", 1)[-1] in _ROUTING_CALLS:
            return call
        if call.kwargs.get("random_state") in _ROUTED_VALUES:
            return call
    return None


def _enclosing(unit: PythonFacts, line: int) -> FunctionFact | None:
    """The innermost function holding ``line`` (its defaults included: they sit on the def)."""
    holding = [f for f in unit.functions if f.line <= line <= f.end_line]
    return max(holding, key=lambda f: f.line) if holding else None


def _seeding_helpers(
    units: dict[str, PythonFacts], calls: dict[str, _UnitCalls]
) -> dict[tuple[str, str], tuple[frozenset[str], int]]:
    """(module, function) -> (generators seeded, line) for repo functions whose body seeds.

    A helper calling another helper seeds too, so this runs to a fixed point.
    """
    helpers: dict[tuple[str, str], tuple[frozenset[str], int]] = {}
    changed = True
    while changed:
        changed = False
        names = {function for _, function in helpers}
        for path, unit in units.items():
            own = calls[path].seeds
            seedy = [
                (call, seeded)
                for index, call in enumerate(unit.calls)
                if (seeded := own.get(index) or _helper_seeds(call, path, unit, helpers, names))
            ]
            if not seedy:
                continue
            for function in unit.functions:
                if function.is_method:
                    continue
                body = [(c, g) for c, g in seedy if function.line < c.line <= function.end_line]
                if body:
                    found = (frozenset().union(*(g for _, g in body)), body[0][0].line)
                    if helpers.get((path, function.name)) != found:
                        helpers[(path, function.name)] = found
                        changed = True
    return helpers


def _helper_seeds(
    call: CallFact,
    path: str,
    unit: PythonFacts,
    helpers: dict[tuple[str, str], tuple[frozenset[str], int]],
    names: set[str],
) -> frozenset[str]:
    """The generators ``call`` seeds by calling a seeding helper, if it calls one."""
    if call.name.rsplit(".", 1)[-1] not in names:
        return _NO_SEEDS
    for (module, function), (generators, _) in helpers.items():
        if _calls_helper(call, path, unit, module, function):
            return generators
    return _NO_SEEDS


def _calls_helper(call: CallFact, path: str, unit: PythonFacts, module: str, function: str) -> bool:
    """``call`` names ``function`` of ``module``: the same unit, imported by name or via the module."""
    if module == path and call.name == function:
        return True
    if not module.endswith(".py"):  # a notebook's functions cannot be imported
        return False
    owner, _, name = call.name.rpartition(".")
    if call.name == function:  # ``from .seeding import everything``: relative, left unresolved
        named = any(function in fact.names for fact in unit.imports)
        return named and imports_module(path, unit, module)
    return name == function and owner in module_names(module) and imports_module(path, unit, module)
