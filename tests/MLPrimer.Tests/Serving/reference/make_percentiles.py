# Reference percentiles for LatencySummaryTests, made with numpy's default (linear) interpolation.
# Run from this folder:  /usr/bin/python3 make_percentiles.py   (writes percentiles.csv)
import numpy as np

rng = np.random.default_rng(0)
samples = {
    "lognormal50": rng.lognormal(mean=0.0, sigma=1.0, size=50),
    "uniform7": rng.uniform(0, 10, size=7),
    "ties": np.array([1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 10.0, 10.0]),
    "single": np.array([4.2]),
}
qs = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100]
with open("percentiles.csv", "w") as f:
    f.write("sample,kind,q,value\n")
    for name, x in samples.items():
        for v in x:
            f.write(f"{name},x,,{v!r}\n")
        for q in qs:
            f.write(f"{name},p,{q},{np.percentile(x, q)!r}\n")
