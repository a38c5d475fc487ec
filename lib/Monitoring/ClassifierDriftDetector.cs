using MLPrimer.Evaluation;

namespace MLPrimer.Monitoring;

/// <summary>Domain-classifier drift detector (alibi-detect's ClassifierDrift idea): label reference rows 0 and current rows 1, fit a logistic regression in k folds, and score the out-of-fold predictions by ROC AUC — 0.5 means the two samples cannot be told apart.</summary>
public static class ClassifierDriftDetector
{
    /// <summary>Out-of-fold AUC and probabilities of a logistic-regression domain classifier on the raw features plus their squares (so a change of spread is visible too); folds are seeded.</summary>
    public static ClassifierDriftResult Detect(double[][] reference, double[][] current, int folds = 5, int seed = 0, double c = 1.0)
    {
        var dr = Guard.Rows(reference, nameof(reference), 2);
        var dc = Guard.Rows(current, nameof(current), 2);
        if (dr != dc) throw new ArgumentException($"reference has {dr} features and current {dc}; they must match.", nameof(current));
        if (folds < 2) throw new ArgumentException($"folds must be at least 2, got {folds}.", nameof(folds));
        var rows = reference.Concat(current).ToArray();
        var labels = Enumerable.Repeat(0, reference.Length).Concat(Enumerable.Repeat(1, current.Length)).ToArray();
        if (folds > rows.Length) throw new ArgumentException($"folds ({folds}) exceeds the number of rows ({rows.Length}).", nameof(folds));
        // Standardise with the pooled mean and spread, then add squared terms.
        var mean = Enumerable.Range(0, dr).Select(k => rows.Average(r => r[k])).ToArray();
        var sd = Enumerable.Range(0, dr).Select(k => Math.Sqrt(rows.Average(r => (r[k] - mean[k]) * (r[k] - mean[k]))) is var s && s > 0 ? s : 1).ToArray();
        var features = rows.Select(r =>
        {
            var z = r.Select((v, k) => (v - mean[k]) / sd[k]).ToArray();
            return z.Concat(z.Select(v => v * v)).ToArray();
        }).ToArray();
        var rng = new Random(seed);
        var order = Enumerable.Range(0, rows.Length).ToArray();
        rng.Shuffle(order);
        var fold = new int[rows.Length];
        for (var i = 0; i < order.Length; i++) fold[order[i]] = i % folds;
        var proba = new double[rows.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, rows.Length).Where(i => fold[i] == f).ToArray();
            var trainLabels = train.Select(i => labels[i]).ToArray();
            if (trainLabels.Distinct().Count() < 2) { foreach (var i in test) proba[i] = trainLabels[0]; continue; }
            var model = new LogisticRegression(c).Fit(train.Select(i => features[i]).ToArray(), trainLabels);
            var p = model.PredictProba(test.Select(i => features[i]).ToArray());
            for (var k = 0; k < test.Length; k++) proba[test[k]] = p[k];
        }
        return new ClassifierDriftResult(Metrics.RocAuc(labels, proba), proba, reference.Length, current.Length);
    }
}
