namespace FollowUp.Http;

/// <summary>One kept version of a rule or template: when, by whom, and whether it is the one in use.</summary>
public sealed record VersionEntry
{
    public required int Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The name of the API key that saved it; <c>unknown</c> when the key has no name.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>The version it restored, when it was made by a restore.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>It is the version in use now.</summary>
    public bool Current { get; init; }
}
