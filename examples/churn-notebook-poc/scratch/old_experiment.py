# first try with random forest, xgboost was better so not used anymore
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

df = pd.read_csv("/Users/maria/Downloads/churn.csv")
df = df.dropna()
X = pd.get_dummies(df.drop(columns=["customer_id", "churn"]))
y = df["churn"] == "Yes"

for n in [50, 100, 200, 500]:
    rf = RandomForestClassifier(n_estimators=n, max_depth=8)
    scores = cross_val_score(rf, X, y, cv=5, scoring="roc_auc")
    print(n, scores.mean())
