"""Reference values for tests/MLPrimer.Tests/Manifold (t-SNE pieces and trustworthiness), from scikit-learn.

Run from the repository root with Debian's Python (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 tests/MLPrimer.Tests/Manifold/reference/make_tsne_reference.py
It rewrites tests/MLPrimer.Tests/Manifold/reference/tsne-reference.json. The data are drawn from a seeded numpy
generator and stored in the file, so the C# tests read exactly the same numbers.
"""
import json
import os

import numpy as np
import sklearn
from scipy.spatial.distance import squareform
from sklearn.manifold import trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _joint_probabilities_nn, _kl_divergence
from sklearn.neighbors import NearestNeighbors

rng = np.random.default_rng(20240607)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

# Trustworthiness: continuous data (no tied distances), embeddings of varying quality.
cases = []
for n, p, noise, k in [(40, 6, 0.1, 3), (60, 5, 1.0, 5), (60, 5, 3.0, 10), (25, 3, 0.5, 1)]:
    X = rng.normal(size=(n, p)).astype(np.float32)
    E = (X[:, :2] + noise * rng.normal(size=(n, 2))).astype(np.float32)
    cases.append({"data": X.tolist(), "embedding": E.tolist(), "k": k,
                  "trustworthiness": float(trustworthiness(X.astype(np.float64), E.astype(np.float64), n_neighbors=k))})
out["trustworthiness"] = cases

# Affinities: exact P (all pairs) and sparse P (floor(3*perplexity+1) neighbours), perplexity 5, 30 points in 4-D.
X = rng.normal(size=(30, 4)).astype(np.float32)
perplexity = 5.0
Xd = X.astype(np.float64)
sq = ((Xd[:, None, :] - Xd[None, :, :]) ** 2).sum(-1)
P_exact = squareform(_joint_probabilities(sq, perplexity, 0))
k = int(3 * perplexity + 1)
D = NearestNeighbors(n_neighbors=k).fit(Xd).kneighbors_graph(mode="distance")
D.data **= 2
P_nn = _joint_probabilities_nn(D, perplexity, 0).toarray()
out["affinities"] = {"data": X.tolist(), "perplexity": perplexity, "neighbors": k,
                     "exact": P_exact.tolist(), "sparse": P_nn.tolist()}

# Exact objective: KL(P||Q) and its gradient at a random embedding (dof 1, 2-D), with and without exaggeration 12.
Y = rng.normal(scale=2.0, size=(30, 2))
kl, grad = _kl_divergence(Y.ravel(), _joint_probabilities(sq, perplexity, 0), 1, 30, 2)
kl12, grad12 = _kl_divergence(Y.ravel(), 12 * _joint_probabilities(sq, perplexity, 0), 1, 30, 2)
out["objective"] = {"embedding": Y.tolist(), "kl": float(kl), "gradient": grad.reshape(30, 2).tolist(),
                    "kl_exaggerated_12": float(kl12), "gradient_exaggerated_12": grad12.reshape(30, 2).tolist()}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tsne-reference.json")
with open(path + ".tmp", "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
os.replace(path + ".tmp", path)
print("wrote", path)
