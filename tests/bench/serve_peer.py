"""The serving peer of the `serve` bench: MLflow's scoring protocol as the Team Data Science Process serves a model,
Flask + scikit-learn under gunicorn. A StandardScaler + LogisticRegression pipeline is fitted on the breast-cancer
sample (the same data and model shape as ours) at import, so each gunicorn worker holds it. POST /invocations takes
{"dataframe_split": {...}} or {"dataframe_records": [...]} and answers {"predictions": [{label, probabilities}]}.

    gunicorn -w 2 -b 127.0.0.1:PORT --chdir tests/bench serve_peer:app
"""
import os

import pandas as pd
from flask import Flask, jsonify, request
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "public", "samples", "breast-cancer.csv")
TARGET = "diagnosis"

frame = pd.read_csv(DATA)
features = [c for c in frame.columns if c != TARGET]
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(frame[features], frame[TARGET])
classes = [str(c) for c in model.classes_]

app = Flask(__name__)


@app.get("/ping")
def ping():
    return jsonify(status="alive")


@app.post("/invocations")
def invocations():
    body = request.get_json(force=True)
    if "dataframe_split" in body:
        split = body["dataframe_split"]
        rows = pd.DataFrame(split["data"], columns=split["columns"])
    else:
        rows = pd.DataFrame(body["dataframe_records"])
    probabilities = model.predict_proba(rows[features])
    labels = [classes[i] for i in probabilities.argmax(axis=1)]
    return jsonify(predictions=[{"label": l, "probabilities": dict(zip(classes, map(float, p)))} for l, p in zip(labels, probabilities)])
