using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Links;

namespace FollowUp.Reports;

/// <summary>Counters added up, and turned into figures.</summary>
internal sealed class ReportTally
{
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    private static readonly string[] ShareOfScheduled = ["Deferred", "Cancelled", "Sent", "Failed"];

    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    public void Add(TableEntity row)
    {
        foreach (var (name, value) in row)
        {
            if (!SystemProperties.Contains(name) && value is long or int)
            {
                _counters[name] = _counters.GetValueOrDefault(name) + Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public void Add(ReportTally other)
    {
        foreach (var (name, value) in other._counters)
        {
            _counters[name] = _counters.GetValueOrDefault(name) + value;
        }
    }

    public IReadOnlyDictionary<string, long> Counts() =>
        ReportFacts.Stages.ToDictionary(Name, stage => Math.Max(0, _counters.GetValueOrDefault(stage)), StringComparer.Ordinal);

    public ReportFigures Figures()
    {
        var scheduled = _counters.GetValueOrDefault("Scheduled");
        var sent = _counters.GetValueOrDefault("Sent");
        var rates = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var stage in ReportFacts.Stages.Where(stage => stage != "Scheduled"))
        {
            var of = ShareOfScheduled.Contains(stage) ? scheduled : sent;
            rates[Name(stage)] = of > 0 ? (double)Math.Round((decimal)Math.Max(0, _counters.GetValueOrDefault(stage)) / of, 4, MidpointRounding.AwayFromZero) : null;
        }

        var answers = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in _counters)
        {
            if (value > 0 && ReportCounterNames.AnswerOf(name) is { } answer)
            {
                answers[answer] = value;
            }
        }

        return new ReportFigures(Counts(), rates, Nps(), Csat(), answers);
    }

    public NpsFigures? Nps()
    {
        long Score(int n) => Math.Max(0, _counters.GetValueOrDefault(ReportCounterNames.Score(new AnswerScore(AnswerScore.Nps, n))));
        var promoters = Score(9) + Score(10);
        var passives = Score(7) + Score(8);
        var detractors = Enumerable.Range(0, 7).Sum(Score);
        var total = promoters + passives + detractors;
        return total == 0 ? null : new NpsFigures(total, promoters, passives, detractors, (double)Math.Round(100m * (promoters - detractors) / total, 1, MidpointRounding.AwayFromZero));
    }

    public CsatFigures? Csat()
    {
        var counts = Enumerable.Range(1, 5).Select(n => (n, Count: Math.Max(0, _counters.GetValueOrDefault(ReportCounterNames.Score(new AnswerScore(AnswerScore.Csat, n)))))).ToList();
        var total = counts.Sum(c => c.Count);
        return total == 0
            ? null
            : new CsatFigures(total, (double)Math.Round((decimal)counts.Sum(c => c.n * c.Count) / total, 2, MidpointRounding.AwayFromZero), (double)Math.Round((decimal)counts.Where(c => c.n >= 4).Sum(c => c.Count) / total, 4, MidpointRounding.AwayFromZero));
    }

    private static string Name(string stage) => JsonNamingPolicy.CamelCase.ConvertName(stage);
}
