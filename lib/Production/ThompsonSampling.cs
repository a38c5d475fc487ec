namespace MLPrimer.Production;

/// <summary>Beta–Bernoulli Thompson sampling: draw each arm's success rate from its Beta posterior and play the largest draw.</summary>
/// <remarks>A reward r in [0, 1] adds r to α and 1 - r to β (for 0/1 rewards: successes and failures).</remarks>
public sealed class ThompsonSampling : IBandit
{
    private readonly Random _rng;
    private readonly double[] _alpha;
    private readonly double[] _beta;
    private readonly double[] _draws;

    /// <summary>Creates the policy with a Beta(<paramref name="priorAlpha"/>, <paramref name="priorBeta"/>) prior on every arm.</summary>
    public ThompsonSampling(int arms, int seed = 0, double priorAlpha = 1, double priorBeta = 1)
    {
        Guard.AtLeast(arms, 1, nameof(arms));
        if (!(priorAlpha > 0) || !double.IsFinite(priorAlpha))
            throw new ArgumentException($"priorAlpha must be a positive finite number (got {priorAlpha}).", nameof(priorAlpha));
        if (!(priorBeta > 0) || !double.IsFinite(priorBeta))
            throw new ArgumentException($"priorBeta must be a positive finite number (got {priorBeta}).", nameof(priorBeta));
        _rng = new Random(seed);
        _alpha = Enumerable.Repeat(priorAlpha, arms).ToArray();
        _beta = Enumerable.Repeat(priorBeta, arms).ToArray();
        _draws = new double[arms];
    }

    /// <inheritdoc />
    public int Arms => _alpha.Length;

    /// <summary>Posterior α of each arm (prior α + sum of rewards).</summary>
    public IReadOnlyList<double> Alpha => _alpha;

    /// <summary>Posterior β of each arm (prior β + sum of 1 - reward).</summary>
    public IReadOnlyList<double> Beta => _beta;

    /// <summary>Posterior mean α / (α + β) of an arm's success rate.</summary>
    public double PosteriorMean(int arm)
    {
        Guard.Index(arm, Arms, nameof(arm));
        return _alpha[arm] / (_alpha[arm] + _beta[arm]);
    }

    /// <inheritdoc />
    public int SelectArm()
    {
        for (var a = 0; a < Arms; a++) _draws[a] = MathNet.Numerics.Distributions.Beta.Sample(_rng, _alpha[a], _beta[a]);
        return BanditMath.ArgMax(_draws);
    }

    /// <inheritdoc />
    public void Update(int arm, double reward)
    {
        Guard.Index(arm, Arms, nameof(arm));
        Guard.UnitInterval(reward, nameof(reward), "for a Beta–Bernoulli model");
        _alpha[arm] += reward;
        _beta[arm] += 1 - reward;
    }
}
