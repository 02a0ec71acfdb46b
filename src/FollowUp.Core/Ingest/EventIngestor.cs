using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Ingest;

/// <summary>
/// Takes one validated event through the pipeline: customer history, cancellations on its order or deal, then one
/// message per matching rule. The (source, id) marker is written last, so an event that failed part-way is simply
/// processed again when the sender retries, and every step before it is idempotent.
/// </summary>
/// <remarks>
/// Concurrent events on one order or deal converge: each event first notes its type on the order's index partition
/// and only then reads the order's messages, and each new message is written to the index before its row and then
/// checked against the event types noted since. Of a cancelling event and a scheduling event racing, at least one
/// therefore sees the other, and the message ends cancelled whatever the interleaving.
/// </remarks>
public sealed partial class EventIngestor(
    FollowUpTables tables,
    CustomerHistory customers,
    RuleBook rules,
    SubjectIndex index,
    MessageScheduler scheduler,
    Suppressions suppressions,
    IOptions<ScriptLimits> limits,
    TimeProvider time,
    ILogger<EventIngestor> logger)
{
    /// <summary>How far ahead of this server's clock an event's time may be and still count as given.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async Task<IngestResult> IngestAsync(FollowUpEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        using var activity = FollowUpTelemetry.Source.StartActivity("ingest event");
        activity?.SetTag(FollowUpTelemetry.EventTypeTag, @event.Type);
        var result = await ProcessAsync(@event, cancellationToken).ConfigureAwait(false);
        var outcome = result.Status == IngestStatus.Duplicate ? "duplicate" : "accepted";
        activity?.SetTag(FollowUpTelemetry.OutcomeTag, outcome);
        FollowUpTelemetry.EventsIngested.Add(1, new(FollowUpTelemetry.EventTypeTag, @event.Type), new(FollowUpTelemetry.OutcomeTag, outcome));
        return result;
    }

    private async Task<IngestResult> ProcessAsync(FollowUpEvent @event, CancellationToken cancellationToken)
    {
        // A time from the future (a clock set wrong, or a typo in the year) would make every real event after it
        // look older; it is taken as now.
        if (@event.Time is { } stated && stated > time.GetUtcNow() + FutureTolerance)
        {
            @event = @event with { Time = time.GetUtcNow() };
        }

        var markerPartition = TableKey.Encode(@event.Source);
        var markerRow = TableKey.Encode(@event.Id);
        var marker = await tables.Events.GetEntityIfExistsAsync<TableEntity>(markerPartition, markerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker.HasValue)
        {
            return Duplicate(marker.Value!);
        }

        var profile = await customers.RecordAsync(@event, cancellationToken).ConfigureAwait(false);
        var partition = SubjectIndex.PartitionFor(@event);
        var now = time.GetUtcNow();
        await index.RecordEventAsync(partition, @event.Type, @event.Time, cancellationToken).ConfigureAwait(false);
        var state = await index.LoadAsync(partition, cancellationToken).ConfigureAwait(false);
        var whole = await index.MergeSnapshotAsync(@event, state.Snapshot, cancellationToken).ConfigureAwait(false);

        var ruleSet = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var cancelled = (await scheduler.CancelAsync(@event, ruleSet, state.Messages, cancellationToken).ConfigureAwait(false)).ToList();

        var model = MessageModel.Create(whole, profile, now);
        var scriptModel = ScriptModel.FromJson(model);
        bool? suppressed = null;
        var scheduled = new List<ScheduleResult>();
        var skipped = new List<ScheduleResult>();
        var toRecheck = new List<(int Index, Rule Rule)>();
        foreach (var rule in ruleSet.Values.Where(r => r.Trigger == @event.Type).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!rule.Enabled)
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, "the rule is disabled"));
                continue;
            }

            if (!ConditionHolds(rule, scriptModel, @event, out var why))
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, why));
                continue;
            }

            // Read only when a rule will schedule: most cancelling and delivery events schedule nothing.
            suppressed ??= await suppressions.IsSuppressedAsync(@event.Customer.Email, cancellationToken).ConfigureAwait(false);
            var result = await scheduler.ScheduleAsync(@event, rule, model, suppressed.Value, state.Seen, state.Messages, cancellationToken).ConfigureAwait(false);
            scheduled.Add(result);
            if (result.Status == MessageStatus.Scheduled && rule.CancelOn.Count > 0)
            {
                toRecheck.Add((scheduled.Count - 1, rule));
            }
        }

        if (toRecheck.Count > 0)
        {
            var seenNow = await index.SeenAsync(partition, cancellationToken).ConfigureAwait(false);
            foreach (var (at, rule) in toRecheck)
            {
                if (await scheduler.CancelIfSeenAsync(scheduled[at], @event, rule, seenNow, cancellationToken).ConfigureAwait(false) is { } late)
                {
                    scheduled[at] = late;
                }
            }
        }

        var ingested = new IngestResult(@event.Id, @event.Source, @event.Type, IngestStatus.Accepted, scheduled, cancelled, skipped);
        try
        {
            await tables.Events.AddEntityAsync(new TableEntity(markerPartition, markerRow)
            {
                ["Type"] = @event.Type,
                ["ReceivedAt"] = now,
                ["Result"] = Bounded(ingested),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same event was being processed concurrently and finished first; the deterministic ids made our work a no-op.
            return ingested with { Status = IngestStatus.Duplicate };
        }

        LogIngested(logger, @event.Type, scheduled.Count, cancelled.Count, skipped.Count);
        return ingested;
    }

    private bool ConditionHolds(Rule rule, Scriban.Runtime.ScriptObject model, FollowUpEvent @event, out string reason)
    {
        reason = string.Empty;
        try
        {
            var condition = rules.ConditionOf(rule);
            if (condition is null || condition.IsMet(model, limits.Value))
            {
                return true;
            }

            reason = $"condition '{rule.Condition}' is false";
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = Redaction.Scrub(ex is Scriban.Syntax.ScriptRuntimeException runtime ? runtime.OriginalMessage : ex.Message, @event.Customer.Email, @event.Customer.Name, @event.Customer.Id, @event.Deal?.OwnerName, @event.Deal?.OwnerEmail);
            reason = $"condition '{rule.Condition}' failed: {error}";
            LogConditionFailed(logger, rule.Id, error);
            return false;
        }
    }

    /// <summary>The stored result answers replays; it is cut to fit one property, keeping its counts and ids.</summary>
    private static string Bounded(IngestResult result)
    {
        const int Max = 30_000;
        var json = JsonSerializer.Serialize(result, FollowUpJson.Storage);
        if (json.Length <= Max)
        {
            return json;
        }

        static ScheduleResult Bare(ScheduleResult r) => r with { Reason = null };
        var bare = result with { Scheduled = [.. result.Scheduled.Select(Bare)], Cancelled = [.. result.Cancelled.Select(Bare)], Skipped = [.. result.Skipped.Select(Bare)] };
        json = JsonSerializer.Serialize(bare, FollowUpJson.Storage);
        return json.Length <= Max
            ? json
            : JsonSerializer.Serialize(bare with { Scheduled = [.. bare.Scheduled.Take(50)], Cancelled = [.. bare.Cancelled.Take(50)], Skipped = [.. bare.Skipped.Take(50)] }, FollowUpJson.Storage);
    }

    private static IngestResult Duplicate(TableEntity marker)
    {
        var stored = JsonSerializer.Deserialize<IngestResult>(marker.GetString("Result"), FollowUpJson.Options)!;
        return stored with { Status = IngestStatus.Duplicate };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {EventType}: {Scheduled} scheduled, {Cancelled} cancelled, {Skipped} skipped")]
    private static partial void LogIngested(ILogger logger, string eventType, int scheduled, int cancelled, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The condition of rule {RuleId} failed: {Error}")]
    private static partial void LogConditionFailed(ILogger logger, string ruleId, string error);
}
