namespace MLPrimer.Evaluation;

/// <summary>
/// Offline-evaluation metrics with scikit-learn's definitions: classification scores, threshold curves, probabilistic
/// losses and calibration. Labels are ints; binary metrics take 0 (negative) and 1 (positive).
/// </summary>
/// <remarks>
/// One class, like <c>sklearn.metrics</c>, written in one file per family: <c>ClassificationMetrics.cs</c> (accuracy,
/// precision, recall, F-scores), <c>ConfusionMatrix.cs</c>, <c>Curves.cs</c> (ROC and precision–recall curves, AUC),
/// <c>ProbabilisticMetrics.cs</c> (log loss, Brier score) and <c>Calibration.cs</c> (calibration curve, ECE).
/// </remarks>
public static partial class Metrics
{
}
