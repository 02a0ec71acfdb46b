namespace FollowUp.Cli.Tests.Commands;

public class CliOptionsTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("plan")]
    [InlineData("plan", "--url", "ftp://example.com")]
    [InlineData("validate", "--url", "http://localhost")]
    [InlineData("export", "--url", "http://localhost", "--no-delete")]
    [InlineData("plan", "--url")]
    public async Task BadCommandLine_Exits2WithAReason(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("followup: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommandsAndExitCodes()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("followup apply    --url U", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ServerNotListening_Exits2SayingItCannotReachIt()
    {
        using var folder = new TestFolder().WithTemplate("review");

        var run = await CliRun.RunAsync("plan", "--url", "http://127.0.0.1:9", "--dir", folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot reach http://127.0.0.1:9/", run.Error, StringComparison.Ordinal);
    }
}
