"""Reference values for tests/MLPrimer.Tests/Monitoring, from scipy.

Run from the repository root with Debian's Python (numpy 1.24, scipy 1.10):
    /usr/bin/python3 tests/MLPrimer.Tests/Monitoring/reference/make_monitoring_reference.py
It rewrites monitoring-reference.json beside this script: seeded normal samples, their ks_2samp (method='exact'),
the Kolmogorov limit kstwobign.sf(sqrt(en) * D) that our asymptotic method uses, cramervonmises_2samp
(method='asymptotic') and chi2_contingency tables (with scipy's default Yates correction for 2x2 tables) and
scikit-learn's LogisticRegression(C=1.0) with and without sample weights (lbfgs, tight tolerance).
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(7)
out = {"scipy": scipy.__version__, "numpy": np.__version__, "two_sample": [], "contingency": []}
cases = [(12, 12, 0.0, 1.0), (20, 35, 0.5, 1.0), (60, 45, 0.0, 1.6), (150, 200, 0.3, 1.0), (400, 300, 0.0, 1.0)]
for n, m, shift, scale in cases:
    x = rng.normal(size=n)
    y = rng.normal(loc=shift, scale=scale, size=m)
    if n == 60:                                   # ties across and within samples
        x = np.round(x, 1)
        y = np.round(y, 1)
    ks = stats.ks_2samp(x, y, method="exact")
    en = n * m / (n + m)
    cvm = stats.cramervonmises_2samp(x, y, method="asymptotic")
    out["two_sample"].append({
        "x": x.tolist(), "y": y.tolist(),
        "ks_statistic": float(ks.statistic), "ks_exact_pvalue": float(ks.pvalue),
        "ks_asymptotic_pvalue": float(stats.kstwobign.sf(np.sqrt(en) * ks.statistic)),
        "cvm_statistic": float(cvm.statistic), "cvm_pvalue": float(cvm.pvalue),
    })
tables = [
    [[10, 20], [30, 25]],
    [[3, 1], [1, 3]],
    [[120, 90, 40, 10], [100, 100, 60, 40]],
    [[5, 9, 12], [7, 3, 8], [11, 6, 2]],
]
for t in tables:
    chi2, p, dof, expected = stats.chi2_contingency(np.array(t, dtype=float))
    out["contingency"].append({"observed": t, "statistic": float(chi2), "pvalue": float(p), "dof": int(dof),
                               "expected": np.asarray(expected).tolist()})
lx = rng.normal(size=(80, 3))
ly = (lx @ np.array([1.5, -1.0, 0.5]) + 0.3 + rng.logistic(size=80) > 0).astype(int)
lw = rng.uniform(0.2, 3.0, size=80)
out["logistic"] = {"x": lx.tolist(), "y": ly.tolist(), "weights": lw.tolist()}
for key, weights in [("plain", None), ("weighted", lw)]:
    model = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(lx, ly, sample_weight=weights)
    out["logistic"][key] = {"coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0])}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "monitoring-reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
