using FollowUp.SelfHost.Storage;

namespace FollowUp.Testing;

/// <summary>
/// One in-memory Azurite per test process, started on first use and killed when the process exits. Tests share
/// it but never data: each test gets its own uniquely prefixed tables.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<LocalAzurite>> Instance = new(StartAsync);

    public static async Task<string> ConnectionStringAsync() => (await Instance.Value.ConfigureAwait(false)).ConnectionString;

    private static async Task<LocalAzurite> StartAsync()
    {
        var azurite = await LocalAzurite.StartAsync(location: null).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
