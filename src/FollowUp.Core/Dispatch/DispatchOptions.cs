namespace FollowUp.Dispatch;

public sealed class DispatchOptions
{
    public const string SectionName = "FollowUp:Dispatch";

    /// <summary>Due messages handed out or worked through together, at most one transaction's 100 (default 100).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Messages rendered and sent at once by one dispatcher (default 16: a send mostly waits for the provider).</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>How long a claim keeps other dispatchers off a message; a crashed dispatcher's claim expires after it (default 5 minutes).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message is recorded as failed (default 5).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt, doubled after each further one (default 30 seconds).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between attempts (default 1 hour).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long work the Functions timer handed out through the queue is left to that queue message before the timer
    /// hands it out again (default 1 minute): the fallback for a batch that failed or went to the poison queue.
    /// </summary>
    public TimeSpan HandOutLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The self-host's dispatch loop looks at least this often, to find work scheduled by other instances (default 15 seconds).</summary>
    public TimeSpan IdleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
