#!/usr/bin/python3
"""Peer for the "hashing-documents" benchmark: scikit-learn's FeatureHasher on the token lists the C# side wrote.

Usage: /usr/bin/python3 benchmarks/peers/hashing_documents_peer.py DOCS.tsv N_FEATURES REPEATS

DOCS.tsv holds one document per line, its tokens separated by tabs (tokens contain no tabs). Each document is
hashed as a list of strings (input_type="string"), exactly what the C# benchmark hashes. Reading the file is not
timed; only FeatureHasher.transform is (best of REPEATS runs after one untimed run, as on the C# side). Prints
one JSON line.
"""
import json
import sys
import time

import numpy as np
from sklearn.feature_extraction import FeatureHasher


def main():
    path, n_features, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        docs = [line.rstrip("\n").split("\t") if line != "\n" else [] for line in f]
    hasher = FeatureHasher(n_features=n_features, input_type="string")
    X = hasher.transform(docs)  # untimed, like the C# side's warm-up run
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        X = hasher.transform(docs)
        best = min(best, time.perf_counter() - start)
    indices = X.indices.astype(np.int64)
    weights = (np.arange(indices.size, dtype=np.int64) % 1000) + 1
    print(json.dumps({
        "seconds": best,
        "tokens": sum(len(d) for d in docs),
        "stored": int(X.nnz),
        "index_checksum": int(np.sum((indices + 1) * weights)),
        "data_sum": float(np.sum(X.data)),
    }))


if __name__ == "__main__":
    main()
