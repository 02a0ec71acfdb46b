using System.Text.Json.Nodes;
using FollowUp.Cli.Folder;

namespace FollowUp.Cli.Tests.Folder;

public class YamlWriterTests
{
    [Fact]
    public void Write_ThenRead_GivesTheSameJson()
    {
        var json = JsonNode.Parse("""
            {"description":"Two lines:\n\"quoted\", # not a comment, & not an anchor","condition":"order.total > 5000 && x == 'y'",
             "delay":"P1D","text":"true","number":"12","time":"09:00","yes":"yes","empty":"","spaces":"  padded  ",
             "enabled":false,"priority":-5,"cancelOn":["order.cancelled","order.returned"],"reminders":[],
             "coupon":{"prefix":"BIG","length":8},"nothing":null,"nb":"Takk for handelen, Åse!"}
            """)!.AsObject();
        var problems = new List<FolderProblem>();

        var yaml = YamlWriter.Write(json);
        var read = YamlReader.Read(yaml, "x.yaml", problems);

        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(json, read!.Json), yaml);
        Assert.Contains("time: \"09:00\"", yaml, StringComparison.Ordinal);
        Assert.Contains("cancelOn: [order.cancelled, order.returned]", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnchorsAndAliases_AreRefusedAtTheirPlace()
    {
        var problems = new List<FolderProblem>();

        YamlReader.Read("trigger: &t order.placed\ndescription: *t\n", "rules/x.yaml", problems);

        Assert.Equal("rules/x.yaml:1:10", $"{problems.Single().File}:{problems.Single().Line}:{problems.Single().Column}");
    }
}
