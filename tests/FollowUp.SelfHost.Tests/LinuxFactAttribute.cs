namespace FollowUp.SelfHost.Tests;

/// <summary>A test of processes and signals, which reads <c>/proc</c>: skipped where there is none.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: POSIX signals and /proc.";
        }
    }
}
