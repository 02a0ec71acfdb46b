namespace FollowUp.Http;

/// <summary>The kept versions of a rule or template, newest first.</summary>
public sealed record VersionHistory
{
    public required string Id { get; init; }

    /// <summary>The version in use; null when it was deleted (its versions stay, and one can be restored).</summary>
    public int? Current { get; init; }

    public required IReadOnlyList<VersionEntry> Versions { get; init; }
}
