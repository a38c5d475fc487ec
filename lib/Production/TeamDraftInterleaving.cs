namespace MLPrimer.Production;

/// <summary>Which ranker contributed an item to an interleaved list.</summary>
public enum Team
{
    /// <summary>The first ranker.</summary>
    A,

    /// <summary>The second ranker.</summary>
    B,
}

/// <summary>Clicks credited to each ranker on one interleaved list.</summary>
public readonly record struct InterleavingCredit(int ClicksA, int ClicksB)
{
    /// <summary>+1 when A got more clicks, -1 when B did, 0 for a tie (including no clicks).</summary>
    public int Winner => Math.Sign(ClicksA - ClicksB);
}

/// <summary>An interleaved result list and the team that contributed each position.</summary>
public sealed class InterleavedRanking<T>
{
    internal InterleavedRanking(IReadOnlyList<T> items, IReadOnlyList<Team> teams) => (Items, Teams) = (items, teams);

    /// <summary>The list shown to the user, top first.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The team of each position.</summary>
    public IReadOnlyList<Team> Teams { get; }

    /// <summary>Credits each click (a position in <see cref="Items"/>) to the team that contributed it.</summary>
    public InterleavingCredit Credit(IEnumerable<int> clickedPositions)
    {
        ArgumentNullException.ThrowIfNull(clickedPositions);
        int a = 0, b = 0;
        foreach (var p in clickedPositions.Distinct())
        {
            if ((uint)p >= (uint)Items.Count)
                throw new ArgumentException($"clickedPositions must lie between 0 and {Items.Count - 1} (got {p}).", nameof(clickedPositions));
            if (Teams[p] == Team.A) a++; else b++;
        }
        return new InterleavingCredit(a, b);
    }
}

/// <summary>Team-draft interleaving (Radlinski, Kurup and Joachims 2008): two rankers pick in turns, like captains picking teams,
/// with a coin flip deciding who picks first in each round; clicks are credited to the team that picked the item.</summary>
public static class TeamDraftInterleaving
{
    /// <summary>Interleaves two rankings into one list of at most <paramref name="length"/> items (default: until either ranking runs out).</summary>
    public static InterleavedRanking<T> Interleave<T>(IReadOnlyList<T> rankingA, IReadOnlyList<T> rankingB, Random rng, int? length = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankingA);
        ArgumentNullException.ThrowIfNull(rankingB);
        ArgumentNullException.ThrowIfNull(rng);
        if (length is < 1) throw new ArgumentException($"length must be at least 1 (got {length}).", nameof(length));
        Guard.Distinct(rankingA, nameof(rankingA));
        Guard.Distinct(rankingB, nameof(rankingB));
        var limit = length ?? int.MaxValue;
        var items = new List<T>();
        var teams = new List<Team>();
        var used = new HashSet<T>();
        int nextA = 0, nextB = 0, teamA = 0, teamB = 0;
        while (items.Count < limit)
        {
            nextA = Skip(rankingA, nextA, used);
            nextB = Skip(rankingB, nextB, used);
            if (nextA == rankingA.Count || nextB == rankingB.Count) break;
            var aPicks = teamA < teamB || (teamA == teamB && rng.Next(2) == 0);
            var item = aPicks ? rankingA[nextA] : rankingB[nextB];
            items.Add(item);
            used.Add(item);
            teams.Add(aPicks ? Team.A : Team.B);
            if (aPicks) teamA++; else teamB++;
        }
        return new InterleavedRanking<T>(items, teams);
    }

    private static int Skip<T>(IReadOnlyList<T> ranking, int position, HashSet<T> used)
    {
        while (position < ranking.Count && used.Contains(ranking[position])) position++;
        return position;
    }
}
