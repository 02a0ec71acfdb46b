namespace FollowUp;

/// <summary>How long events are kept for <c>POST /api/replay</c> (<c>FollowUp:Replay</c>).</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "FollowUp:Replay";

    /// <summary>The longest a replay can be asked for, whatever the retention.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(93);

    /// <summary>
    /// How long an event is kept to be replayed, an ISO 8601 duration (default <c>P90D</c>, at least a day): the
    /// change feed's hourly prune deletes older ones, and a replay never takes an event older than this even before.
    /// </summary>
    public string Retention { get; set; } = "P90D";

    /// <summary><see cref="Retention"/> as a time span (checked at start-up).</summary>
    public TimeSpan RetentionSpan() =>
        Validation.Iso8601Duration.TryParse(Retention, out var span, out _) ? span : TimeSpan.FromDays(90);
}
