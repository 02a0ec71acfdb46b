using System.Diagnostics;
using System.Text.Json.Nodes;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 4: how late the self-host's dispatch loop sends, on real time. Events are posted at a steady pace over the
/// spread, each dated so that its thank-you (PT1H after the event) falls due <see cref="BenchmarkOptions.Lead"/> after
/// it is posted; once all are sent, each message's SentAt - DueAt is read from the ledger.
/// </summary>
internal static class DispatchLatencyBenchmark
{
    /// <summary>The default thank-you rule's delay.</summary>
    private static readonly TimeSpan RuleDelay = TimeSpan.FromHours(1);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var storage = new StorageRequestCounter().CreateClient(settings[BenchSettings.ConnectionStringKey]!);
        var host = new BenchSelfHost(settings, storage, options.UseTestServer);
        try
        {
            using var client = host.CreateApiClient();
            var time = TimeProvider.System;
            await host.Services.GetRequiredService<FollowUp.Rules.RuleBook>().SaveAsync(BenchPipeline.ThankYou(timing: true), expectedVersion: null, cancellationToken: cancellationToken);

            // Warm-up: one message due at once, sent by the loop before the measurement starts.
            if (await PostAsync(client, BenchEvents.OrderPlaced("warm", 0, time.GetUtcNow() - RuleDelay - RuleDelay), cancellationToken) is null
                || !await WaitForAcceptedAsync(sendGrid, 1, options.MaxDuration, cancellationToken))
            {
                throw new InvalidOperationException("The self-host did not send the warm-up message.");
            }

            var acceptedBefore = sendGrid.Accepted.Count;
            var count = options.LatencyMessages;
            var started = Stopwatch.GetTimestamp();
            var posts = new List<Task<string?>>(count);
            for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
            {
                var wait = (options.Spread * i / count) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                posts.Add(PostAsync(client, BenchEvents.OrderPlaced("due-soon", i, time.GetUtcNow() - RuleDelay + options.Lead), cancellationToken));
            }

            var ids = (await Task.WhenAll(posts)).OfType<string>().ToList();
            var allSent = await WaitForAcceptedAsync(sendGrid, acceptedBefore + ids.Count, options.Lead + options.MaxDuration, cancellationToken);

            var ledger = host.Services.GetRequiredService<MessageLedger>();
            var latencies = new List<double>(ids.Count);
            var leads = new List<double>(ids.Count);
            foreach (var id in ids)
            {
                if (await ledger.FindAsync(id, cancellationToken) is { SentAt: { } sentAt } message)
                {
                    latencies.Add((sentAt - message.DueAt).TotalMilliseconds);
                    leads.Add((message.DueAt - message.CreatedAt).TotalMilliseconds);
                }
            }

            latencies.Sort();
            var p50 = Stats.Percentile(latencies, 50);
            var p90 = Stats.Percentile(latencies, 90);
            var p99 = Stats.Percentile(latencies, 99);
            var max = latencies.Count == 0 ? double.NaN : latencies[^1];
            var minLead = leads.Count == 0 ? double.NaN : leads.Min();
            Console.WriteLine($"  latency: p50 {Stats.Milliseconds(p50)}, p90 {Stats.Milliseconds(p90)}, p99 {Stats.Milliseconds(p99)}, max {Stats.Milliseconds(max)} over {Stats.Count(latencies.Count)} messages");

            return
            [
                new Figure(
                    "4",
                    "Due-to-sent latency p50 / p99 (SentAt - DueAt; self-host dispatch loop on real time)",
                    $"{Stats.Milliseconds(p50)} / {Stats.Milliseconds(p99)}",
                    null,
                    $"p90 {Stats.Milliseconds(p90)}, max {Stats.Milliseconds(max)}; {Stats.Count(latencies.Count)} of {Stats.Count(count)} sent, falling due over {Stats.Seconds(options.Spread)} ({Stats.Rate(count / options.Spread.TotalSeconds)}/s), each scheduled {Stats.Seconds(options.Lead)} ahead (least: {Stats.Milliseconds(minLead)})",
                    allSent && latencies.Count == count),
            ];
        }
        finally
        {
            await host.DisposeAsync();
            await new FollowUpTables(storage, settings[BenchSettings.TablePrefixKey]!).DeleteAllAsync(CancellationToken.None);
        }
    }

    /// <summary>Posts one event; returns the id of the message it scheduled, or null.</summary>
    private static async Task<string?> PostAsync(HttpClient client, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        using var answer = await EventPosts.PostAsync(client, cloudEvent, cancellationToken);
        return answer?.RootElement.GetProperty("scheduled").EnumerateArray().Select(s => s.GetProperty("messageId").GetString()).FirstOrDefault();
    }

    /// <summary>Waits until the fake SendGrid has accepted <paramref name="total"/> mails, at most <paramref name="limit"/>.</summary>
    private static async Task<bool> WaitForAcceptedAsync(FakeSendGridServer sendGrid, int total, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (sendGrid.Accepted.Count < total)
        {
            if (Stopwatch.GetElapsedTime(started) >= limit)
            {
                return false;
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
        }

        return true;
    }
}
