#!/usr/bin/python3
"""Reference values for the MLPrimer.Evaluation tests, computed by scikit-learn.

Run from the repository root with Debian's Python (it has python3-sklearn and numpy):

    /usr/bin/python3 tests/MLPrimer.Tests/Evaluation/reference/make_reference.py

It rewrites metrics_reference.json next to this script. The output is deterministic for a given
scikit-learn/numpy version (recorded in the file); the committed file was made with scikit-learn 1.2.1.

Conventions of the JSON file:
  * floats that JSON cannot hold are strings: "NaN", "Infinity", "-Infinity";
  * "error" entries record the exception scikit-learn raised for that input (the C# side must throw too);
  * roc_curve thresholds are stored as scikit-learn returned them; scikit-learn < 1.3 puts max(score) + 1 first,
    newer versions (and MLPrimer) put +infinity there, so the tests compare the first threshold separately.
"""

import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    dcg_score,
    f1_score,
    fbeta_score,
    log_loss,
    ndcg_score,
    precision_recall_curve,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

warnings.filterwarnings("ignore")  # zero-division and one-class warnings are part of what we record


def clean(x):
    """Turn numpy values into plain JSON-able Python, with non-finite floats as strings."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


def error_of(fn):
    """Run fn; return its result, or a dict naming the exception scikit-learn raised."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any failure is what we want to record
        return {"error": type(e).__name__, "message": str(e)}


# ---------------------------------------------------------------------------------------------------------------
# Classification: labels -> precision / recall / F / accuracy / confusion matrix
# ---------------------------------------------------------------------------------------------------------------

def classification_case(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    binary = set(labels.tolist()) <= {0, 1}
    case = {
        "name": name,
        "y_true": y_true,
        "y_pred": y_pred,
        "labels": labels,
        "accuracy": accuracy_score(y_true, y_pred),
        "confusion_matrix": confusion_matrix(y_true, y_pred),
        "averages": {},
    }
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, labels=labels)
    case["per_class"] = {"precision": p, "recall": r, "f1": f, "support": s}
    p2, r2, f2, _ = precision_recall_fscore_support(y_true, y_pred, average=None, labels=labels, beta=2.0)
    case["per_class_beta2"] = {"precision": p2, "recall": r2, "fbeta": f2}
    averages = (["binary"] if binary else []) + ["micro", "macro", "weighted"]
    for avg in averages:
        entry = {}
        for zd_name, zd in (("zd0", "warn"), ("zd1", 1)):
            entry[zd_name] = {
                "precision": precision_score(y_true, y_pred, average=avg, zero_division=zd),
                "recall": recall_score(y_true, y_pred, average=avg, zero_division=zd),
                "f1": f1_score(y_true, y_pred, average=avg, zero_division=zd),
                "f0.5": fbeta_score(y_true, y_pred, beta=0.5, average=avg, zero_division=zd),
                "f2": fbeta_score(y_true, y_pred, beta=2.0, average=avg, zero_division=zd),
            }
        case["averages"][avg] = entry
    return case


def classification_cases():
    cases = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(40, 200))
        y = (rng.random(n) < 0.4).astype(int)
        flip = rng.random(n) < 0.25
        cases.append(classification_case(f"binary_random_{seed}", y, np.where(flip, 1 - y, y)))
    cases.append(classification_case("binary_no_predicted_positive", [0, 1, 1, 0, 1], [0, 0, 0, 0, 0]))
    cases.append(classification_case("binary_no_true_positive", [0, 0, 0, 0], [0, 1, 0, 1]))
    cases.append(classification_case("binary_all_negative", [0, 0, 0], [0, 0, 0]))
    cases.append(classification_case("binary_all_positive", [1, 1, 1], [1, 1, 1]))
    for seed, k in ((3, 3), (4, 5)):
        rng = np.random.default_rng(seed)
        n = 150
        y = rng.integers(0, k, n)
        noise = rng.random(n) < 0.35
        cases.append(classification_case(f"multiclass_{k}_{seed}", y, np.where(noise, rng.integers(0, k, n), y)))
    # Non-contiguous labels, one only in y_true (9) and one only in y_pred (-3).
    rng = np.random.default_rng(5)
    y = rng.choice([2, 7, 10, 9], 80)
    pred = np.where(rng.random(80) < 0.3, rng.choice([-3, 2, 7, 10], 80), np.where(y == 9, 2, y))
    cases.append(classification_case("multiclass_sparse_labels", y, pred))
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Threshold curves: scores -> ROC / PR / AUC / AP
# ---------------------------------------------------------------------------------------------------------------

def curve_case(name, y_true, y_score):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_score = np.asarray(y_score, dtype=np.float64)
    case = {"name": name, "y_true": y_true, "y_score": y_score}
    fpr, tpr, thr = roc_curve(y_true, y_score)
    case["roc"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    fpr, tpr, thr = roc_curve(y_true, y_score, drop_intermediate=False)
    case["roc_all"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    p, r, t = precision_recall_curve(y_true, y_score)
    case["pr"] = {"precision": p, "recall": r, "thresholds": t}
    case["average_precision"] = average_precision_score(y_true, y_score)
    case["roc_auc"] = error_of(lambda: roc_auc_score(y_true, y_score))
    return case


def curve_cases():
    cases = [curve_case("sklearn_doc_example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])]
    for seed in (10, 11, 12):
        rng = np.random.default_rng(seed)
        n = 200
        y = (rng.random(n) < 0.35).astype(int)
        s = np.round(1 / (1 + np.exp(-(rng.normal(size=n) + 1.2 * y))), 6)
        cases.append(curve_case(f"random_{seed}", y, s))
    for seed in (20, 21, 22):
        rng = np.random.default_rng(seed)
        n = 300
        y = (rng.random(n) < 0.4).astype(int)
        s = np.round(np.clip(rng.normal(0.4 + 0.2 * y, 0.2), 0, 1), 1)  # heavy ties: 11 distinct values
        cases.append(curve_case(f"ties_1dp_{seed}", y, s))
    rng = np.random.default_rng(30)
    y = (rng.random(5000) < 0.1).astype(int)
    cases.append(curve_case("large_ties_2dp", y, np.round(rng.beta(2 + 2 * y, 5), 2)))
    rng = np.random.default_rng(31)
    y = (rng.random(1000) < 0.02).astype(int)
    cases.append(curve_case("imbalanced_2pct", y, np.round(rng.normal(y * 1.5, 1.0), 4)))
    rng = np.random.default_rng(32)
    y = (rng.random(100) < 0.5).astype(int)
    cases.append(curve_case("decision_function_scores", y, np.round(rng.normal(2.0 * y - 1.0, 2.0), 3)))
    cases.append(curve_case("perfect_separation", [0, 0, 0, 1, 1], [0.1, 0.2, 0.3, 0.8, 0.9]))
    cases.append(curve_case("perfectly_wrong", [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]))
    cases.append(curve_case("all_scores_tied", [0, 1, 0, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]))
    cases.append(curve_case("collinear_run", [1, 1, 1, 0, 0, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]))
    cases.append(curve_case("all_negative", [0, 0, 0, 0], [0.1, 0.4, 0.4, 0.8]))
    cases.append(curve_case("all_positive", [1, 1, 1], [0.3, 0.2, 0.3]))
    cases.append(curve_case("single_sample", [1], [0.7]))
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Probabilistic losses
# ---------------------------------------------------------------------------------------------------------------

def probabilistic_cases():
    cases = []
    for seed in (40, 41):
        rng = np.random.default_rng(seed)
        n = 120
        y = (rng.random(n) < 0.45).astype(int)
        p = np.round(np.clip(rng.normal(0.35 + 0.3 * y, 0.25), 0, 1), 3)
        p[:4] = [0.0, 1.0, 0.0, 1.0]  # exact 0 and 1 exercise the eps clipping (both right and confidently wrong)
        cases.append({
            "name": f"binary_{seed}",
            "y_true": y,
            "y_prob": p,
            "log_loss": log_loss(y, p, labels=[0, 1]),
            "log_loss_eps_1e-7": log_loss(y, p, eps=1e-7, labels=[0, 1]),
            "brier": brier_score_loss(y, p),
        })
    y = np.array([0, 0, 0, 0])
    p = np.array([0.1, 0.0, 0.3, 0.2])
    cases.append({"name": "binary_all_negative", "y_true": y, "y_prob": p,
                  "log_loss": log_loss(y, p, labels=[0, 1]),
                  "log_loss_eps_1e-7": log_loss(y, p, eps=1e-7, labels=[0, 1]),
                  "brier": brier_score_loss(y, p),
                  "log_loss_without_labels": error_of(lambda: log_loss(y, p))})
    return cases


def multiclass_log_loss_cases():
    cases = []
    for seed, k in ((50, 3), (51, 4)):
        rng = np.random.default_rng(seed)
        n = 60
        y = rng.integers(0, k, n)
        probs = rng.dirichlet(np.ones(k), n)
        probs[0] = 0.0
        probs[0, y[0]] = 1.0            # a perfect row with exact zeros
        probs[1] = 0.0
        probs[1, (y[1] + 1) % k] = 1.0  # a confidently wrong row
        probs[2] *= 1.7                 # a row that does not sum to 1 (scikit-learn 1.2 renormalises)
        cases.append({"name": f"multiclass_{k}_{seed}", "k": k, "y_true": y, "probabilities": probs.ravel(),
                      "log_loss": log_loss(y, probs, labels=list(range(k)))})
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Calibration: calibration_curve, plus ECE / MCE from its bins
# ---------------------------------------------------------------------------------------------------------------

def sklearn_bin_counts(y_prob, n_bins, strategy):
    """Bin sizes, by the same edges and searchsorted rule calibration_curve uses (it does not return them)."""
    if strategy == "quantile":
        bins = np.percentile(y_prob, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    binids = np.searchsorted(bins[1:-1], y_prob)
    counts = np.bincount(binids, minlength=len(bins))
    return counts[counts != 0]


def calibration_cases():
    cases = []
    for name, seed, decimals in (("continuous", 60, 6), ("ties_1dp", 61, 1), ("ties_2dp", 62, 2)):
        rng = np.random.default_rng(seed)
        n = 400
        p = np.round(rng.beta(2, 3, n), decimals)
        y = (rng.random(n) < np.clip(p * 1.2 - 0.05, 0, 1)).astype(int)  # deliberately a little miscalibrated
        case = {"name": name, "y_true": y, "y_prob": p, "curves": []}
        for strategy in ("uniform", "quantile"):
            for n_bins in (5, 10, 15):
                prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
                counts = sklearn_bin_counts(p, n_bins, strategy)
                gaps = np.abs(prob_true - prob_pred)
                case["curves"].append({
                    "strategy": strategy, "n_bins": n_bins,
                    "prob_true": prob_true, "prob_pred": prob_pred, "counts": counts,
                    "ece": float(np.sum(counts / len(p) * gaps)),
                    "mce": float(np.max(gaps)),
                })
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Ranking: ndcg_score / dcg_score (graded, with ties) and average precision per query (for MAP)
# ---------------------------------------------------------------------------------------------------------------

def ndcg_cases():
    cases = []
    for name, seed, queries, items, decimals in (("graded_ties", 70, 6, 8, 1), ("graded_continuous", 71, 5, 12, 6),
                                                 ("graded_heavy_ties", 72, 4, 10, 0)):
        rng = np.random.default_rng(seed)
        y_true = rng.integers(0, 4, (queries, items)).astype(float)
        y_true[0] = 0.0  # a query with nothing relevant: NDCG is 0 by convention
        y_score = np.round(y_true * 0.3 + rng.normal(0, 0.5, (queries, items)), decimals)
        case = {"name": name, "y_true": y_true, "y_score": y_score, "results": []}
        for k in (None, 1, 3, 5, items + 7):  # the last k is longer than the list
            for ignore_ties in (False, True):
                if ignore_ties and decimals < 6:
                    continue  # with ties, ignore_ties depends on numpy's unstable argsort
                case["results"].append({
                    "k": k, "ignore_ties": ignore_ties,
                    "ndcg": ndcg_score(y_true, y_score, k=k, ignore_ties=ignore_ties),
                    "dcg": dcg_score(y_true, y_score, k=k, ignore_ties=ignore_ties),
                    "ndcg_per_query": [ndcg_score(y_true[[q]], y_score[[q]], k=k, ignore_ties=ignore_ties)
                                       for q in range(queries)],
                    "dcg_per_query": [dcg_score(y_true[[q]], y_score[[q]], k=k, ignore_ties=ignore_ties)
                                      for q in range(queries)],
                })
        cases.append(case)
    return cases


def map_cases():
    """Queries with continuous scores (no ties): the ranking is argsort(-score), relevant items are y == 1."""
    rng = np.random.default_rng(80)
    queries = []
    for q in range(8):
        n = int(rng.integers(5, 30))
        y = (rng.random(n) < 0.3).astype(int)
        y[rng.integers(0, n)] = 1  # at least one relevant item
        s = np.round(rng.normal(y * 0.8, 1.0), 6)
        assert len(np.unique(s)) == n
        ranked = np.argsort(-s, kind="stable")
        queries.append({
            "y_true": y, "y_score": s, "ranked_items": ranked, "relevant_items": np.flatnonzero(y),
            "average_precision": average_precision_score(y, s),
            "ndcg_binary": {str(k): ndcg_score(y[None, :], s[None, :], k=k) for k in (1, 3, 5, 10, 100)},
        })
    return {"queries": queries, "map": float(np.mean([q["average_precision"] for q in queries]))}


# ---------------------------------------------------------------------------------------------------------------
# Inputs scikit-learn rejects
# ---------------------------------------------------------------------------------------------------------------

def error_cases():
    nan = float("nan")
    specs = [
        ("roc_auc", [0, 0, 0], [0.1, 0.2, 0.3], lambda y, s: roc_auc_score(y, s)),
        ("roc_auc", [1, 1], [0.1, 0.2], lambda y, s: roc_auc_score(y, s)),
        ("roc_auc", [], [], lambda y, s: roc_auc_score(y, s)),
        ("roc_auc", [0, 1, 1], [0.1, nan, 0.3], lambda y, s: roc_auc_score(y, s)),
        ("roc_auc", [0, 1, 1], [0.1, float("inf"), 0.3], lambda y, s: roc_auc_score(y, s)),
        ("roc_auc", [0, 1], [0.1, 0.2, 0.3], lambda y, s: roc_auc_score(y, s)),
        ("average_precision", [], [], lambda y, s: average_precision_score(y, s)),
        ("average_precision", [0, 1], [nan, 0.3], lambda y, s: average_precision_score(y, s)),
        ("average_precision", [0, 2, 1], [0.2, 0.3, 0.4], lambda y, s: average_precision_score(y, s)),
        ("roc_curve", [0, 1], [0.1, nan], lambda y, s: roc_curve(y, s)),
        ("precision_recall_curve", [0, 1], [0.5], lambda y, s: precision_recall_curve(y, s)),
        ("log_loss", [0, 1], [0.2, nan], lambda y, s: log_loss(y, s)),
        ("log_loss", [], [], lambda y, s: log_loss(y, s)),
        ("brier", [0, 1], [0.2, 1.5], lambda y, s: brier_score_loss(y, s)),
        ("brier", [0, 1], [0.2, nan], lambda y, s: brier_score_loss(y, s)),
        ("precision", [0, 1, 2], [0, 1, 1], lambda y, s: precision_score(y, s)),
        ("precision", [0, 1], [0, 1, 1], lambda y, s: precision_score(y, s)),
        ("calibration_curve", [0, 1], [0.2, 1.2], lambda y, s: calibration_curve(y, s)),
        ("ndcg", [[1.0]], [[0.5]], lambda y, s: ndcg_score(y, s)),
    ]
    out = []
    for metric, y, s, fn in specs:
        result = error_of(lambda: fn(np.asarray(y), np.asarray(s, dtype=float)))
        assert isinstance(result, dict) and "error" in result, (metric, y, s, result)
        out.append({"metric": metric, "y": y, "s": s, "sklearn_error": result["error"], "message": result["message"]})
    return out


def main():
    data = {
        "generator": "tests/MLPrimer.Tests/Evaluation/reference/make_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "classification": classification_cases(),
        "curves": curve_cases(),
        "probabilistic": probabilistic_cases(),
        "multiclass_log_loss": multiclass_log_loss_cases(),
        "calibration": calibration_cases(),
        "ndcg": ndcg_cases(),
        "map": map_cases(),
        "errors": error_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics_reference.json")
    with open(path, "w") as f:
        json.dump(clean(data), f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) with scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()
