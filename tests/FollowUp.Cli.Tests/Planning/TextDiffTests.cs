using FollowUp.Cli.Planning;

namespace FollowUp.Cli.Tests.Planning;

public class TextDiffTests
{
    [Fact]
    public void Lines_OneLineReplaced_ShowsItRemovedThenAddedWithTwoLinesOfContext()
    {
        var before = "a\nb\nc\nd\ne\nf\ng";
        var after = "a\nb\nc\nD\ne\nf\ng";

        var diff = TextDiff.Lines(before, after);

        Assert.Equal(["@@ line 2 @@", "  b", "  c", "- d", "+ D", "  e", "  f"], diff);
    }

    [Fact]
    public void Lines_ChangesFarApart_AreSeparateHunks()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(n => $"line {n}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 19", "line nineteen", StringComparison.Ordinal);

        var diff = TextDiff.Lines(before, after);

        Assert.Equal(2, diff.Count(line => line.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("@@ line 17 @@", diff);
    }

    [Fact]
    public void Lines_SameText_IsEmpty()
    {
        Assert.Empty(TextDiff.Lines("x\ny", "x\ny"));
    }
}
