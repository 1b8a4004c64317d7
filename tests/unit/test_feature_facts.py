"""Feature facts: what the fitted-object flow, column lists and function fingerprints record."""

from __future__ import annotations

import textwrap

from prodready.scanners.python_ast import analyze_python


def _features(source: str):  # type: ignore[no-untyped-def]
    return analyze_python(textwrap.dedent(source)).features


def _by_name(source: str) -> dict:
    return {f.name or f.cls: f for f in _features(source).fitted}


def test_output_of_a_transformer_taints_through_reassignment_and_wrapping() -> None:
    fitted = _by_name(
        """
        import pandas as pd
        from sklearn.preprocessing import OneHotEncoder
        from xgboost import XGBClassifier
        enc = OneHotEncoder()
        X = enc.fit_transform(df[cols])
        X = pd.DataFrame(X.toarray())
        clf = XGBClassifier()
        clf.fit(X, y)
        clf.save_model("m.json")
        """
    )
    assert fitted["enc"].transformer and fitted["enc"].fits == [6]
    assert fitted["clf"].inputs == ["enc@5"] and fitted["clf"].saved == [10]
    assert not fitted["enc"].escapes and not fitted["enc"].saved


def test_a_transformer_put_in_a_pipeline_or_an_attribute_escapes() -> None:
    fitted = _by_name(
        """
        from sklearn.preprocessing import StandardScaler
        class Trainer:
            def run(self, X, y, model):
                scaler = StandardScaler().fit(X)
                self.scaler = scaler
                model.fit(scaler.transform(X), y)
        """
    )
    assert fitted["scaler"].escapes and fitted["scaler"].scope == "run"


def test_saving_a_tuple_saves_each_object_and_is_not_an_escape() -> None:
    fitted = _by_name(
        """
        import pickle
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import Ridge
        dv = DictVectorizer()
        model = Ridge().fit(dv.fit_transform(rows), y)
        pickle.dump((dv, model), f_out)
        """
    )
    assert fitted["dv"].saved == [7] and fitted["model"].saved == [7]
    assert not fitted["dv"].escapes and fitted["model"].inputs == ["dv@5"]


def test_an_object_of_an_unresolved_parameter_is_not_followed() -> None:
    assert _by_name("def train(model, X, y):\n    model.fit(X, y)\n") == {}


def test_column_lists_need_a_feature_word_and_only_strings() -> None:
    columns = _features(
        """
        FEATURES = ["age", "income"]
        cat_cols = ("city",)
        __all__ = ["train"]
        colors = ["red"]
        numeric_features = ["age", 3]
        """
    ).columns
    assert [(c.name, c.values) for c in columns] == [
        ("FEATURES", ["age", "income"]),
        ("cat_cols", ["city"]),
    ]


def test_a_method_and_a_function_with_the_same_body_share_a_digest() -> None:
    functions = _features(
        '''
        def featurize(df):
            """Doc."""
            df = df.fillna(0)
            return df

        class Flow:
            def featurize(self, df):
                df = df.fillna(0)
                return df

        def preprocess(df):
            return df.dropna()

        def train():
            pass
        '''
    ).functions
    by_name = {f.qualname: f for f in functions}
    assert set(by_name) == {"featurize", "Flow.featurize", "preprocess"}
    assert by_name["featurize"].digest == by_name["Flow.featurize"].digest
    assert (
        by_name["Flow.featurize"].method
        and by_name["featurize"].digest != by_name["preprocess"].digest
    )
