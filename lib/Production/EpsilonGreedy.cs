namespace MLPrimer.Production;

/// <summary>ε-greedy: with probability ε play a uniformly random arm, otherwise the arm with the highest mean reward so far.</summary>
public sealed class EpsilonGreedy : IBandit
{
    private readonly Random _rng;
    private readonly int[] _counts;
    private readonly double[] _means;

    /// <summary>Creates the policy; <paramref name="epsilon"/> must lie in [0, 1].</summary>
    public EpsilonGreedy(int arms, double epsilon, int seed = 0)
    {
        Guard.AtLeast(arms, 1, nameof(arms));
        Guard.UnitInterval(epsilon, nameof(epsilon));
        Epsilon = epsilon;
        _rng = new Random(seed);
        _counts = new int[arms];
        _means = new double[arms];
    }

    /// <summary>Probability of exploring (playing a random arm).</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public int Arms => _counts.Length;

    /// <summary>Times each arm has been played.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Mean reward of each arm so far (0 for an arm never played).</summary>
    public IReadOnlyList<double> Means => _means;

    /// <inheritdoc />
    public int SelectArm() => _rng.NextDouble() < Epsilon ? _rng.Next(Arms) : BanditMath.ArgMax(_means);

    /// <inheritdoc />
    public void Update(int arm, double reward)
    {
        Guard.Index(arm, Arms, nameof(arm));
        Guard.Finite(reward, nameof(reward));
        _counts[arm]++;
        _means[arm] += (reward - _means[arm]) / _counts[arm];
    }
}
