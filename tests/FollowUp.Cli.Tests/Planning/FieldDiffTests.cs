using System.Text.Json.Nodes;
using FollowUp.Cli.Planning;

namespace FollowUp.Cli.Tests.Planning;

public class FieldDiffTests
{
    [Fact]
    public void Lines_NamesChangedAddedAndRemovedFieldsByPath()
    {
        var before = JsonNode.Parse("""{"delay":"PT1H","sendWindow":{"from":"09:00","to":"17:00"},"condition":"order.total > 10"}""")!.AsObject();
        var after = JsonNode.Parse("""{"delay":"PT2H","sendWindow":{"from":"08:00","to":"17:00"},"coupon":{"prefix":"X","length":8}}""")!.AsObject();

        var diff = FieldDiff.Lines(before, after);

        Assert.Equal(
            ["~ delay: \"PT1H\" → \"PT2H\"", "~ sendWindow.from: \"09:00\" → \"08:00\"", "+ coupon.prefix: \"X\"", "+ coupon.length: 8", "- condition: \"order.total > 10\""],
            diff);
    }
}
