"""scikit-learn's side of the "text" bench: TfidfVectorizer + LogisticRegression fitted on the same split.

Usage: /usr/bin/python3 tests/bench/text_peer.py <file.csv> <max_features> <min_df>; prints one JSON line.
"""
import csv
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

path, max_features, min_df = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
texts = [r[0] for r in rows]
labels = [1 if r[1] == "yes" else 0 for r in rows]
x_train, x_test, y_train, y_test = train_test_split(texts, labels, test_size=0.2, stratify=labels, random_state=42)
t0 = time.perf_counter()
vectorizer = TfidfVectorizer(max_features=max_features, min_df=min_df)
features = vectorizer.fit_transform(x_train)
tfidf_ms = (time.perf_counter() - t0) * 1000
t1 = time.perf_counter()
model = LogisticRegression(max_iter=1000).fit(features, y_train)
train_ms = (time.perf_counter() - t1) * 1000
accuracy = model.score(vectorizer.transform(x_test), y_test)
print(json.dumps({"tfidfMs": tfidf_ms, "trainMs": train_ms, "fitMs": tfidf_ms + train_ms, "features": features.shape[1], "trainRows": features.shape[0], "accuracy": accuracy}))
