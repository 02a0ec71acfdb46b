namespace FollowUp.Http;

/// <summary>The optional body of <c>POST /api/alerts/{id}/resolve</c>.</summary>
public sealed record AlertResolveInput
{
    /// <summary>What was done about it, for whoever reads the list later: at most 1,000 characters.</summary>
    public string? Note { get; init; }
}
