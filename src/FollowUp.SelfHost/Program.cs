using FollowUp.SelfHost;
using FollowUp.SelfHost.Hosting;
using FollowUp.SelfHost.Storage;

var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(arg => arg != "--demo").ToArray());
IAsyncDisposable? localStorage;
try
{
    localStorage = await builder.AddFollowUpSelfHostAsync(demo);
}
catch (Exception ex) when (ex is FolderInUseException or PortInUseException)
{
    // Expected when a self-host already runs on this folder or port: one line, not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

// Disposed in reverse: the app (which has let its last requests finish and stopped the dispatch loop) before
// Azurite, so that nothing is written after Azurite has saved.
await using (localStorage)
{
    await using var app = builder.Build();
    app.MapFollowUpSelfHost();
    try
    {
        await app.RunAsync();
    }
    catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
    {
        // Taken between the check above and the bind.
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
}

return 0;

/// <summary>The self-host's entry point, named so that tests can host it.</summary>
public partial class Program;
