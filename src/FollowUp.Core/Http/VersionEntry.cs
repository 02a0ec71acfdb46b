namespace FollowUp.Http;

/// <summary>One kept version of a rule or template: when, by whom, and whether it is the one in use.</summary>
public sealed record VersionEntry
{
    public required int Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Who saved it: the name of the API key (<c>unknown</c> for a key without one), or <c>entra:</c> and the name of a user signed in with Entra ID.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>The version it restored, when it was made by a restore.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>It is the version in use now.</summary>
    public bool Current { get; init; }
}
