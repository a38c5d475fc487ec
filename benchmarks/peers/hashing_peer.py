#!/usr/bin/python3
"""Peer for the "hashing" benchmark: scikit-learn's FeatureHasher on the rows the C# side wrote.

Usage: /usr/bin/python3 benchmarks/peers/hashing_peer.py ROWS.tsv N_FEATURES REPEATS

ROWS.tsv holds one sample per line, the values of fields f0, f1, ... separated by tabs. Each sample becomes the
dict {"f0": v0, "f1": v1, ...} (input_type="dict"), exactly what the C# benchmark hashes. Reading the file and
building the dicts is not timed; only FeatureHasher.transform is (best of REPEATS runs after one untimed run,
as on the C# side). Prints one JSON line.
"""
import json
import sys
import time

import numpy as np
from sklearn.feature_extraction import FeatureHasher


def main():
    path, n_features, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        rows = [{f"f{j}": v for j, v in enumerate(line.rstrip("\n").split("\t"))} for line in f]
    hasher = FeatureHasher(n_features=n_features, input_type="dict")
    X = hasher.transform(rows)  # untimed, like the C# side's warm-up run
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        X = hasher.transform(rows)
        best = min(best, time.perf_counter() - start)
    indices = X.indices.astype(np.int64)
    weights = (np.arange(indices.size, dtype=np.int64) % 1000) + 1
    print(json.dumps({
        "seconds": best,
        "rows": X.shape[0],
        "stored": int(X.nnz),
        "index_checksum": int(np.sum((indices + 1) * weights)),
        "data_sum": float(np.sum(X.data)),
    }))


if __name__ == "__main__":
    main()
