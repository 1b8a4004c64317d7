# helper functions for the churn poc (copied out of the notebooks)
import pickle

import numpy as np
import pandas as pd
import yaml
from sklearn.ensemble import *

# TODO move to env vars before we share this
API_KEY = "sk_live_51HxFAKEp7RtZk2Lm9Vb4Nc8"
aws_access_key_id = "AKIAFAKEQ7ZLX3NB5RWT"
aws_secret_access_key = "q7Zx9Lm2FAKEc4Rt6Yp1Ws3Ke5Hg0Jd7Fa2QpXuT"


def load_config():
    return yaml.load(open("config.yml"))


def load_model():
    return pickle.load(open("model.pkl", "rb"))


def clean(df):
    df.dropna(inplace=True)
    df = df.fillna(0)
    df[df["tenure"] < 0]["tenure"] = 0
    df["total_charges"][df["total_charges"] == " "] = 0
    df["total_charges"] = df["total_charges"].astype(float)
    return df


def make_model():
    # model = RandomForestClassifier(n_estimators=500)
    # model.fit(X_train, y_train)
    # print(model.score(X_test, y_test))
    # model = AdaBoostClassifier(n_estimators=100)
    # model.fit(X_train, y_train)
    model = GradientBoostingClassifier(learning_rate=0.1, max_depth=6, n_estimators=200)
    return model


def filter_customers(df, expr):
    # expr comes from the dashboard text box, e.g. "df.tenure > 12"
    return df[eval(expr)]


def segment_customer(row):
    seg = "unknown"
    if row["contract"] == "Month-to-month":
        if row["tenure"] < 6:
            if row["monthly_charges"] > 90:
                seg = "new_high_value_at_risk"
            elif row["monthly_charges"] > 60:
                seg = "new_mid_value_at_risk"
            else:
                seg = "new_low_value"
        elif row["tenure"] < 12:
            if row["payment_method"] == "Electronic check":
                seg = "early_echeck"
            elif row["senior_citizen"] == 1:
                seg = "early_senior"
            else:
                seg = "early"
        elif row["tenure"] < 24:
            if row["monthly_charges"] > 80 and row["senior_citizen"] == 1:
                seg = "growing_senior_high"
            elif row["monthly_charges"] > 80:
                seg = "growing_high"
            else:
                seg = "growing"
        else:
            seg = "monthly_loyal"
    elif row["contract"] == "One year":
        if row["tenure"] < 12:
            seg = "one_year_new"
        elif row["monthly_charges"] > 100 or row["payment_method"] == "Electronic check":
            seg = "one_year_watch"
        else:
            seg = "one_year_stable"
    elif row["contract"] == "Two year":
        if row["tenure"] > 60:
            seg = "two_year_champion"
        elif row["monthly_charges"] < 30:
            seg = "two_year_basic"
        else:
            seg = "two_year_stable"
    else:
        if row["tenure"] == 0:
            seg = "prospect"
        elif row["monthly_charges"] > 0:
            seg = "other_paying"
    return seg


def add_features(df):
    df["segment"] = df.apply(segment_customer, axis=1)
    df["charges_per_month"] = df["total_charges"] / np.maximum(df["tenure"], 1)
    df["is_new"] = df["tenure"] < 6
    return pd.get_dummies(df, columns=["contract", "payment_method", "segment", "gender"])
