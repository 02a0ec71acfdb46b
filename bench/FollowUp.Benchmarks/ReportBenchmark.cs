using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using FollowUp.Feed;
using FollowUp.Reports;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 8, reports: how long a year's report takes over counters that stand for 1,000,000 messages (it reads one
/// key range per month, whatever the number of messages), and how fast the report counting keeps up with messages
/// that were scheduled and sent.
/// </summary>
internal static class ReportBenchmark
{
    /// <summary>The default rules and their phases: a shop with a sales team.</summary>
    private static readonly (string Rule, string Phase, double Share)[] Rules =
    [
        ("thank-you", "purchase", 0.35), ("while-you-wait", "waiting", 0.15), ("review-request", "use", 0.25),
        ("nps-question", "use", 0.10), ("loyalty-reward", "repeat", 0.05), ("lost-sale-survey", "lostSale", 0.10),
    ];

    private const int YearOfMessages = 1_000_000;
    private const int Repeats = 5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var pipeline = await BenchPipeline.CreateAsync(settings, counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!), cancellationToken);
        try
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var from = today.AddDays(-364);
            var rows = await SeedYearAsync(pipeline.Tables.Reports, from, today, cancellationToken);
            var reader = pipeline.Create<ReportReader>();
            var daily = await TimeAsync(() => reader.SummarizeAsync(new ReportQuery(from, today, null, null, Weekly: false), cancellationToken));
            var weekly = await TimeAsync(() => reader.SummarizeAsync(new ReportQuery(from, today, null, null, Weekly: true), cancellationToken));
            var check = await reader.SummarizeAsync(new ReportQuery(from, today, null, null, Weekly: true), cancellationToken);
            Console.WriteLine($"  year report over {Stats.Count(check.Totals.Counts["scheduled"])} messages ({Stats.Count(rows)} counter rows): by day {Stats.Milliseconds(daily.Median)}, by week {Stats.Milliseconds(weekly.Median)} (median of {Repeats})");

            // Counting: messages scheduled and sent, then counted until nothing is left.
            var happened = DueMessages.HappenedAt();
            var messages = Math.Min(options.DispatchMessages, 2_000);
            var ingested = await DueMessages.ScheduleAsync(pipeline, "count", messages, happened, options, null, cancellationToken);
            await DueMessages.DispatchAsync(pipeline.Dispatcher, sendGrid, ingested.Done, options.MaxDuration, cancellationToken);
            var pump = pipeline.Create<ChangeFeed>();
            var before = counter.Snapshot;
            var started = Stopwatch.GetTimestamp();
            var counted = 0;
            for (int pass; (pass = await pump.RunAsync(cancellationToken)) > 0 || counted == 0;)
            {
                counted += pass;
                if (Stopwatch.GetElapsedTime(started) > options.MaxDuration)
                {
                    break;
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var storage = counter.Snapshot.Since(before);
            var perSecond = counted / elapsed.TotalSeconds;
            Console.WriteLine($"  counting: {Stats.Count(counted)} messages in {Stats.Seconds(elapsed)} = {Stats.Rate(perSecond)} messages/s");
            return
            [
                new Figure(
                    "8",
                    $"Report over a year of {Stats.Count(YearOfMessages)} messages (GET /api/reports/summary's work, 6 rules, by day / by week)",
                    $"{Stats.Milliseconds(daily.Median)} / {Stats.Milliseconds(weekly.Median)}",
                    null,
                    $"median of {Repeats} (min {Stats.Milliseconds(daily.Min)} / {Stats.Milliseconds(weekly.Min)}); {Stats.Count(rows)} counter rows in 13 months, one key-range read per month; no message read",
                    check.Totals.Counts["scheduled"] == YearOfMessages),
                new Figure(
                    "8b",
                    "Report counting: messages scheduled and sent, counted (ChangeFeed, one pass after another)",
                    Stats.Rate(perSecond) + " messages/s",
                    perSecond,
                    $"{Stats.Count(counted)} of {Stats.Count(ingested.Done)} messages in {Stats.Seconds(elapsed)}; {storage.Per(Math.Max(counted, 1), "message")}",
                    counted >= ingested.Done),
            ];
        }
        finally
        {
            await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            await pipeline.DisposeAsync();
        }
    }

    /// <summary>Counter rows for every day and rule of the year, as the counting would have left them: 1,000,000 messages in all.</summary>
    private static async Task<int> SeedYearAsync(TableClient table, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var rows = new List<TableEntity>();
        var left = YearOfMessages;
        for (var d = 0; d < days; d++)
        {
            var day = from.AddDays(d);
            foreach (var (rule, phase, share) in Rules)
            {
                var scheduled = d == days - 1 && rule == Rules[^1].Rule ? left : (int)Math.Round(YearOfMessages * share / days);
                left -= scheduled;
                var sent = (int)(scheduled * 0.92);
                var delivered = (int)(sent * 0.98);
                var opened = (int)(delivered * 0.55);
                var clicked = (int)(opened * 0.3);
                var row = new TableEntity(ReportCounters.PartitionOf(day), ReportCounters.RowOf(day, rule, phase))
                {
                    ["Scheduled"] = (long)scheduled, ["Deferred"] = (long)(scheduled / 5), ["Cancelled"] = (long)(scheduled - sent),
                    ["Sent"] = (long)sent, ["Delivered"] = (long)delivered, ["Opened"] = (long)opened, ["Clicked"] = (long)clicked,
                    ["Answered"] = (long)(clicked * 0.8), ["Bounced"] = (long)(sent - delivered), ["Unsubscribed"] = (long)(sent / 200),
                };
                if (rule == "nps-question")
                {
                    for (var n = 0; n <= 10; n++)
                    {
                        row[ReportCounterNames.Score(new Links.AnswerScore("nps", n))] = (long)((d * 7 + n * 3) % 12);
                    }
                }
                else if (rule == "lost-sale-survey")
                {
                    string[] reasons = ["price", "product-fit", "timing", "competitor", "service", "other"];
                    for (var r = 0; r < reasons.Length; r++)
                    {
                        row[ReportCounterNames.Answer(reasons[r])] = (long)((d * 5 + r * 3) % 8);
                    }
                }

                rows.Add(row);
            }
        }

        foreach (var chunk in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
        }

        return rows.Count;
    }

    private static async Task<(double Median, double Min)> TimeAsync(Func<Task<ReportSummary>> report)
    {
        await report(); // warm-up: JIT and connections
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await report();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0]);
    }
}
