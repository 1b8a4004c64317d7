from __future__ import annotations

import re
from functools import partial

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules._common import judge_sources
from prodready.rules.security._common import call_findings
from prodready.scanners.facts import CallFact

PICKLE_LOADERS = frozenset(
    {
        "pickle.load",
        "pickle.loads",
        "pickle.Unpickler",
        "_pickle.load",
        "_pickle.loads",
        "cPickle.load",
        "cPickle.loads",
        "dill.load",
        "dill.loads",
        "cloudpickle.load",
        "cloudpickle.loads",
        "joblib.load",
        "sklearn.externals.joblib.load",
        "pandas.read_pickle",
    }
)
KERAS_LOADERS = frozenset(
    {
        "keras.models.load_model",
        "keras.saving.load_model",
        "tensorflow.keras.models.load_model",
        "tensorflow.keras.saving.load_model",
        "tf_keras.models.load_model",
    }
)
SAFE_TORCH_DEFAULT = (2, 6)  # torch.load defaults to weights_only=True from 2.6 on
_EXACT_PIN = re.compile(r"^===?\s*(\d+)\.(\d+)")


class UnsafeDeserialization(Rule):
    """Pickle-based loaders execute whatever the file's author put in it."""

    meta = RuleMeta(
        id="SEC-001",
        title="Model and data files are not loaded with pickle",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        rationale=(
            "pickle (and joblib, dill, cloudpickle, pandas.read_pickle, numpy.load with "
            "allow_pickle=True, torch.load without weights_only=True, Keras load_model with "
            "safe_mode=False, all built on it) rebuilds objects by calling code named in the "
            "file, so loading a model or data file runs code from whoever wrote or swapped that "
            "file: a poisoned model on a shared drive, bucket or hub becomes code execution in "
            "the training or serving process (CWE-502, deserialization of untrusted data)."
        ),
        passes_when="No source module or notebook (tests left aside) calls pickle.load/loads, "
        "cPickle, dill or cloudpickle load/loads, joblib.load or pandas.read_pickle, numpy.load "
        "with allow_pickle=True, torch.load without weights_only=True (unless torch is pinned "
        "to 2.6 or later) or Keras load_model with safe_mode=False.",
        remediation="Store models in a format that holds only data (safetensors, ONNX, the "
        "framework's native weights format such as XGBoost JSON or Keras .keras with "
        "safe_mode), load torch checkpoints with `torch.load(..., weights_only=True)`, and "
        "where pickle cannot be avoided load only files whose hash you verified (e.g. "
        "`skops.io` with trusted types for scikit-learn models).",
        references=(
            "https://cwe.mitre.org/data/definitions/502.html",
            "https://docs.python.org/3/library/pickle.html",
            "https://pytorch.org/docs/stable/generated/torch.load.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        check = partial(_problem, torch_safe_by_default=_torch_pinned_safe(ctx))
        findings = [
            finding
            for finding in call_findings(ctx, ctx.source_units, check)
            if not _round_trip(ctx, finding.path, finding.line)
        ]
        return judge_sources(
            ctx,
            findings,
            "{count} unsafe deserialization call(s)",
            "no pickle-based loading of model or data files found",
        )


def _round_trip(ctx: RuleContext, path: str | None, line: int | None) -> bool:
    """``pickle.loads`` of bytes the same code pickled a moment before: a copy, not a file."""
    unit = ctx.source_units.get(path or "")
    if unit is None or line is None:
        return False
    made = {p.detail: p.line for p in unit.patterns if p.kind == "serialized_bytes"}
    for call in unit.calls:
        if call.line != line or not call.name.endswith("loads") or not call.args:
            continue
        source = call.args[0]
        if source is None:  # pickle.loads(pickle.dumps(x)) on one line
            return any(c.line == line and c.name.endswith("dumps") for c in unit.calls)
        return source in made and made[source] <= line
    return False


def _problem(call: CallFact, torch_safe_by_default: bool) -> str | None:
    name, kwargs, args = call.name, call.kwargs, call.args
    if name in PICKLE_LOADERS:
        return "unpickles the file: loading it runs any code its author embedded"
    if name == "numpy.load":
        allow = kwargs.get("allow_pickle", args[2] if len(args) > 2 else "False")
        return "with allow_pickle=True unpickles object arrays" if allow == "True" else None
    if name == "torch.load":
        return _torch_problem(call, torch_safe_by_default)
    if name in KERAS_LOADERS and kwargs.get("safe_mode") == "False":
        return "with safe_mode=False deserializes arbitrary Python code (lambda layers)"
    return None


def _torch_problem(call: CallFact, safe_by_default: bool) -> str | None:
    if "weights_only" in call.kwargs:
        if call.kwargs["weights_only"] == "False":
            return "with weights_only=False unpickles arbitrary objects"
        return None  # True, or computed: not proven unsafe
    if call.star_args or safe_by_default:
        return None
    return (
        "without weights_only=True unpickles arbitrary objects on torch < 2.6; 2.6 and later "
        "default to weights_only=True, so this depends on the torch version you install"
    )


def _torch_pinned_safe(ctx: RuleContext) -> bool:
    """True when every pin of torch is an exact version of 2.6 or later."""
    specs = [dep.spec for dep in ctx.facts.configs.dependencies if dep.name == "torch"]
    versions = [_EXACT_PIN.match(spec.strip()) for spec in specs]
    return bool(versions) and all(
        match is not None and (int(match[1]), int(match[2])) >= SAFE_TORCH_DEFAULT
        for match in versions
    )
