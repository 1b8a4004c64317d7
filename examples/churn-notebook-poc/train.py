import pickle

import pandas as pd
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

from churn_utils import add_features, clean, load_config

cfg = load_config()

df = pd.read_csv("data/churn.csv")
df = clean(df)
df = add_features(df)

X = df.drop(columns=["customer_id", "churn"])
y = (df["churn"] == "Yes").astype(int)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)

model = XGBClassifier(
    n_estimators=cfg["n_estimators"],
    learning_rate=cfg["learning_rate"],
    max_depth=cfg["max_depth"],
    subsample=0.8,
    colsample_bytree=0.8,
)
model.fit(X_train, y_train)

preds = model.predict(X_test)
print("accuracy:", accuracy_score(y_test, preds))
print("auc:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))

pickle.dump(model, open(cfg["model_path"], "wb"))
print("saved model")
