"""Peer for the `explain` bench section: scikit-learn's explanations of an MLP of our default size.

    /usr/bin/python3 tests/bench/explain_peers.py TRAIN.csv TEST.csv FEATURES [--seed 42] [--epochs 2] [--pd-rows 500] [--grid 20]

A Pipeline (standardised distance, hour, weekday; one-hot origin and destination) into MLPClassifier((64, 64)), fitted
for --epochs passes (the size, not the accuracy, sets the cost of an explanation). Then, timed apart:
`permutation_importance` on all the test rows (5 repeats, ROC AUC, source columns shuffled whole, as ours does) and
`partial_dependence` (brute force, --grid points, kind='both' for ICE lines) for FEATURES (comma separated) on a
seeded sample of --pd-rows test rows. Prints one JSON object.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.inspection import partial_dependence, permutation_importance
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["distance", "hour", "weekday"]
CATEGORIES = ["origin", "destination"]
TARGET = "delayed"


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
    if len(files) != 3:
        sys.exit("Usage: explain_peers.py TRAIN.csv TEST.csv FEATURES [--seed 42] [--epochs 2] [--pd-rows 500] [--grid 20]")
    seed = int(opts.get("--seed", 42))
    epochs = int(opts.get("--epochs", 2))
    pd_rows = int(opts.get("--pd-rows", 500))
    grid = int(opts.get("--grid", 20))
    features = files[2].split(",")
    train = pd.read_csv(files[0])
    test = pd.read_csv(files[1])
    columns = NUMERIC + CATEGORIES
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore", sparse=False), CATEGORIES),
        ])),
        ("mlp", MLPClassifier(hidden_layer_sizes=(64, 64), max_iter=epochs, random_state=seed)),
    ])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(train[columns], train[TARGET])
    x_test, y_test = test[columns], test[TARGET].to_numpy()
    t0 = time.perf_counter()
    imp = permutation_importance(model, x_test, y_test, scoring="roc_auc", n_repeats=5, random_state=0)
    perm_ms = (time.perf_counter() - t0) * 1000
    sample = x_test.sample(n=min(pd_rows, len(x_test)), random_state=0)
    t0 = time.perf_counter()
    for f in features:
        partial_dependence(model, sample, [f], kind="both", grid_resolution=grid,
                           categorical_features=[c for c in CATEGORIES if c == f] or None)
    pd_ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "rows": {"test": int(len(test)), "pd": int(len(sample))},
        "permutationMs": perm_ms, "partialDependenceMs": pd_ms,
        "importance": {c: float(m) for c, m in zip(columns, imp.importances_mean)},
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
