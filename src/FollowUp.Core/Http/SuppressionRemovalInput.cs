namespace FollowUp.Http;

/// <summary>The optional body of <c>DELETE /api/suppressions/{address}</c>.</summary>
public sealed record SuppressionRemovalInput
{
    /// <summary>Why, for the address's history: at most 500 characters on one line.</summary>
    public string? Reason { get; init; }
}
