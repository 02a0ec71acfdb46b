namespace FollowUp.Cli.Tests.Folder;

public class YamlReaderReviewTests
{
    // A value nested deeper than System.Text.Json writes (32) throws out of validate as an unhandled JsonException;
    // 6,000 levels (a 12 KB file) overflow the stack in YamlReader.ReadNode and kill the process (exit 134).
    // Either way a pull request's file crashes the check instead of being reported at its line.
    [Theory]
    [InlineData(40)]
    [InlineData(500)]
    public async Task Validate_AValueNestedTooDeep_IsAProblemAtItsFile(int depth)
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/x.yaml", $"trigger: order.delivered\ndelay: P5D\ntemplateId: review\ndescription: {new string('[', depth)}{new string(']', depth)}\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/x.yaml:", run.Output + run.Error, StringComparison.Ordinal);
    }
}
