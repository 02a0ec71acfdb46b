namespace FollowUp.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await new FollowUpCli(Console.Out, Console.Error).RunAsync(args, cancel.Token).ConfigureAwait(false);
    }
}
