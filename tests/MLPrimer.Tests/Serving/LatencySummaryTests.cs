using System.Globalization;
using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class LatencySummaryTests
{
    // reference/percentiles.csv: samples and np.percentile(x, q) (default linear interpolation), made by reference/make_percentiles.py.
    public static IEnumerable<object[]> Samples() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Serving", "reference", "percentiles.csv")).Skip(1)
            .Select(l => l.Split(',')[0]).Distinct().Select(s => new object[] { s });

    private static (double[] X, List<(double Q, double P)> Expected) Load(string sample)
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Serving", "reference", "percentiles.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == sample).ToArray();
        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return (rows.Where(f => f[1] == "x").Select(f => D(f[3])).ToArray(),
                rows.Where(f => f[1] == "p").Select(f => (D(f[2]), D(f[3]))).ToList());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void PercentilesMatchNumpy(string sample)
    {
        var (x, expected) = Load(sample);
        foreach (var (q, p) in expected)
            Assert.Equal(p, LatencySummary.Percentile(x, q), 12);
        var summary = LatencySummary.From(x);
        Assert.Equal(expected.Single(e => e.Q == 50).P, summary.P50, 12);
        Assert.Equal(expected.Single(e => e.Q == 99).P, summary.P99, 12);
        Assert.Equal(x.Max(), summary.Max);
        Assert.Equal(x.Average(), summary.Mean, 12);
        Assert.Equal(x.Length, summary.Count);
    }

    [Fact]
    public void HandCalculatedExample()
    {
        // sorted [1, 2, 3, 4]: p50 sits at position 1.5 -> 2.5; p95 at 2.85 -> 3 + 0.85 = 3.85
        double[] x = [4, 1, 3, 2];
        Assert.Equal(2.5, LatencySummary.Percentile(x, 50), 12);
        Assert.Equal(3.85, LatencySummary.Percentile(x, 95), 12);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => LatencySummary.From(Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => LatencySummary.Percentile([1.0], 101));
        Assert.Throws<ArgumentException>(() => LatencySummary.Percentile([1.0], -1));
        Assert.Throws<ArgumentException>(() => LatencySummary.Percentile([1.0, double.NaN], 50));
    }
}
