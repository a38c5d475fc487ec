"""Reference values for tests/MLPrimer.Tests/Exploration, from numpy and scipy.

Run from the repository root with Debian's Python (numpy 1.24, scipy 1.10):
    /usr/bin/python3 tests/MLPrimer.Tests/Exploration/reference/make_statistics_reference.py
It rewrites tests/MLPrimer.Tests/Exploration/reference/statistics-reference.json from data/wine.csv and
data/breast-cancer.csv plus one small hand-made vector with ties. scipy's bias=False skewness and kurtosis are the
estimators pandas' Series.skew() and Series.kurt() use.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def load(name):
    with open(os.path.join(root, "data", name)) as f:
        header = f.readline().strip().split(",")
    return header, np.loadtxt(os.path.join(root, "data", name), delimiter=",", skiprows=1)


levels = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0]
out = {"numpy": np.__version__, "scipy": scipy.__version__, "quantile_levels": levels, "columns": []}


def describe(dataset, name, x):
    x = np.asarray(x, dtype=np.float64)
    q1, q3 = np.quantile(x, [0.25, 0.75])
    iqr = q3 - q1
    mode = stats.mode(x, keepdims=False)
    return {
        "dataset": dataset, "name": name,
        "mean": float(np.mean(x)), "var_ddof1": float(np.var(x, ddof=1)), "var_ddof0": float(np.var(x)),
        "skew_biased": float(stats.skew(x)), "skew_unbiased": float(stats.skew(x, bias=False)),
        "kurtosis_biased": float(stats.kurtosis(x)), "kurtosis_unbiased": float(stats.kurtosis(x, bias=False)),
        "kurtosis_pearson_biased": float(stats.kurtosis(x, fisher=False)),
        "quantiles": [float(v) for v in np.quantile(x, levels)],
        "mode": float(mode.mode), "mode_count": int(mode.count),
        "ranks": [float(v) for v in stats.rankdata(x, method="average")],
        "iqr_outliers": [int(i) for i in np.where((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))[0]],
    }


wine_names, wine = load("wine.csv")
cancer_names, cancer = load("breast-cancer.csv")
for j in [0, 1, 4, 9, 12]:
    out["columns"].append(describe("wine", wine_names[j], wine[:, j]))
for j in [0, 3, 23]:
    out["columns"].append(describe("breast-cancer", cancer_names[j], cancer[:, j]))
out["columns"].append(describe("hand", "ties", [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]))

features = wine[:, :-1]
out["wine_pearson"] = np.corrcoef(features, rowvar=False).tolist()
out["wine_spearman"] = stats.spearmanr(features).correlation.tolist()
out["wine_feature_names"] = wine_names[:-1]
tie_x = [1, 2, 2, 3, 4, 4, 4, 5]
tie_y = [2, 1, 3, 3, 5, 4, 6, 6]
out["ties_pair"] = {"x": tie_x, "y": tie_y, "pearson": float(stats.pearsonr(tie_x, tie_y)[0]),
                    "spearman": float(stats.spearmanr(tie_x, tie_y).correlation)}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statistics-reference.json")
with open(path + ".tmp", "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
os.replace(path + ".tmp", path)
print("wrote", path)
