"""Peer for the "tsne" benchmark: scikit-learn's Barnes-Hut TSNE on the digits shipped in data/.

Run by benchmarks/MLPrimer.Benchmarks (TsneBenchmark) with Debian's Python:
    /usr/bin/python3 benchmarks/peers/tsne_sklearn.py DIGITS_CSV_GZ PERPLEXITY SEED EMBEDDING_OUT_CSV
Prints one line of JSON: seconds (fit only), kl_divergence (sklearn's kl_divergence_), n_iter, trustworthiness (k=5),
threads (OpenMP threads sklearn's gradient used). Writes the embedding as CSV (x,y per line) for the C# side to score.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

path, perplexity, seed, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
data = np.loadtxt(path, delimiter=",", skiprows=1)
X = data[:, :-1]

start = time.perf_counter()
tsne = TSNE(n_components=2, perplexity=perplexity, init="pca", method="barnes_hut",
            learning_rate="auto", random_state=seed)
embedding = tsne.fit_transform(X)
seconds = time.perf_counter() - start

np.savetxt(out, embedding, delimiter=",", fmt="%.9g")
print(json.dumps({
    "sklearn": sklearn.__version__,
    "seconds": seconds,
    "kl_divergence": float(tsne.kl_divergence_),
    "n_iter": int(tsne.n_iter_) + 1,
    "trustworthiness": float(trustworthiness(X, embedding, n_neighbors=5)),
    "threads": _openmp_effective_n_threads(),
}))
