namespace FollowUp.Cli.Tests.Planning;

public class ApplyOrderReviewTests
{
    private const string Url = "http://localhost";

    // The unsubscribe link moves from the default layout's footer into each message that sits in it: a folder validate
    // accepts, and the API would accept in the other order (messages first). Apply changes templates in id order, so
    // the layout goes first and is refused: the feedback messages would be left without a link for a moment.
    [Fact]
    public async Task Apply_TheUnsubscribeLinkMovedFromTheLayoutIntoItsMessages_IsApplied()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = new TestFolder();
        var export = await RunAsync(server, "export", "--dir", folder.Root);
        Assert.True(export.ExitCode == 0, export.ToString());
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder.Root, "layouts", "default-layout"), "*.scriban"))
        {
            File.WriteAllText(file, File.ReadAllText(file).Replace("{{ unsubscribe_url }}", "https://tebutikken.example/preferences", StringComparison.Ordinal));
        }

        foreach (var template in Directory.EnumerateDirectories(Path.Combine(folder.Root, "templates")))
        {
            if (!File.ReadAllText(Path.Combine(template, "template.yaml")).Contains("layout: default-layout", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(template, "*.scriban").Where(f => !f.EndsWith(".subject.scriban", StringComparison.Ordinal)))
            {
                File.AppendAllText(file, "Unsubscribe: {{ unsubscribe_url }}\n");
            }
        }

        var validate = await CliRun.RunAsync("validate", "--dir", folder.Root);
        Assert.True(validate.ExitCode == 0, validate.ToString());

        var apply = await RunAsync(server, "apply", "--dir", folder.Root);

        Assert.True(apply.ExitCode == 0, apply.ToString());
    }

    private static Task<CliRun> RunAsync(SelfHostFactory server, params string[] args) =>
        CliRun.RunAsync(server.Server.CreateHandler(), [.. args, "--url", Url, "--api-key", SelfHostFactory.ApiKey]);
}
