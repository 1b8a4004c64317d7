"""The leakage def-use analysis: what the data flow proves, and what it must not claim."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from prodready.rules.ml_smells._leakage import (
    multi_test_leaks,
    overlap_leaks,
    preprocessing_leaks,
)
from prodready.scanners.facts import PythonFacts, dump_facts, load_facts
from prodready.scanners.leakage import extract_leakage
from prodready.scanners.leakage_facts import LeakageFacts
from prodready.scanners.notebooks import analyze_notebook
from prodready.scanners.python_ast import analyze_python
from tests.conftest import FIXTURES

JUDGES = (preprocessing_leaks, overlap_leaks, multi_test_leaks)


def flow(source: str) -> LeakageFacts:
    return extract_leakage(ast.parse(textwrap.dedent(source)))


def lines(judge, source: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [leak.line for leak in judge(flow(source))]


def test_a_scaler_fitted_on_a_row_subset_proves_nothing() -> None:
    source = """
        df = pd.read_csv("d.csv")
        scaler = StandardScaler().fit(df[df.age > 30])
        X_train, X_test = train_test_split(scaler.transform(df))
        model = LogisticRegression().fit(X_train, y)
        model.score(X_test, y)
    """
    assert lines(preprocessing_leaks, source) == []


def test_column_selection_keeps_every_row() -> None:
    source = """
        df = pd.read_csv("d.csv")
        cols = ["a", "b"]
        scaled = StandardScaler().fit_transform(df.loc[:, cols])
        X_train, X_test = train_test_split(scaled)
        model = LogisticRegression().fit(X_train, y)
        model.score(X_test, y)
    """
    assert lines(preprocessing_leaks, source) == [4]


def test_folds_are_followed_through_indexing() -> None:
    source = """
        X = np.load("x.npy")
        X_s = MinMaxScaler().fit_transform(X)
        for fold, (tr, te) in enumerate(KFold(5).split(X_s)):
            m = SVC().fit(X_s[tr], y[tr])
            print(m.score(X_s[te], y[te]))
    """
    assert lines(preprocessing_leaks, source) == [3]
    assert lines(overlap_leaks, source) == []


def test_fitting_the_train_fold_is_clean_and_the_whole_data_is_not() -> None:
    clean = """
        X = np.load("x.npy")
        split = StratifiedShuffleSplit(n_splits=1, test_size=0.2)
        for train_index, test_index in split.split(X, y):
            train, test = X[train_index], X[test_index]
        model = Ridge().fit(train, y)
        model.score(test, y)
    """
    assert lines(overlap_leaks, clean) == []
    assert lines(overlap_leaks, clean.replace("Ridge().fit(train", "Ridge().fit(X")) == [6]


def test_functions_are_separate_scopes() -> None:
    source = """
        X = load()
        scaled = StandardScaler().fit_transform(X)

        def evaluate(X):
            X_train, X_test = train_test_split(X)
            model = SVC().fit(X_train, y)
            return model.score(X_test, y)
    """
    assert lines(preprocessing_leaks, source) == []
    inside = """
        def train(frame):
            scaled = StandardScaler().fit_transform(frame)
            X_train, X_test = train_test_split(scaled)
            model = SVC().fit(X_train, y)
            return model.score(X_test, y)
    """
    assert lines(preprocessing_leaks, inside) == [3]


def test_an_estimator_handed_to_unknown_code_has_an_unknown_state() -> None:
    source = """
        model = SVC().fit(X, y)
        X_train, X_test = train_test_split(X)
        retrain(model, X_train)
        model.score(X_test, y)
    """
    assert lines(overlap_leaks, source) == []
    assert lines(overlap_leaks, source.replace("retrain(model, X_train)", "print(model)")) == [2]


def test_a_threshold_is_not_a_selection_and_one_fit_selects_nothing() -> None:
    threshold = """
        X_train, X_test = train_test_split(X)
        for depth in range(2, 9):
            tree = DecisionTreeClassifier(max_depth=depth).fit(X_train, y)
            score = tree.score(X_test, y)
            if score > 0.9:
                print(depth, score)
    """
    assert lines(multi_test_leaks, threshold) == []
    single = """
        X_train, X_test = train_test_split(X)
        tree = DecisionTreeClassifier().fit(X_train, y)
        scores = [tree.score(X_test, y)]
        print(max(scores))
    """
    assert lines(multi_test_leaks, single) == []


def test_notebook_lines_map_to_cells(tmp_path: Path) -> None:
    notebook = FIXTURES / "rules/LEAK-001/fail_fit_transform_then_split/churn.ipynb"
    facts = analyze_notebook(notebook.read_text(encoding="utf-8")).python
    assert facts is not None and facts.leakage is not None
    (leak,) = preprocessing_leaks(facts.leakage)
    assert "cell 4 (line 14)" in leak.message and "cell 5 (line 18)" in leak.message


def test_facts_survive_the_json_cache() -> None:
    source = (FIXTURES / "rules/LEAK-003/fail_early_stopping_on_test/train_net.py").read_text()
    facts = analyze_python(source)
    again = load_facts(PythonFacts, dump_facts(facts))
    assert again == facts
    assert again.leakage is not None and multi_test_leaks(again.leakage)


def test_a_tree_too_deep_to_walk_is_marked_incomplete() -> None:
    deep = ast.parse("x = 1")
    node: ast.expr = ast.Name(id="a")
    for _ in range(5000):
        node = ast.BinOp(left=node, op=ast.Add(), right=ast.Name(id="a"))
    deep.body = [ast.Assign(targets=[ast.Name(id="x")], value=node, lineno=1)]
    assert extract_leakage(deep).incomplete


CLEAN = sorted(
    path
    for path in (FIXTURES / "rules").glob("LEAK-*/pass*/**/*")
    if path.suffix in (".py", ".ipynb")
)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_no_leak_rule_finds_anything_in_a_clean_fixture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    unit = analyze_notebook(text).python if path.suffix == ".ipynb" else analyze_python(text)
    assert unit is not None and unit.leakage is not None
    assert [judge.__name__ for judge in JUDGES if judge(unit.leakage)] == []


def test_a_dict_of_splits_keeps_each_side_apart() -> None:
    source = """
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        data = {"train": {"X": X_train, "y": y_train}, "test": {"X": X_test, "y": y_test}}
        model = Ridge().fit(data["train"]["X"], data["train"]["y"])
        print(model.predict(data["test"]["X"]))
    """
    assert lines(overlap_leaks, source) == []
    assert lines(overlap_leaks, source.replace('data["train"]["X"], ', 'data["test"]["X"], ')) == [
        4
    ]


def test_an_argmax_over_predictions_is_not_a_model_selection() -> None:
    source = """
        accuracies = []
        for _ in range(5):
            X_train, X_test, y_train, y_test = train_test_split(X, y)
            clf = LogisticRegression().fit(X_train, y_train)
            y_pred = np.argmax(clf.predict_proba(X_test), axis=1)
            accuracies.append(accuracy_score(y_test, y_pred))
        print(accuracies)
    """
    assert lines(multi_test_leaks, source) == []


def test_a_second_sweep_after_a_selection_is_not_its_report() -> None:
    source = """
        X_train, X_val, y_train, y_val = train_test_split(X, y)
        best = float("inf")
        for epoch in range(100):
            reg.fit(X_train, y_train)
            error = mean_squared_error(y_val, reg.predict(X_val))
            if error < best:
                best = error
        curve = []
        for epoch in range(100):
            other.fit(X_train, y_train)
            curve.append(mean_squared_error(y_val, other.predict(X_val)))
    """
    assert lines(multi_test_leaks, source) == []
    assert lines(multi_test_leaks, source + "        print(best)\n") == [7]
