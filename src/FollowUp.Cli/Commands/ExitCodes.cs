namespace FollowUp.Cli.Commands;

/// <summary>What a command's exit code says, the same for every command (see README, "Rules and templates in git").</summary>
internal static class ExitCodes
{
    /// <summary>Valid; no changes (plan); everything applied or exported.</summary>
    public const int Ok = 0;

    /// <summary>The folder has problems; plan found changes to make; apply stopped at a write the server refused.</summary>
    public const int Problems = 1;

    /// <summary>The command line is wrong, or the server could not be reached, refused the key, or failed.</summary>
    public const int UsageOrConnection = 2;
}
