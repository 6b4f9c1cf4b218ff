#!/usr/bin/python3
"""scikit-learn reference for models-bayes' benchmark (modelled on shared/anchors/sklearn_anchor.py).

usage: sklearn_reference.py DIR [--logreg-max-iter N] [--skip-logreg]

DIR holds train_x.npy (float32, n x d), train_y.npy (int32), test_x.npy, test_y.npy, written by
BayesBenchmark from the very datasets the Java side uses, so both sides see identical inputs.
Fits GaussianNB() and LogisticRegression(max_iter=N) (lbfgs, C=1.0; N=200 as in the anchor),
prints one machine-readable line per model:

  RESULT <model> accuracy=<test accuracy> fit_s=<seconds> predict_s=<seconds> n_iter=<iterations>

and writes GaussianNB's test predictions to DIR/gnb_pred.txt (one class index per line) so the
benchmark can count identical predictions.
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--logreg-max-iter", type=int, default=200)
    ap.add_argument("--skip-logreg", action="store_true")
    a = ap.parse_args()
    xtr, ytr = np.load(f"{a.dir}/train_x.npy"), np.load(f"{a.dir}/train_y.npy")
    xte, yte = np.load(f"{a.dir}/test_x.npy"), np.load(f"{a.dir}/test_y.npy")
    models = [("gnb", GaussianNB())]
    if not a.skip_logreg:
        models.append(("logreg", LogisticRegression(max_iter=a.logreg_max_iter)))
    for name, m in models:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t0 = time.perf_counter()
            m.fit(xtr, ytr)
            fit_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = m.predict(xte)
        predict_s = time.perf_counter() - t0
        acc = float((pred == yte).mean())
        n_iter = int(np.max(getattr(m, "n_iter_", [0])))
        print(f"RESULT {name} accuracy={acc:.6f} fit_s={fit_s:.4f} predict_s={predict_s:.4f}"
              f" n_iter={n_iter}", flush=True)
        if name == "gnb":
            np.savetxt(f"{a.dir}/gnb_pred.txt", pred, fmt="%d")


if __name__ == "__main__":
    main()
