namespace FollowUp.Sending;

public sealed record SendOutcome(SendResult Result, string? ProviderMessageId = null, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static SendOutcome Accepted(string? providerMessageId) => new(SendResult.Accepted, providerMessageId);

    public static SendOutcome Transient(string reason, TimeSpan? retryAfter = null) => new(SendResult.Transient, null, reason, retryAfter);

    public static SendOutcome Permanent(string reason) => new(SendResult.Permanent, null, reason);
}
