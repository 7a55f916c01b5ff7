"""scikit-learn's side of the "images" bench, as context: MLPClassifier((64,)) on the same raw pixels and split.

A dense network, not a convolutional one (scikit-learn has none): it shows what the same images give a
classic pixel model for the same number of passes, not a like-for-like speed race.
Usage: /usr/bin/python3 tests/bench/images_peer.py <out-prefix> <epochs>; prints one JSON line.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

prefix, epochs = sys.argv[1], int(sys.argv[2])
meta = json.load(open(prefix + ".split.json"))
size = meta["size"]
pixels = np.fromfile(prefix + ".pixels.bin", dtype=np.uint8).reshape(-1, size * size).astype(np.float32) / 255.0
labels = np.array(meta["labels"])
train, test = np.array(meta["train"]), np.array(meta["test"])
model = MLPClassifier(hidden_layer_sizes=(64,), batch_size=32, max_iter=epochs, random_state=42, shuffle=True)
t0 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    model.fit(pixels[train], labels[train])
train_ms = (time.perf_counter() - t0) * 1000
accuracy = float(model.score(pixels[test], labels[test]))
print(json.dumps({"trainMs": train_ms, "imagesPerSecond": len(train) * epochs / (train_ms / 1000), "accuracy": accuracy, "epochs": epochs}))
