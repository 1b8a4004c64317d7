"""Which calls draw randomness, from which generator, and which calls seed it.

Knowledge of the ML libraries only, over one call fact at a time: no judgement.
A generator is named by the library whose global state it is (``numpy``,
``python``, ``torch``, ``tensorflow``); a seed call names the generators it
seeds, so ``torch.manual_seed`` never counts as seeding scikit-learn (which
draws from NumPy's global state when ``random_state`` is None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from prodready.scanners.facts import CallFact

NUMPY, PYTHON, TORCH, TENSORFLOW = "numpy", "python", "torch", "tensorflow"
ALL_GENERATORS = frozenset({NUMPY, PYTHON, TORCH, TENSORFLOW})
SEED_KWARGS = ("random_state", "seed", "random_seed")


class Randomness(StrEnum):
    ESTIMATOR = "estimator"  # a randomized estimator or sampler (forests, k-means, SMOTE...)
    SEEDED = "seeded"  # a call of an API we do not know, handed a seed: something random
    SPLIT = "split"  # a random split or shuffle of the data
    DRAW = "draw"  # a draw from a global generator (np.random.rand, torch.randn...)
    GENERATOR = "generator"  # an explicit generator created without a seed: fresh entropy
    TRAINING = "training"  # deep-learning training: random init, dropout, shuffled batches


@dataclass(frozen=True, slots=True)
class StochasticCall:
    """What one call draws: its kind, the global generators it falls back to, its own seed.

    ``seed`` is how the call seeds itself (``random_state=cfg.seed``), or why it needs
    no seed (a library's fixed default seed); None when it relies on ``generators``.
    """

    kind: Randomness
    generators: frozenset[str]
    seed: str | None = None
    default_seed: bool = False


# --- global seeding ---------------------------------------------------------------------

# ``<root>.<...>.seed/set_seed/...`` of these packages seeds the generators listed.
_SEED_ROOT_GENERATORS: dict[str, frozenset[str]] = {
    "random": frozenset({PYTHON}),
    "numpy": frozenset({NUMPY}),
    "torch": frozenset({TORCH}),
    "tensorflow": frozenset({TENSORFLOW}),
    "keras": ALL_GENERATORS,  # keras.utils.set_random_seed seeds Python, NumPy and the backend
    "tf_keras": ALL_GENERATORS,
    "lightning": frozenset({PYTHON, NUMPY, TORCH}),
    "pytorch_lightning": frozenset({PYTHON, NUMPY, TORCH}),
    "lightning_fabric": frozenset({PYTHON, NUMPY, TORCH}),
    "transformers": ALL_GENERATORS,
    "accelerate": frozenset({PYTHON, NUMPY, TORCH}),
    "jax": frozenset({"jax"}),
    "mxnet": frozenset({"mxnet"}),
    "paddle": frozenset({"paddle"}),
    "cupy": frozenset({"cupy"}),
    "mlx": frozenset({"mlx"}),
}
_NONE: frozenset[str] = frozenset()  # one shared empty answer: most calls seed nothing
_SEED_FUNCTIONS = frozenset({"seed", "set_seed", "set_random_seed", "seed_everything"})
# torch.manual_seed seeds the CPU generator (and CUDA); torch.cuda.manual_seed* only CUDA.
_TORCH_SEEDS = frozenset({"torch.manual_seed", "torch.random.manual_seed"})
_CUDA_SEEDS = frozenset({"torch.cuda.manual_seed", "torch.cuda.manual_seed_all"})
# Constructors of explicit generators: they seed only themselves, never the global state.
EXPLICIT_GENERATORS = frozenset(
    {
        "numpy.random.default_rng",
        "numpy.random.RandomState",
        "random.Random",
        "jax.random.PRNGKey",
        "jax.random.key",
    }
)
# Trainers that seed every generator when constructed (TrainingArguments.seed, default 42).
SEEDING_TRAINERS = frozenset({"transformers.Trainer", "transformers.Seq2SeqTrainer"})
# Names of seeding helpers whose definition is not in view: ``set_seed(42)``, ``seed_all(s)``.
SEED_HELPER_NAME = re.compile(
    r"^(?:(?:set|fix|init|reset)_(?:global_|random_|all_)?seeds?(?:_all|_everything)?"
    r"|seed_?(?:everything|all|torch|all_rngs|random_engines)|seeds?_all)$",
    re.IGNORECASE,
)


def has_seed_value(call: CallFact) -> bool:
    """The call gets a seed: a first argument or seed keyword not literally None.

    A computed value (``args.seed``, ``1337 + offset``, ``params["seed"]``) is a seed too.
    """
    if call.star_args:
        return True
    if call.args:
        return call.args[0] != "None"
    return any(key in call.kwargs and call.kwargs[key] != "None" for key in SEED_KWARGS)


def global_seeds(call: CallFact) -> frozenset[str]:
    """The global generators this library call seeds (empty: it seeds none)."""
    name = call.name
    if name in _TORCH_SEEDS:
        generators = frozenset({TORCH})
    elif name in _CUDA_SEEDS:
        generators = frozenset({"torch.cuda"})
    elif name in SEEDING_TRAINERS:
        return frozenset({PYTHON, NUMPY, TORCH})
    else:
        parts = name.split(".")
        if len(parts) < 2 or parts[-1] not in _SEED_FUNCTIONS or name in EXPLICIT_GENERATORS:
            return _NONE
        generators = _SEED_ROOT_GENERATORS.get(parts[0], _NONE)
    return generators if generators and has_seed_value(call) else _NONE


def seeds_explicit_generator(call: CallFact) -> bool:
    """An explicit generator given a seed: ``default_rng(42)``, ``torch.Generator().manual_seed(0)``."""
    if call.name in EXPLICIT_GENERATORS:
        return has_seed_value(call)
    parts = call.name.split(".")
    manual = parts[-1] in ("manual_seed", "manual_seed_all") and parts[0] != "torch"
    return manual and has_seed_value(call)


# --- what draws ---------------------------------------------------------------------------

_ESTIMATOR_ROOTS = ("sklearn.", "imblearn.", "umap.")
# Estimators and samplers that draw from NumPy's global state when random_state is None.
STOCHASTIC_ESTIMATORS = frozenset(
    {
        # scikit-learn ensembles and trees (trees permute features to break ties)
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
        "ExtraTreeClassifier",
        "ExtraTreeRegressor",
        "DecisionTreeClassifier",
        "DecisionTreeRegressor",
        "GradientBoostingClassifier",
        "GradientBoostingRegressor",
        "HistGradientBoostingClassifier",
        "HistGradientBoostingRegressor",
        "AdaBoostClassifier",
        "AdaBoostRegressor",
        "BaggingClassifier",
        "BaggingRegressor",
        "IsolationForest",
        "RandomTreesEmbedding",
        # stochastic optimisation
        "MLPClassifier",
        "MLPRegressor",
        "BernoulliRBM",
        "SGDClassifier",
        "SGDRegressor",
        "SGDOneClassSVM",
        "Perceptron",
        "PassiveAggressiveClassifier",
        "PassiveAggressiveRegressor",
        # clustering, mixtures, embeddings, randomized decompositions
        "KMeans",
        "MiniBatchKMeans",
        "BisectingKMeans",
        "SpectralClustering",
        "GaussianMixture",
        "BayesianGaussianMixture",
        "TSNE",
        "MDS",
        "TruncatedSVD",
        "FastICA",
        "LatentDirichletAllocation",
        "MiniBatchDictionaryLearning",
        "GaussianRandomProjection",
        "SparseRandomProjection",
        "RBFSampler",
        "Nystroem",
        "RANSACRegressor",
        # random hyperparameter search
        "RandomizedSearchCV",
        "HalvingRandomSearchCV",
        "ParameterSampler",
        # imbalanced-learn samplers and ensembles
        "RandomUnderSampler",
        "RandomOverSampler",
        "SMOTE",
        "SMOTENC",
        "SMOTEN",
        "ADASYN",
        "BorderlineSMOTE",
        "SVMSMOTE",
        "KMeansSMOTE",
        "SMOTEENN",
        "SMOTETomek",
        "ClusterCentroids",
        "CondensedNearestNeighbour",
        "OneSidedSelection",
        "InstanceHardnessThreshold",
        "EasyEnsembleClassifier",
        "BalancedRandomForestClassifier",
        "BalancedBaggingClassifier",
        "RUSBoostClassifier",
        # umap
        "UMAP",
    }
)
# Splitters that always shuffle, and those that only do with shuffle=True (2nd positional).
ALWAYS_SHUFFLING_SPLITTERS = frozenset(
    {
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "GroupShuffleSplit",
        "RepeatedKFold",
        "RepeatedStratifiedKFold",
    }
)
SHUFFLE_SPLITTERS = frozenset({"KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold"})
_SPLIT_FUNCTIONS = frozenset({"train_test_split", "shuffle", "resample"})
# Gradient boosting libraries fall back to a fixed seed of their own: reproducible, unstated.
DEFAULT_SEEDED: dict[str, tuple[str, ...]] = {
    **{
        f"xgboost.{name}": ("random_state", "seed")
        for name in (
            "XGBClassifier",
            "XGBRegressor",
            "XGBRanker",
            "XGBRFClassifier",
            "XGBRFRegressor",
        )
    },
    **{
        f"lightgbm.{name}": ("random_state", "seed")
        for name in ("LGBMClassifier", "LGBMRegressor", "LGBMRanker")
    },
    **{
        f"catboost.{name}": ("random_seed", "random_state")
        for name in ("CatBoost", "CatBoostClassifier", "CatBoostRegressor", "CatBoostRanker")
    },
    # the functional APIs take the seed inside their params dict
    "xgboost.train": (),
    "lightgbm.train": (),
    "catboost.train": (),
}
# A call with more positional arguments than this may pass the seed positionally (older
# scikit-learn signatures: ``KFold(5, True, 42)``, ``ShuffleSplit(10, 0.2, None, 0)``).
_POSITIONAL_LIMIT = {"KFold": 2, "StratifiedKFold": 2, "RepeatedKFold": 2, "train_test_split": 0}
_DEFAULT_POSITIONAL_LIMIT = 3

_NUMPY_NOT_DRAWS = frozenset(
    {
        "seed",
        "get_state",
        "set_state",
        "default_rng",
        "RandomState",
        "Generator",
        "SeedSequence",
        "BitGenerator",
        "PCG64",
        "PCG64DXSM",
        "MT19937",
        "Philox",
        "SFC64",
    }
)
_PYTHON_DRAWS = frozenset(
    {
        "random",
        "randint",
        "randrange",
        "choice",
        "choices",
        "shuffle",
        "sample",
        "uniform",
        "gauss",
        "normalvariate",
        "triangular",
        "betavariate",
        "expovariate",
        "gammavariate",
        "lognormvariate",
        "vonmisesvariate",
        "paretovariate",
        "weibullvariate",
        "getrandbits",
        "randbytes",
        "binomialvariate",
    }
)
_TORCH_DRAWS = frozenset(
    {
        "rand",
        "randn",
        "randint",
        "randperm",
        "rand_like",
        "randn_like",
        "randint_like",
        "normal",
        "bernoulli",
        "multinomial",
        "poisson",
    }
)
_TORCH_INIT_NOT_DRAWS = frozenset(
    {"calculate_gain", "constant_", "zeros_", "ones_", "eye_", "dirac_"}
)
# They shuffle when iterated, that is inside the training that consumes them.
LOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.RandomSampler"})
_TF_DRAWS = frozenset(
    {"normal", "uniform", "shuffle", "truncated_normal", "categorical", "gamma", "poisson"}
)


def stochastic(call: CallFact) -> StochasticCall | None:
    """What randomness this library call draws, or None when it draws none we know of."""
    name = call.name
    if name in DEFAULT_SEEDED:
        return StochasticCall(
            Randomness.ESTIMATOR,
            frozenset(),
            seed=_seed_keyword(call, DEFAULT_SEEDED[name]),
            default_seed=True,
        )
    if name.startswith(_ESTIMATOR_ROOTS):
        return _scikit_learn(call)
    if name in EXPLICIT_GENERATORS and not name.startswith("jax."):
        return None if has_seed_value(call) else StochasticCall(Randomness.GENERATOR, frozenset())
    return _global_draw(call) or _seeded_unknown(call)


def _scikit_learn(call: CallFact) -> StochasticCall | None:
    short = call.name.rsplit(".", 1)[-1]
    if call.name.startswith("sklearn.datasets.make_"):
        kind = Randomness.DRAW
    elif short in STOCHASTIC_ESTIMATORS or short == "permutation_importance":
        kind = Randomness.ESTIMATOR
    elif short in ALWAYS_SHUFFLING_SPLITTERS:
        kind = Randomness.SPLIT
    elif short in SHUFFLE_SPLITTERS:
        shuffle = call.kwargs.get("shuffle", call.args[1] if len(call.args) > 1 else "False")
        if shuffle == "False":
            return None
        kind = Randomness.SPLIT
    elif short in _SPLIT_FUNCTIONS and call.name.startswith("sklearn."):
        if call.kwargs.get("shuffle", "True") == "False":
            return None  # train_test_split(..., shuffle=False) keeps the order
        kind = Randomness.SPLIT
    else:
        return None
    seed = _seed_keyword(call, ("random_state",))
    limit = _POSITIONAL_LIMIT.get(short, _DEFAULT_POSITIONAL_LIMIT)
    if seed is None and limit and len(call.args) > limit:
        seed = "a positional argument"  # an older signature may pass the seed positionally
    return StochasticCall(kind, frozenset({NUMPY}), seed=seed)


def _global_draw(call: CallFact) -> StochasticCall | None:
    parts = call.name.split(".")
    head, last = ".".join(parts[:-1]), parts[-1]
    if head == "numpy.random" and last not in _NUMPY_NOT_DRAWS:
        return StochasticCall(Randomness.DRAW, frozenset({NUMPY}))
    if head == "random" and last in _PYTHON_DRAWS:
        return StochasticCall(Randomness.DRAW, frozenset({PYTHON}))
    if (head == "torch" and last in _TORCH_DRAWS) or (
        head == "torch.nn.init" and last not in _TORCH_INIT_NOT_DRAWS
    ):
        return StochasticCall(
            Randomness.DRAW, frozenset({TORCH}), seed=_seed_keyword(call, ("generator",))
        )
    if call.name == "torch.utils.data.random_split":
        return StochasticCall(
            Randomness.SPLIT, frozenset({TORCH}), seed=_seed_keyword(call, ("generator",))
        )
    if call.name in LOADERS:
        shuffles = call.name.endswith("RandomSampler") or call.kwargs.get(
            "shuffle", call.args[2] if len(call.args) > 2 else "False"
        ) not in ("False", "None")
        if not shuffles:
            return None
        return StochasticCall(
            Randomness.DRAW, frozenset({TORCH}), seed=_seed_keyword(call, ("generator",))
        )
    if head in ("tensorflow.random", "keras.random") and last in _TF_DRAWS:
        return StochasticCall(
            Randomness.DRAW, frozenset({TENSORFLOW}), seed=_seed_keyword(call, ("seed",))
        )
    return None


# Calls that take a seed keyword without drawing: building a dict, handing it to a parent.
_NOT_RANDOM_CALLEES = frozenset({"dict", "__init__", "set_params", "setdefault", "update"})


def _seeded_unknown(call: CallFact) -> StochasticCall | None:
    """An API we do not know handed a seed (``model_class(random_state=seed)``): it is random.

    Passing one's own parameter on (``random_state=random_state``) is routing, not drawing.
    """
    if call.name.rsplit(".", 1)[-1] in _NOT_RANDOM_CALLEES:
        return None
    if global_seeds(call) or seeds_explicit_generator(call):
        return None
    for key in SEED_KWARGS:
        value = call.kwargs.get(key, "None")
        if value != "None" and value not in (key, f"self.{key}"):
            return StochasticCall(Randomness.SEEDED, frozenset(), seed=_seed_keyword(call, (key,)))
    return None


def _seed_keyword(call: CallFact, keys: tuple[str, ...]) -> str | None:
    """``key=value`` for the first seed keyword given a value not literally None."""
    for key in keys:
        if key in call.kwargs and call.kwargs[key] != "None":
            value = call.kwargs[key]
            return f"{key}={value}" if value is not None else f"{key}=<computed>"
    return "**kwargs" if call.star_args else None


# --- deep-learning training --------------------------------------------------------------

# Importing one of these makes a unit's fit/train calls deep-learning training, drawing from
# the framework's generator (weight init, dropout, shuffled batches).
DL_FRAMEWORKS: dict[str, str] = {
    "torch": TORCH,
    "lightning": TORCH,
    "pytorch_lightning": TORCH,
    "skorch": TORCH,
    "tensorflow": TENSORFLOW,
    "keras": TENSORFLOW,
    "tf_keras": TENSORFLOW,
}
_DL_TRAINING_METHODS = frozenset({"fit", "fit_generator", "train", "partial_fit", "train_on_batch"})
# Receivers whose fit/train is deterministic even in a deep-learning unit.
_DETERMINISTIC_RECEIVER = re.compile(r"tokeni[sz]er|vectori[sz]er|scaler|imputer", re.IGNORECASE)


def is_dl_training_call(call: CallFact) -> bool:
    """``model.fit(...)``, ``trainer.fit(...)``, ``model.train()``: training a network.

    ``self.train()`` and ``super().fit()`` are the training API implementing itself, and a
    tokenizer or vectorizer fits deterministically.
    """
    receiver, _, method = call.name.rpartition(".")
    if method not in _DL_TRAINING_METHODS or not receiver:
        return False
    if receiver in ("self", "super") or _DETERMINISTIC_RECEIVER.search(receiver):
        return False
    return not (method == "train" and call.args and call.args[0] == "False")
