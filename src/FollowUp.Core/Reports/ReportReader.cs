using FollowUp.Rules;

namespace FollowUp.Reports;

/// <summary>Builds a report from the counters: one read per month covered, whatever the number of messages.</summary>
public sealed class ReportReader(ReportCounters counters)
{
    public async Task<ReportSummary> SummarizeAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var total = new ReportTally();
        var rules = new Dictionary<(string Rule, string Phase), Series>();
        var phases = new Dictionary<string, Series>(StringComparer.Ordinal);
        await foreach (var (day, ruleId, phase, row) in counters.ReadAsync(query.From, query.To, cancellationToken).ConfigureAwait(false))
        {
            if ((query.RuleId is not null && ruleId != query.RuleId) || (query.Phase is not null && phase != query.Phase))
            {
                continue;
            }

            var start = query.Weekly ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
            var tally = new ReportTally();
            tally.Add(row);
            total.Add(tally);
            Of(rules, (ruleId, phase)).Add(start, tally);
            Of(phases, phase).Add(start, tally);
        }

        return new ReportSummary(
            query.From,
            query.To,
            query.Weekly ? "week" : "day",
            total.Figures(),
            [.. Enum.GetValues<JourneyPhase>().Select(JourneyPhases.Name).Where(phases.ContainsKey).Select(phase => phases[phase].Group(null, phase))],
            [.. rules.OrderBy(r => r.Key.Rule, StringComparer.Ordinal).ThenBy(r => r.Key.Phase, StringComparer.Ordinal).Select(r => r.Value.Group(r.Key.Rule, r.Key.Phase))]);
    }

    private static Series Of<TKey>(Dictionary<TKey, Series> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var series))
        {
            map[key] = series = new Series();
        }

        return series;
    }

    private sealed class Series
    {
        private readonly ReportTally _total = new();
        private readonly SortedDictionary<DateOnly, ReportTally> _points = [];

        public void Add(DateOnly start, ReportTally tally)
        {
            _total.Add(tally);
            if (!_points.TryGetValue(start, out var point))
            {
                _points[start] = point = new ReportTally();
            }

            point.Add(tally);
        }

        public ReportGroup Group(string? ruleId, string phase) =>
            new(ruleId, phase, _total.Figures(), [.. _points.Select(p => new ReportPoint(p.Key, p.Value.Counts(), p.Value.Nps()?.Score, p.Value.Csat()?.Average))]);
    }
}
