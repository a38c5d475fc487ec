namespace MLPrimer.Production;

/// <summary>UCB1 (Auer et al. 2002): play every arm once, then the arm maximising mean + sqrt(2 ln t / n).</summary>
public sealed class Ucb1 : IBandit
{
    private readonly int[] _counts;
    private readonly double[] _means;
    private readonly double[] _index;
    private long _rounds;

    /// <summary>Creates the policy for <paramref name="arms"/> arms (deterministic: ties go to the lowest arm).</summary>
    public Ucb1(int arms)
    {
        Guard.AtLeast(arms, 1, nameof(arms));
        _counts = new int[arms];
        _means = new double[arms];
        _index = new double[arms];
    }

    /// <inheritdoc />
    public int Arms => _counts.Length;

    /// <summary>Times each arm has been played.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Mean reward of each arm so far.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>Total rounds played (t).</summary>
    public long Rounds => _rounds;

    /// <summary>The arm's upper confidence bound mean + sqrt(2 ln t / n); +∞ for an arm never played.</summary>
    public double Index(int arm)
    {
        Guard.Index(arm, Arms, nameof(arm));
        return IndexOf(arm);
    }

    private double IndexOf(int arm) =>
        _counts[arm] == 0 ? double.PositiveInfinity : _means[arm] + Math.Sqrt(2 * Math.Log(_rounds) / _counts[arm]);

    /// <inheritdoc />
    public int SelectArm()
    {
        for (var a = 0; a < Arms; a++) _index[a] = IndexOf(a);
        return BanditMath.ArgMax(_index);
    }

    /// <inheritdoc />
    public void Update(int arm, double reward)
    {
        Guard.Index(arm, Arms, nameof(arm));
        Guard.Finite(reward, nameof(reward));
        _rounds++;
        _counts[arm]++;
        _means[arm] += (reward - _means[arm]) / _counts[arm];
    }
}
