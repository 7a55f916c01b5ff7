"""Peers for the `trees` bench section: scikit-learn and XGBoost tree ensembles on the same train/test files as ours.

    /usr/bin/python3 tests/bench/trees_peers.py TRAIN.csv TEST.csv --target COL --task binary|regression
        [--numeric a,b] [--categorical c,d] [--date COL] [--models hgb,xgb,rf] [--threads 1,2]
        [--gbdt JSON] [--forest JSON] [--seed 42] [--repeats 1]

Features: the `--numeric` columns as they are, the `--categorical` columns as native categories (pandas `category`
dtype with the training file's categories; a test value not seen in training is missing), and with `--date COL`
the hour, weekday (Sunday = 0, as Modelbench's datetime step) and month of that column ("YYYY-MM-DD HH:MM") as
numbers.
- hgb: HistGradientBoostingClassifier/Regressor, categories through `categorical_features`; threads through
  threadpoolctl's OpenMP limit.
- xgb: XGBClassifier/XGBRegressor, tree_method="hist", enable_categorical=True; threads through n_jobs.
  Early stopping watches a 10 % slice of the training rows (stratified for classification, seeded) that it does
  not train on, as HistGradientBoosting's own validation_fraction does.
- rf: RandomForestClassifier/Regressor on the ordinal codes of the categories (sklearn forests have no native
  categories; an unseen value is -1); threads through n_jobs.
`--gbdt` and `--forest` take settings as Modelbench's option names and values (JSON; missing ones take Modelbench's
defaults): gbdt {rounds, learningRate, maxDepth (0 = no limit), maxLeaves, minSamplesLeaf, minHessian, l2, maxBins,
rowSample, colSample, earlyStopping, patience, validationFraction}; forest {trees, maxDepth (0 = no limit), maxLeaves,
minSamplesLeaf, maxFeatures (auto|sqrt|log2|third|all)}. HistGradientBoosting has no row/feature sampling and a fixed
minimum hessian of 1e-3; XGBoost has no minimum row count per leaf (min_child_weight is the hessian one). Each model's
exact parameters are printed with its figures.

Prints one JSON object: versions, rows, the features, and per model and thread count the test metric (rocAuc for
binary, rmse for regression), the fit time in ms (fit() alone: binning included, reading and encoding the CSV not; with `--repeats N` the median of
N fits, all listed in `fitTimes`),
the trees used for prediction and the trees built. A missing package or a failing fit becomes that row's
`unavailable`/`error`, never a crash.
"""
import json
import sys
import time

OUT = {"versions": {"python": sys.version.split()[0]}, "results": [], "unavailable": {}}


def emit():
    print(json.dumps(OUT))


try:
    import numpy as np
    import pandas as pd
    OUT["versions"].update(numpy=np.__version__, pandas=pd.__version__)
except Exception as e:  # without these nothing can run: say so in the JSON
    OUT["unavailable"]["all"] = f"numpy/pandas not importable: {e}"
    emit()
    sys.exit(0)

try:
    import sklearn
    from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                                  RandomForestClassifier, RandomForestRegressor)
    from sklearn.metrics import mean_squared_error, roc_auc_score
    from sklearn.model_selection import train_test_split
    from threadpoolctl import threadpool_limits
    import threadpoolctl
    OUT["versions"].update(sklearn=sklearn.__version__, threadpoolctl=threadpoolctl.__version__)
except Exception as e:
    sklearn = None
    OUT["unavailable"]["sklearn"] = f"scikit-learn/threadpoolctl not importable: {e}"

try:
    import xgboost
    OUT["versions"]["xgboost"] = xgboost.__version__
except Exception as e:
    xgboost = None
    OUT["unavailable"]["xgboost"] = f"xgboost not importable: {e}"

# Modelbench's defaults (src/core/models/trees/meta.ts).
GBDT_DEFAULTS = {"rounds": 500, "learningRate": 0.1, "maxDepth": 0, "maxLeaves": 31, "minSamplesLeaf": 20, "minHessian": 1e-3,
                 "l2": 0.0, "maxBins": 255, "rowSample": 1.0, "colSample": 1.0, "earlyStopping": True, "patience": 20,
                 "validationFraction": 0.1}
FOREST_DEFAULTS = {"trees": 100, "maxDepth": 0, "maxLeaves": 1024, "minSamplesLeaf": 1, "maxFeatures": "auto"}


def parse_args(argv):
    files, opts = [], {}
    i = 0
    while i < len(argv):
        if argv[i].startswith("--"):
            opts[argv[i][2:]] = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if len(files) != 2 or "target" not in opts:
        sys.exit(__doc__)
    return files, opts


def split_list(text):
    return [x for x in (text or "").split(",") if x]


def frames(files, opts):
    """Reads both files and returns (X_train, y_train, X_test, y_test, feature names, categorical names)."""
    numeric, categorical, date = split_list(opts.get("numeric")), split_list(opts.get("categorical")), opts.get("date")
    train, test = pd.read_csv(files[0]), pd.read_csv(files[1])

    def features(df):
        out = pd.DataFrame({c: df[c].astype("float64") for c in numeric})
        if date:
            when = pd.to_datetime(df[date], format="%Y-%m-%d %H:%M")
            # Weekday as Modelbench's datetime step numbers it (Sunday = 0): trees split on its order.
            out["hour"], out["weekday"], out["month"] = when.dt.hour, (when.dt.dayofweek + 1) % 7, when.dt.month
        for c in categorical:
            out[c] = df[c].astype("string")
        return out

    x_train, x_test = features(train), features(test)
    for c in categorical:
        cats = pd.CategoricalDtype(sorted(x_train[c].dropna().unique()))
        x_train[c], x_test[c] = x_train[c].astype(cats), x_test[c].astype(cats)
    target = opts["target"]
    return x_train, train[target].to_numpy(), x_test, test[target].to_numpy(), list(x_train.columns), categorical


def codes(x, categorical, missing=np.nan):
    """The frame as a float matrix: categories as their codes (an unseen or missing value as `missing`)."""
    out = x.copy()
    for c in categorical:
        out[c] = out[c].cat.codes.astype("float64").replace(-1, missing)
    return out.to_numpy(dtype="float64")


def score(task, y, pred):
    if task == "binary":
        return {"rocAuc": float(roc_auc_score(y, pred))}
    return {"rmse": float(np.sqrt(mean_squared_error(y, pred)))}


REPEATS = [1]


def timed_fit(model, *args, **kwargs):
    """Fits `REPEATS[0]` times (the same seed, so the same model) and returns the median fit time in ms."""
    times = []
    for _ in range(REPEATS[0]):
        t0 = time.perf_counter()
        model.fit(*args, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
    FIT_TIMES[:] = times
    return float(np.median(times))


FIT_TIMES = []


def run_hgb(task, data, s, threads, seed):
    x_train, y_train, x_test, y_test, names, categorical = data
    cls = HistGradientBoostingClassifier if task == "binary" else HistGradientBoostingRegressor
    model = cls(max_iter=s["rounds"], learning_rate=s["learningRate"], max_depth=s["maxDepth"] or None,
                max_leaf_nodes=s["maxLeaves"] or None, min_samples_leaf=s["minSamplesLeaf"],
                l2_regularization=s["l2"], max_bins=min(255, s["maxBins"]),
                categorical_features=[names.index(c) for c in categorical] or None,
                early_stopping=bool(s["earlyStopping"]), n_iter_no_change=s["patience"],
                validation_fraction=s["validationFraction"], random_state=seed)
    xa, xb = codes(x_train, categorical), codes(x_test, categorical)
    with threadpool_limits(limits=threads, user_api="openmp"):
        fit_ms = timed_fit(model, xa, y_train)
        pred = model.predict_proba(xb)[:, 1] if task == "binary" else model.predict(xb)
    # HistGradientBoosting keeps every round it built (no roll-back to the best validation round).
    return {**score(task, y_test, pred), "fitMs": fit_ms, "trees": int(model.n_iter_), "treesBuilt": int(model.n_iter_),
            "params": model_params(model, ["max_iter", "learning_rate", "max_depth", "max_leaf_nodes", "min_samples_leaf",
                                           "l2_regularization", "max_bins", "early_stopping", "n_iter_no_change",
                                           "validation_fraction"])}


def run_xgb(task, data, s, threads, seed):
    x_train, y_train, x_test, y_test, names, categorical = data
    cls = xgboost.XGBClassifier if task == "binary" else xgboost.XGBRegressor
    depthwise = bool(s["maxDepth"])
    params = dict(n_estimators=s["rounds"], learning_rate=s["learningRate"], tree_method="hist",
                  max_depth=s["maxDepth"] if depthwise else 0, max_leaves=s["maxLeaves"] or 0,
                  grow_policy="depthwise" if depthwise else "lossguide", max_bin=s["maxBins"],
                  min_child_weight=s["minHessian"], reg_lambda=s["l2"], subsample=s["rowSample"],
                  colsample_bytree=s["colSample"], enable_categorical=True, n_jobs=threads, random_state=seed)
    fit_x, fit_y, extra = x_train, y_train, {}
    if s["earlyStopping"]:
        params.update(early_stopping_rounds=s["patience"], eval_metric="logloss" if task == "binary" else "rmse")
        fit_x, val_x, fit_y, val_y = train_test_split(x_train, y_train, test_size=s["validationFraction"], random_state=seed,
                                                      stratify=y_train if task == "binary" else None)
        extra = {"eval_set": [(val_x, val_y)], "verbose": False}
    model = cls(**params)
    fit_ms = timed_fit(model, fit_x, fit_y, **extra)
    # With early stopping, predict() uses the rounds up to the best validation score.
    pred = model.predict_proba(x_test)[:, 1] if task == "binary" else model.predict(x_test)
    built = int(model.get_booster().num_boosted_rounds())
    used = int(model.best_iteration) + 1 if s["earlyStopping"] else built
    shown = {k: v for k, v in params.items() if k not in ("n_jobs", "random_state")}
    return {**score(task, y_test, pred), "fitMs": fit_ms, "trees": used, "treesBuilt": built,
            "params": ", ".join(f"{k}={v}" for k, v in shown.items())}


def run_rf(task, data, s, threads, seed):
    x_train, y_train, x_test, y_test, names, categorical = data
    cls = RandomForestClassifier if task == "binary" else RandomForestRegressor
    # Modelbench's choices in sklearn's terms: auto is sqrt for classification and every feature for regression.
    features = {"auto": "sqrt" if task == "binary" else 1.0, "third": 1 / 3, "all": 1.0}.get(s["maxFeatures"], s["maxFeatures"])
    model = cls(n_estimators=s["trees"], max_depth=s["maxDepth"] or None, max_leaf_nodes=s["maxLeaves"] or None,
                min_samples_leaf=s["minSamplesLeaf"], max_features=features, bootstrap=True, n_jobs=threads,
                random_state=seed)
    xa, xb = codes(x_train, categorical, -1.0), codes(x_test, categorical, -1.0)
    fit_ms = timed_fit(model, xa, y_train)
    pred = model.predict_proba(xb)[:, 1] if task == "binary" else model.predict(xb)
    return {**score(task, y_test, pred), "fitMs": fit_ms, "trees": len(model.estimators_), "treesBuilt": len(model.estimators_),
            "params": model_params(model, ["n_estimators", "max_depth", "max_leaf_nodes", "min_samples_leaf", "max_features",
                                           "bootstrap"])}


def model_params(model, keys):
    p = model.get_params()
    return ", ".join(f"{k}={p[k]}" for k in keys)


RUNNERS = {"hgb": ("sklearn", run_hgb), "xgb": ("xgboost", run_xgb), "rf": ("sklearn", run_rf)}


def main(argv):
    files, opts = parse_args(argv)
    task = opts.get("task", "binary")
    seed = int(opts.get("seed", 42))
    gbdt = {**GBDT_DEFAULTS, **json.loads(opts.get("gbdt", "{}"))}
    forest = {**FOREST_DEFAULTS, **json.loads(opts.get("forest", "{}"))}
    wanted = split_list(opts.get("models", "hgb,xgb,rf"))
    threads = [int(t) for t in split_list(opts.get("threads", "1,2"))]
    REPEATS[0] = max(1, int(opts.get("repeats", 1)))
    t0 = time.perf_counter()
    data = frames(files, opts)
    OUT["readMs"] = (time.perf_counter() - t0) * 1000
    OUT["rows"] = {"train": int(len(data[1])), "test": int(len(data[3]))}
    OUT["features"] = {"all": data[4], "categorical": data[5]}
    OUT["settings"] = {"gbdt": gbdt, "forest": forest}
    for name in wanted:
        package, runner = RUNNERS[name]
        for n in threads:
            row = {"model": name, "threads": n}
            if package in OUT["unavailable"]:
                row["unavailable"] = OUT["unavailable"][package]
            else:
                try:
                    row.update(runner(task, data, forest if name == "rf" else gbdt, n, seed), fitTimes=list(FIT_TIMES))
                except Exception as e:  # one failing peer must not hide the others
                    row["error"] = f"{type(e).__name__}: {e}"
            OUT["results"].append(row)
            print(f"trees_peers: {json.dumps(row)}", file=sys.stderr, flush=True)
    emit()


if __name__ == "__main__":
    main(sys.argv[1:])
