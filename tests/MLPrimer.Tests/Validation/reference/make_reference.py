#!/usr/bin/python3
"""Reference folds and trees for the MLPrimer.Validation and MLPrimer.Trees tests, computed by scikit-learn.

Run from the repository root with Debian's Python (it has python3-sklearn and numpy):

    /usr/bin/python3 tests/MLPrimer.Tests/Validation/reference/make_reference.py

It rewrites validation_reference.json next to this script. Only deterministic splitters are recorded (no shuffling:
MLPrimer shuffles with .NET's seeded Random, so shuffled folds cannot match numpy's). The committed file was made with
scikit-learn 1.2.1 and numpy 1.24.
"""

import json
import warnings
import os

import numpy as np
import sklearn
from sklearn.model_selection import GroupKFold, KFold, LeaveOneOut, StratifiedKFold, TimeSeriesSplit
from sklearn.tree import DecisionTreeClassifier

warnings.simplefilter("ignore", UserWarning)  # "least populated class" warnings for the uneven case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def folds(splitter, n, y=None, groups=None):
    X = np.zeros((n, 1))
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y, groups)]


def load(name):
    data = np.loadtxt(os.path.join(ROOT, "data", name), delimiter=",", skiprows=1)
    return data[:, :-1].astype(np.float32), data[:, -1].astype(int)


out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

out["kfold"] = [{"n": n, "k": k, "folds": folds(KFold(n_splits=k), n)} for n, k in [(10, 3), (7, 5), (5, 5), (23, 4)]]

iris_y = load("iris.csv")[1]
skewed = [1 if i % 10 == 3 else 0 for i in range(40)]
appearance = [2, 2, 1, 0, 1, 2, 0, 0, 1, 1, 2, 0, 2, 1]
strings = ["b", "a", "c", "a", "b", "b", "c", "a", "a", "b", "c", "c", "a"]
out["stratified"] = [
    {"name": name, "labels": [str(v) for v in labels], "k": k, "folds": folds(StratifiedKFold(n_splits=k), len(labels), labels)}
    for name, labels, k in [
        ("iris", iris_y.tolist(), 5),
        ("skewed", skewed, 4),
        ("appearance-order", appearance, 3),
        ("strings", strings, 3),
        ("uneven", [0] * 7 + [1] * 3 + [2] * 11, 4),
    ]
]

groups_a = [5, 5, 5, 1, 1, 2, 2, 2, 2, 3, 4, 4, 0, 0, 0, 6]
groups_b = ["p3", "p1", "p2", "p1", "p3", "p2", "p4", "p4", "p5", "p1"]
out["group"] = [
    {"name": name, "groups": [str(g) for g in groups], "numeric": numeric, "k": k,
     "folds": folds(GroupKFold(n_splits=k), len(groups), None, groups)}
    for name, groups, numeric, k in [("numeric", groups_a, True, 3), ("strings", groups_b, False, 2), ("ties", [0, 0, 1, 1, 2, 2, 3, 3], True, 3)]
]

out["timeseries"] = [
    {"n": n, "k": k, "max_train_size": m, "test_size": t, "gap": g,
     "folds": folds(TimeSeriesSplit(n_splits=k, max_train_size=m, test_size=t, gap=g), n)}
    for n, k, m, t, g in [(12, 3, None, None, 0), (12, 3, 4, 2, 1), (10, 3, None, None, 1), (7, 2, 3, None, 0)]
]

out["loo"] = [{"n": 4, "folds": folds(LeaveOneOut(), 4)}]

# Decision trees on wine: a fixed 70/30 split (the permutation is stored so C# uses the same rows).
X, y = load("wine.csv")
perm = np.random.RandomState(0).permutation(len(y))
train, test = perm[:124], perm[124:]
trees = []
for depth in [1, 2, 3, 4, 5, 6, None]:
    clf = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X[train], y[train])
    trees.append({
        "max_depth": depth,
        "train_accuracy": float(clf.score(X[train], y[train])),
        "test_predictions": clf.predict(X[test]).tolist(),
        "depth": int(clf.get_depth()),
        "leaves": int(clf.get_n_leaves()),
        "root_feature": int(clf.tree_.feature[0]),
        "root_threshold": float(clf.tree_.threshold[0]),
    })
out["wine_trees"] = {"train": train.tolist(), "test": test.tolist(), "trees": trees}

with open(os.path.join(HERE, "validation_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
