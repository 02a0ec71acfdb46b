namespace FollowUp.Cli.Tests;

/// <summary>Runs the command line in this process, as <c>followup</c> would run it, and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(HttpMessageHandler? handler, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new FollowUpCli(output, error, handler, _ => null).RunAsync(args);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
