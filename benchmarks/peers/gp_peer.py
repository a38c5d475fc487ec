#!/usr/bin/python3
"""Peer for the "gp" benchmark: scikit-learn's GaussianProcessRegressor (fixed Matern 5/2 kernel, optimizer=None).

Usage: /usr/bin/python3 gp_peer.py X.f64 Y.f64 XQ.f64 DIM REPEATS
  X.f64, XQ.f64  raw little-endian float64 training and query points, row-major with DIM columns
  Y.f64          raw float64 targets
Prints one JSON line: best-of-REPEATS seconds for fit + predict(return_std=True), and sums of the mean and std to cross-check.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern


def main():
    dim = int(sys.argv[4])
    x = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, dim)
    y = np.fromfile(sys.argv[2], dtype=np.float64)
    xq = np.fromfile(sys.argv[3], dtype=np.float64).reshape(-1, dim)
    best, mean, std = float("inf"), None, None
    for _ in range(int(sys.argv[5])):
        start = time.perf_counter()
        model = GaussianProcessRegressor(ConstantKernel(1.0, "fixed") * Matern(0.5, "fixed", nu=2.5), alpha=1e-6, optimizer=None)
        model.fit(x, y)
        mean, std = model.predict(xq, return_std=True)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "mean_sum": float(np.sum(mean)), "std_sum": float(np.sum(std)),
                      "sklearn": sklearn.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
