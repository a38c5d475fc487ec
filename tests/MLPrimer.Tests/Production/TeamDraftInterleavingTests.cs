using MLPrimer.Production;

namespace MLPrimer.Tests.Production;

public class TeamDraftInterleavingTests
{
    [Fact]
    public void RandomRankingsInterleaveFairlyWithoutDuplicates()
    {
        var rng = new Random(9);
        for (var trial = 0; trial < 500; trial++)
        {
            var pool = Enumerable.Range(0, 15).OrderBy(_ => rng.Next()).ToArray();
            var a = pool.Take(10).ToArray();
            var b = pool.Skip(3).Take(10).OrderBy(_ => rng.Next()).ToArray();
            var length = rng.Next(2) == 0 ? (int?)null : rng.Next(1, 12);
            var list = TeamDraftInterleaving.Interleave(a, b, rng, length);

            Assert.Equal(list.Items.Count, list.Items.Distinct().Count());
            Assert.InRange(list.Teams.Count(t => t == Team.A) - list.Teams.Count(t => t == Team.B), -1, 1);
            if (length is { } l) Assert.True(list.Items.Count <= l);
            // Each team's picks appear in its own ranker's order, and each pick was that ranker's best unused item.
            for (var p = 0; p < list.Items.Count; p++)
            {
                var ranking = list.Teams[p] == Team.A ? a : b;
                var best = ranking.First(item => !list.Items.Take(p).Contains(item));
                Assert.Equal(best, list.Items[p]);
            }
        }
    }

    [Fact]
    public void IdenticalRankingsGiveTheRankingBackAndTeamsInPairs()
    {
        string[] ranking = ["a", "b", "c", "d", "e", "f"];
        var list = TeamDraftInterleaving.Interleave(ranking, ranking, new Random(1));
        Assert.Equal(ranking, list.Items);
        for (var round = 0; round < 3; round++)
            Assert.NotEqual(list.Teams[2 * round], list.Teams[2 * round + 1]);   // one pick per team per round
    }

    [Fact]
    public void BothFirstPicksAreTheRankersTopItems()
    {
        // A = [1,2,3], B = [4,5,6]: round one holds A's and B's top items in coin order, round two their second items.
        var list = TeamDraftInterleaving.Interleave(new[] { 1, 2, 3 }, new[] { 4, 5, 6 }, new Random(3), length: 4);
        Assert.Equal(new[] { 1, 4 }, list.Items.Take(2).Order());
        Assert.Equal(new[] { 2, 5 }, list.Items.Skip(2).Order());
        Assert.All(list.Items.Select((item, p) => (item, p)), x => Assert.Equal(x.item <= 3 ? Team.A : Team.B, list.Teams[x.p]));
    }

    [Fact]
    public void ClicksAreCreditedToTheTeamThatPickedTheItem()
    {
        var list = new InterleavedRanking<string>(["x", "y", "z", "w"], [Team.B, Team.A, Team.A, Team.B]);
        Assert.Equal(new InterleavingCredit(2, 0), list.Credit([1, 2]));
        Assert.Equal(1, list.Credit([1, 2]).Winner);
        Assert.Equal(-1, list.Credit([0, 3, 2]).Winner);          // B: 0 and 3, A: 2
        Assert.Equal(0, list.Credit([0, 1]).Winner);
        Assert.Equal(0, list.Credit([]).Winner);
        Assert.Equal(new InterleavingCredit(1, 0), list.Credit([1, 1]));   // a repeated click counts once
    }
}
