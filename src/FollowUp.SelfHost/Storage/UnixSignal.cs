using System.Runtime.InteropServices;

namespace FollowUp.SelfHost.Storage;

/// <summary>
/// Sends POSIX signals. .NET can only kill a process; Azurite saves its database only when asked to stop with SIGINT.
/// </summary>
internal static class UnixSignal
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <returns>False when there is no such process (any more).</returns>
    public static bool Send(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Windows has no POSIX signals.");
        }

        return SendSignal(pid, signal) == 0;
    }

    // DllImport rather than LibraryImport, whose generated code needs the project to allow unsafe code; kill takes and
    // returns plain ints, so there is nothing to marshal.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
