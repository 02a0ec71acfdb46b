using System.Globalization;

namespace FollowUp.SelfHost.Storage;

/// <summary>
/// The pid and port of the Azurite running on a data folder, kept in that folder. Whoever holds the folder's lock
/// and finds a live Azurite recorded here is looking at one whose owner was killed before it could stop it.
/// </summary>
internal static class AzuriteRecord
{
    private const string FileName = "azurite.pid";

    public static void Write(string location, int pid, int port) =>
        File.WriteAllText(Path.Combine(location, FileName), string.Create(CultureInfo.InvariantCulture, $"{pid} {port}\n"));

    public static void Delete(string location) => File.Delete(Path.Combine(location, FileName));

    /// <summary>Stops the recorded Azurite if it still runs on this folder, letting it save first.</summary>
    /// <returns>The pid of the Azurite stopped, or null if none was left running.</returns>
    public static async Task<int?> StopLeftoverAsync(string location)
    {
        var path = Path.Combine(location, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var fields = (await File.ReadAllTextAsync(path).ConfigureAwait(false)).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        int? stopped = null;
        if (fields.Length > 0 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out var pid) && AzuriteProcesses.IsServing(pid, location))
        {
            await AzuriteProcesses.StopAsync(pid, cancellationToken => AzuriteProcesses.GoneAsync(pid, location, cancellationToken)).ConfigureAwait(false);
            stopped = pid;
        }

        File.Delete(path);
        return stopped;
    }
}
