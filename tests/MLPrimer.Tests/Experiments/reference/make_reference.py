#!/usr/bin/python3
"""Reference values for the MLPrimer.Experiments tests, computed with scipy and scikit-learn.

Run from the repository root with Debian's Python (it has python3-scipy, python3-sklearn and numpy):

    /usr/bin/python3 tests/MLPrimer.Tests/Experiments/reference/make_reference.py

It rewrites experiments_reference.json next to this script. statsmodels is not installed, so the two-proportion z-test is
written out from its formula with scipy.stats.norm (pooled standard error for z, unpooled for the interval, as statsmodels'
proportions_ztest and confint_proportions_2indep(method="wald") do). The committed file was made with scipy 1.10.1,
scikit-learn 1.2.1 and numpy 1.24.
"""

import json
import os

import numpy as np
from scipy import stats
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern

HERE = os.path.dirname(os.path.abspath(__file__))


def two_proportion(xc, nc, xt, nt, alpha):
    pc, pt = xc / nc, xt / nt
    pooled = (xc + xt) / (nc + nt)
    z = (pt - pc) / np.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt))
    se = np.sqrt(pc * (1 - pc) / nc + pt * (1 - pt) / nt)
    q = stats.norm.ppf(1 - alpha / 2)
    return {"xc": xc, "nc": nc, "xt": xt, "nt": nt, "alpha": alpha, "z": z, "p": 2 * stats.norm.sf(abs(z)),
            "low": pt - pc - q * se, "high": pt - pc + q * se}


def welch(control, treatment, alpha):
    res = stats.ttest_ind(treatment, control, equal_var=False)
    qc, qt = np.var(control, ddof=1) / len(control), np.var(treatment, ddof=1) / len(treatment)
    df = (qc + qt) ** 2 / (qc ** 2 / (len(control) - 1) + qt ** 2 / (len(treatment) - 1))
    diff = np.mean(treatment) - np.mean(control)
    q = stats.t.ppf(1 - alpha / 2, df)
    return {"control": list(control), "treatment": list(treatment), "alpha": alpha, "t": res.statistic, "p": res.pvalue,
            "df": df, "low": diff - q * np.sqrt(qc + qt), "high": diff + q * np.sqrt(qc + qt)}


def chisquare(observed, shares):
    shares = np.asarray(shares, float)
    expected = np.sum(observed) * shares / shares.sum()
    res = stats.chisquare(observed, expected)
    return {"observed": list(observed), "shares": list(shares), "chi2": res.statistic, "p": res.pvalue}


def gp(kind, length, amplitude, alpha, normalize, x, y, xq):
    base = RBF(length, "fixed") if kind == "Rbf" else Matern(length, "fixed", nu=2.5)
    model = GaussianProcessRegressor(ConstantKernel(amplitude, "fixed") * base, alpha=alpha, optimizer=None, normalize_y=normalize)
    model.fit(x, y)
    mean, std = model.predict(xq, return_std=True)
    return {"kernel": kind, "length_scale": length, "amplitude": amplitude, "alpha": alpha, "normalize_y": normalize,
            "x": x.tolist(), "y": y.tolist(), "xq": xq.tolist(), "mean": mean.tolist(), "std": std.tolist(),
            "log_marginal_likelihood": model.log_marginal_likelihood_value_}


def main():
    rng = np.random.default_rng(26)
    reference = {
        "two_proportion": [two_proportion(*case) for case in [
            (500, 5000, 560, 5000, 0.05), (1200, 10000, 1180, 10000, 0.05), (30, 200, 45, 210, 0.10), (7, 80, 19, 75, 0.01)]],
        "welch": [welch(rng.normal(10, 2, 30).round(3), rng.normal(11, 4, 45).round(3), 0.05),
                  welch(rng.exponential(5, 12).round(3), rng.exponential(5, 9).round(3), 0.10),
                  welch(np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 4.0, 6.0, 8.0, 10.0]), 0.05)],
        "chisquare": [chisquare([50210, 49790], [0.5, 0.5]), chisquare([50800, 49200], [0.5, 0.5]),
                      chisquare([3300, 3350, 3350], [1, 1, 1]), chisquare([890, 2110], [0.3, 0.7]),
                      chisquare([100000, 95425], [0.5, 0.5])],
    }
    x1 = rng.uniform(0, 1, (7, 1))
    x2 = rng.uniform(-2, 2, (12, 2))
    reference["gp"] = [
        gp("Rbf", 0.2, 1.0, 1e-10, False, x1, np.sin(6 * x1[:, 0]), np.linspace(0, 1, 9)[:, None]),
        gp("Matern52", 0.3, 2.0, 1e-6, False, x1, np.sin(6 * x1[:, 0]) + 3, np.linspace(-0.2, 1.2, 9)[:, None]),
        gp("Rbf", 1.5, 0.5, 0.01, True, x2, x2[:, 0] ** 2 - x2[:, 1], rng.uniform(-2, 2, (6, 2))),
        gp("Matern52", 0.8, 1.0, 1e-4, True, x2, np.cos(x2[:, 0]) * x2[:, 1] * 10 + 50, rng.uniform(-2, 2, (6, 2))),
    ]
    with open(os.path.join(HERE, "experiments_reference.json"), "w") as f:
        json.dump(reference, f, indent=1, default=float)


if __name__ == "__main__":
    main()
