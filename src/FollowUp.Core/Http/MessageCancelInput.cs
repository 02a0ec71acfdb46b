namespace FollowUp.Http;

/// <summary>The optional body of <c>POST /api/messages/{id}/cancel</c>.</summary>
public sealed record MessageCancelInput
{
    /// <summary>Why, for the ledger; at most 500 characters.</summary>
    public string? Reason { get; init; }
}
