namespace FollowUp.Http;

/// <summary>
/// At most <see cref="PerMinute"/> test sends per caller (the API key's name) in any minute, counted in this process.
/// A limiter of its own rather than ASP.NET Core's rate-limiting middleware: the Functions host calls the handlers
/// without that middleware, so only a check inside the handler holds on both hosts; and it runs on the injected clock.
/// On Azure each instance counts for itself, so N instances allow up to N times as many: a bound against a runaway
/// script or a leaked key spamming someone from the shop's domain, not a quota.
/// </summary>
public sealed class TestSendLimiter(TimeProvider time)
{
    public const int PerMinute = 10;

    /// <summary>Callers remembered at most: key names are few, and an unknown caller is one name ("unknown").</summary>
    private const int MaxCallers = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>Takes one test send for <paramref name="caller"/>; when none is left, how long until one is.</summary>
    public bool TryTake(string caller, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_sent.Count >= MaxCallers)
            {
                foreach (var idle in _sent.Where(pair => pair.Value.All(at => now - at >= Window)).Select(pair => pair.Key).ToList())
                {
                    _sent.Remove(idle);
                }
            }

            if (!_sent.TryGetValue(caller, out var sent))
            {
                _sent[caller] = sent = new Queue<DateTimeOffset>(PerMinute);
            }

            while (sent.Count > 0 && now - sent.Peek() >= Window)
            {
                sent.Dequeue();
            }

            if (sent.Count >= PerMinute)
            {
                retryAfter = sent.Peek() + Window - now;
                return false;
            }

            sent.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
