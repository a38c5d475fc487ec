namespace MLPrimer.Production;

/// <summary>A multi-armed bandit policy: picks one of <see cref="Arms"/> arms per round and learns from the reward it saw.</summary>
public interface IBandit
{
    /// <summary>Number of arms.</summary>
    int Arms { get; }

    /// <summary>The arm to play this round.</summary>
    int SelectArm();

    /// <summary>Records the reward observed after playing <paramref name="arm"/>.</summary>
    void Update(int arm, double reward);
}
