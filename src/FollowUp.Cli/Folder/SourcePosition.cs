namespace FollowUp.Cli.Folder;

/// <summary>A 1-based line and column in a file.</summary>
internal readonly record struct SourcePosition(int Line, int Column);
