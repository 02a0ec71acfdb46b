using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Dispatch;

/// <summary>
/// How long a message waits before its next attempt: exponential from <see cref="BaseDelay"/>, capped at
/// <see cref="MaxDelay"/>, never shorter than the provider's Retry-After, and spread by up to a fifth by the message
/// id (not by chance) so that retries after an outage do not arrive all at once and the same message always waits
/// the same.
/// </summary>
public sealed record Backoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <param name="messageId">Spreads the wait.</param>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="retryAfter">The provider's Retry-After, if it sent one.</param>
    public TimeSpan For(string messageId, int attempt, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = Math.Min(BaseDelay.TotalSeconds * Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        var spread = SHA256.HashData(Encoding.UTF8.GetBytes(messageId))[0] / 255d / 5d;
        var wait = TimeSpan.FromSeconds(seconds * (1 + spread));
        // A provider's Retry-After is honoured up to a day: a bogus one must not park a message for years.
        var minimum = retryAfter is { } asked && asked > TimeSpan.Zero ? (asked < TimeSpan.FromDays(1) ? asked : TimeSpan.FromDays(1)) : TimeSpan.Zero;
        return minimum > wait ? minimum : wait;
    }
}
