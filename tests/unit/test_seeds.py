"""Which calls need a seed and what seeds them: the knowledge and the one decision over it."""

from __future__ import annotations

import pytest

from prodready.rules.reproducibility._seeds import seed_gaps
from prodready.scanners.facts import CallFact, ConfigFacts, GitFacts, RepoFacts
from prodready.scanners.python_ast import analyze_python
from prodready.scanners.randomness import (
    NUMPY,
    PYTHON,
    TENSORFLOW,
    TORCH,
    Randomness,
    global_seeds,
    stochastic,
)


def call(name: str, *args: str | None, **kwargs: str | None) -> CallFact:
    return CallFact(name=name, line=1, args=list(args), kwargs=kwargs)


def repo(**modules: str) -> RepoFacts:
    python = {
        path.replace("__", "/") + ".py": analyze_python(text) for path, text in modules.items()
    }
    return RepoFacts(
        root=".",
        files={},
        python=python,
        notebooks={},
        texts={},
        configs=ConfigFacts(),
        git=GitFacts(available=False),
    )


@pytest.mark.parametrize(
    ("seed", "generators"),
    [
        (call("numpy.random.seed", "42"), {NUMPY}),
        (call("torch.manual_seed", None), {TORCH}),  # torch.manual_seed(1337 + seed_offset)
        (call("tensorflow.random.set_seed", "args.seed"), {TENSORFLOW}),
        (call("keras.utils.set_random_seed", "1"), {NUMPY, PYTHON, TORCH, TENSORFLOW}),
        (call("lightning.seed_everything", "cfg.seed"), {NUMPY, PYTHON, TORCH}),
        (call("random.seed"), set()),  # seeds from the clock
        (call("numpy.random.seed", "None"), set()),
        (call("numpy.random.RandomState", "1"), set()),  # seeds only the generator it returns
        (call("torch.cuda.manual_seed_all", "0"), {"torch.cuda"}),  # not the CPU generator
    ],
)
def test_a_seed_call_names_the_generators_it_seeds(seed: CallFact, generators: set[str]) -> None:
    assert global_seeds(seed) == generators


def test_only_stochastic_work_needs_a_seed() -> None:
    assert stochastic(call("sklearn.linear_model.LinearRegression")) is None
    assert stochastic(call("sklearn.feature_extraction.text.CountVectorizer")) is None
    assert stochastic(call("sklearn.model_selection.KFold", n_splits="5")) is None
    assert stochastic(call("sklearn.model_selection.train_test_split", shuffle="False")) is None
    forest = stochastic(call("sklearn.ensemble.RandomForestClassifier"))
    assert forest is not None and forest.kind == Randomness.ESTIMATOR and forest.seed is None
    assert (
        stochastic(call("sklearn.model_selection.KFold", shuffle="True")).kind == Randomness.SPLIT
    )
    assert stochastic(call("numpy.random.default_rng")).kind == Randomness.GENERATOR
    assert stochastic(call("numpy.random.default_rng", "42")) is None


def test_a_computed_seed_is_a_seed() -> None:
    forest = stochastic(call("sklearn.ensemble.RandomForestClassifier", random_state=None))
    assert forest is not None and forest.seed == "random_state=<computed>"
    booster = stochastic(call("xgboost.XGBClassifier", seed="cfg.seed"))
    assert booster is not None and booster.seed == "seed=cfg.seed"
    custom = stochastic(call("model_class", random_state="seed"))
    assert custom is not None and custom.kind == Randomness.SEEDED
    assert stochastic(call("super.__init__", random_state="random_state")) is None


def test_seed_gaps_says_no_with_the_unseeded_call() -> None:
    report = seed_gaps(
        repo(
            train="import torch\nfrom sklearn.cluster import KMeans\n\ntorch.manual_seed(0)\nKMeans(3).fit([[0]])\n"
        )
    )
    assert report.answer == "no"
    assert report.evidence() == ["train.py:5"]


def test_seed_gaps_says_yes_with_what_seeds_each_call() -> None:
    report = seed_gaps(
        repo(
            run="import numpy as np\nfrom steps import train\n\nif __name__ == '__main__':\n    np.random.seed(1)\n    train.fit()\n",
            steps__train="from sklearn.ensemble import RandomForestClassifier\n\n\ndef fit():\n    return RandomForestClassifier()\n",
        )
    )
    assert report.answer == "yes"
    (site,) = report.sites
    assert site.path == "steps/train.py" and site.runs == ("run.py",)
    assert "numpy.random.seed` at run.py:5" in (site.seeded_by or "")


def test_seed_gaps_has_no_answer_where_nothing_random_runs() -> None:
    report = seed_gaps(
        repo(fit="from sklearn.linear_model import Ridge\n\nRidge().fit([[0]], [0])\n")
    )
    assert report.sites == () and report.answer is None


def test_seed_gaps_is_unknown_when_a_file_did_not_parse() -> None:
    report = seed_gaps(
        repo(
            fit="from sklearn.svm import SVC\n\nSVC(random_state=0).fit([[0]], [0])\n",
            broken="print 'x'\n",
        )
    )
    assert not report.complete and report.answer == "unknown"
    assert report.evidence() == ["broken.py"]
