# Regenerates breast-cancer.csv from the copy of the UCI "Breast Cancer Wisconsin (Diagnostic)"
# data that scikit-learn ships (Debian package python3-sklearn).
# Run: /usr/bin/python3 public/samples/make-breast-cancer.py
from sklearn.datasets import load_breast_cancer
import pathlib

d = load_breast_cancer(as_frame=True)
df = d.frame.copy()
df.columns = [c.replace(' ', '_') for c in df.columns]
df['diagnosis'] = df.pop('target').map({0: 'malignant', 1: 'benign'})
out = pathlib.Path(__file__).with_name('breast-cancer.csv')
df.to_csv(out, index=False)
print(out, df.shape)
