#!/usr/bin/python3
"""Peer for the "metrics" benchmark: scikit-learn's threshold metrics on the data MetricsBenchmark.cs wrote.

Usage: /usr/bin/python3 metrics_peer.py SCORES.f32 LABELS.i8 REPEATS
  SCORES.f32  raw little-endian float32 scores (numpy.fromfile, dtype float32)
  LABELS.i8   raw int8 labels, 0 or 1
Prints one JSON line: for each metric the best-of-REPEATS seconds and a summary of the result to cross-check.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve


def best_of(repeats, fn):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    scores = np.fromfile(sys.argv[1], dtype=np.float32)
    labels = np.fromfile(sys.argv[2], dtype=np.int8)
    repeats = int(sys.argv[3])
    assert scores.shape == labels.shape
    out = {"n": int(scores.size), "sklearn": sklearn.__version__, "numpy": np.__version__}

    t, auc = best_of(repeats, lambda: roc_auc_score(labels, scores))
    out["roc_auc"] = {"seconds": t, "value": float(auc)}
    t, ap = best_of(repeats, lambda: average_precision_score(labels, scores))
    out["average_precision"] = {"seconds": t, "value": float(ap)}
    t, (precision, recall, thresholds) = best_of(repeats, lambda: precision_recall_curve(labels, scores))
    out["pr_curve"] = {"seconds": t, "points": int(precision.size), "value": float(np.sum(precision))}
    t, (fpr, tpr, thresholds) = best_of(repeats, lambda: roc_curve(labels, scores))
    out["roc_curve"] = {"seconds": t, "points": int(fpr.size), "value": float(np.sum(tpr))}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
