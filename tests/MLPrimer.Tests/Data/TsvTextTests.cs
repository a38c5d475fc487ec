using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

public class TsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\tb\nc", "a\tb\nc")]
    [InlineData(@"C:\\temp\\n", @"C:\temp\n")]
    [InlineData(@"\\\\", @"\\")]
    public void UnescapesTheThreeEscapes(string field, string expected) =>
        Assert.Equal(expected, TsvText.Unescape(field));

    [Fact]
    public void UnknownEscapeIsAnError() =>
        Assert.Throws<FormatException>(() => TsvText.Unescape(@"bad\x"));
}
