"""Peers for the `train` bench section: scikit-learn on the same flight-delay train/test files.

    /usr/bin/python3 tests/bench/sklearn_flights.py TRAIN.csv TEST.csv [--seed 42] [--models logistic,mlp,hgb]

Features: one-hot origin and destination (every category seen in training; unseen ones become all zeros),
standardised distance, hour and weekday; `date` is not a feature. Target: `delayed` (0/1).
Models: LogisticRegression (lbfgs, max_iter 1000), MLPClassifier((64, 64)) with early_stopping=True (10 % validation,
10 epochs' patience; without it the 200-epoch default runs for many minutes here) and HistGradientBoostingClassifier.
Prints one JSON object: library versions, and per model the test ROC AUC, the fit time, the epoch count
(`n_iter_`) and rows x epochs / s. HistGradientBoosting counts boosting iterations as its `n_iter_`.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["distance", "hour", "weekday"]
CATEGORIES = ["origin", "destination"]
TARGET = "delayed"


def models(seed):
    return {
        "logistic": lambda: LogisticRegression(max_iter=1000),
        "mlp": lambda: MLPClassifier(hidden_layer_sizes=(64, 64), early_stopping=True, random_state=seed),
        "hgb": lambda: HistGradientBoostingClassifier(random_state=seed),
    }


def main(argv):
    files, opts = [], {}
    i = 0
    while i < len(argv):
        if argv[i].startswith("--"):
            opts[argv[i]] = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if len(files) != 2:
        sys.exit("Usage: sklearn_flights.py TRAIN.csv TEST.csv [--seed 42] [--models logistic,mlp,hgb]")
    seed = int(opts.get("--seed", 42))
    wanted = opts.get("--models", "logistic,mlp,hgb").split(",")
    train = pd.read_csv(files[0])
    test = pd.read_csv(files[1])
    prep = ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse=False), CATEGORIES),
    ])
    t0 = time.perf_counter()
    x_train = prep.fit_transform(train)
    prep_ms = (time.perf_counter() - t0) * 1000
    x_test = prep.transform(test)
    y_train = train[TARGET].to_numpy()
    y_test = test[TARGET].to_numpy()
    out = {
        "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "pandas": pd.__version__,
                     "numpy": np.__version__},
        "rows": {"train": int(len(train)), "test": int(len(test)), "features": int(x_train.shape[1])},
        "prepMs": prep_ms,
        "models": {},
    }
    factories = models(seed)
    for name in wanted:
        model = factories[name]()
        t0 = time.perf_counter()
        model.fit(x_train, y_train)
        fit_ms = (time.perf_counter() - t0) * 1000
        auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
        epochs = int(np.max(model.n_iter_))
        out["models"][name] = {"rocAuc": float(auc), "fitMs": fit_ms, "epochs": epochs,
                               "rowsPerSec": len(train) * epochs / (fit_ms / 1000), "params": str(model)}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
