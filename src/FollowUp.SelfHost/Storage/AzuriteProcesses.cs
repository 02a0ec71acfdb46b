namespace FollowUp.SelfHost.Storage;

/// <summary>
/// Recognises an Azurite process by its command line, which names the package's script and the data folder
/// (<c>--location</c>): a recorded pid alone may since have been reused by any other program.
/// </summary>
internal static class AzuriteProcesses
{
    /// <summary>How long Azurite gets to save its database and exit after SIGINT; saving takes milliseconds.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static bool IsServing(int pid, string location)
    {
        var commandLine = CommandLine(pid);
        return commandLine is not null
            && commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase)
            && commandLine.Contains(LocationArgument(location) + " ", StringComparison.Ordinal);
    }

    /// <summary>Every live Azurite on a data folder. Linux only, where <c>/proc</c> lists every process.</summary>
    public static IReadOnlyList<int> Serving(string location) =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsServing(pid, location))
            .ToList();

    /// <summary>SIGINT, so that Azurite saves its database; SIGKILL if it has not exited after <see cref="StopTimeout"/>.</summary>
    /// <param name="exited">Completes when the process has exited.</param>
    public static async Task StopAsync(int pid, Func<CancellationToken, Task> exited)
    {
        foreach (var signal in new[] { UnixSignal.Interrupt, UnixSignal.Kill })
        {
            if (!UnixSignal.Send(pid, signal))
            {
                return;
            }

            using var timeout = new CancellationTokenSource(StopTimeout, TimeProvider.System);
            try
            {
                await exited(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Still running: escalate.
            }
        }
    }

    /// <summary>Completes when no process with this pid serves the folder any more; for processes that are not our children.</summary>
    public static async Task GoneAsync(int pid, string location, CancellationToken cancellationToken)
    {
        while (IsServing(pid, location))
        {
            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// LocalAzurite passes these last; the command lines here end in a space, so <c>/a</c> does not match <c>/a-b</c>.
    /// </summary>
    public static string LocationArgument(string location) => "--location " + Path.TrimEndingDirectorySeparator(Path.GetFullPath(location));

    /// <summary>The arguments joined by spaces, or null for a process that is gone or a zombie (which has none).</summary>
    private static string? CommandLine(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0');
                return arguments.Length == 0 ? null : arguments.Replace('\0', ' ') + " ";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return PsCommandLine(pid);
    }

    /// <summary>macOS and the other Unixes have no /proc; ps prints the command line.</summary>
    private static string? PsCommandLine(int pid)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-o", "args=", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var ps = System.Diagnostics.Process.Start(start);
        if (ps is null)
        {
            return null;
        }

        var output = ps.StandardOutput.ReadToEnd().Trim();
        ps.WaitForExit();
        return output.Length == 0 ? null : output + " ";
    }
}
