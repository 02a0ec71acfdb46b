using System.Globalization;

namespace FollowUp.Benchmarks;

/// <summary>How much of a bounded piece of work was done, and in what time.</summary>
/// <param name="Completions">When each finished item finished, from the start, in order.</param>
internal sealed record WorkResult(int Planned, int Done, int Failed, int Workers, TimeSpan Elapsed, IReadOnlyList<TimeSpan> Completions)
{
    public double PerSecond => Done / Elapsed.TotalSeconds;

    public bool Complete => Done == Planned;

    /// <summary>
    /// The rate over the first and the last quarter of the finished items, in units per second (an item may be a
    /// batch of several units): whether the rate held up as the tables grew. Needs a quarter of at least two items
    /// per worker, or the workers' last items, finishing together, would make the last quarter look fast.
    /// </summary>
    public string Trend(int unitsPerItem = 1)
    {
        var quarter = Completions.Count / 4;
        if (quarter < 2 * Workers)
        {
            return "too few items for a trend";
        }

        var first = quarter * unitsPerItem / Completions[quarter - 1].TotalSeconds;
        var last = quarter * unitsPerItem / (Completions[^1] - Completions[^(quarter + 1)]).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"first quarter {Stats.Rate(first)}/s, last quarter {Stats.Rate(last)}/s");
    }
}
