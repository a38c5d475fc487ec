using System.Globalization;

namespace MLPrimer.Evaluation;

/// <summary>One input a behavioural test flagged: its row in the inputs and the model's score before and after the change.</summary>
public sealed record BehaviouralCase(int Row, double Before, double After)
{
    /// <summary>After minus Before.</summary>
    public double Change => After - Before;
}

/// <summary>Outcome of a behavioural test: how many inputs were tried, which failed, and whether the failure rate is within the allowance.</summary>
public sealed record BehaviouralTestReport(string Test, int Cases, IReadOnlyList<BehaviouralCase> Failures, double MaxFailureRate)
{
    /// <summary>Failed cases divided by all cases.</summary>
    public double FailureRate => Cases == 0 ? 0.0 : (double)Failures.Count / Cases;

    /// <summary>True when <see cref="FailureRate"/> is at most <see cref="MaxFailureRate"/>.</summary>
    public bool Passed => FailureRate <= MaxFailureRate;

    /// <summary>One line: the test, PASS or FAIL, failures out of cases, the failure rate and the allowance.</summary>
    public string Summary => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1} ({2} of {3} cases failed, {4:P1}; allowed {5:P1})",
        Test, Passed ? "PASS" : "FAIL", Failures.Count, Cases, FailureRate, MaxFailureRate);

    /// <summary>The <see cref="Summary"/> line.</summary>
    public override string ToString() => Summary;
}
