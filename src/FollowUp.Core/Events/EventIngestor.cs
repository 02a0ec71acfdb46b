using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Customers;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Scriban.Syntax;

namespace FollowUp.Events;

/// <summary>
/// Takes one validated event through the pipeline: customer history, cancellations on its order or deal, then one
/// message per matching rule. The (source, id) marker is written last, so an event that failed part-way is simply
/// processed again when the sender retries, and every step before it is idempotent.
/// </summary>
public sealed partial class EventIngestor(
    FollowUpTables tables,
    CustomerHistory customers,
    RuleBook rules,
    MessageScheduler scheduler,
    SubjectSnapshots snapshots,
    TimeProvider time,
    ILogger<EventIngestor> logger)
{
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
        var markerPartition = TableKey.Encode(@event.Source);
        var markerRow = TableKey.Encode(@event.Id);
        var marker = await tables.Events.GetEntityIfExistsAsync<TableEntity>(markerPartition, markerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker.HasValue)
        {
            return Duplicate(marker.Value!);
        }

        var profile = await customers.RecordAsync(@event, cancellationToken).ConfigureAwait(false);
        var subject = MessageIndexKeys.BySubject(@event.SubjectKind, @event.SubjectId);
        var state = await SubjectState.LoadAsync(tables, subject, cancellationToken).ConfigureAwait(false);
        if (!state.Seen.Contains(@event.Type))
        {
            await tables.MessageIndex.UpsertEntityAsync(
                new TableEntity(subject, MessageIndexKeys.EventRow(@event.Type)) { ["At"] = @event.Time ?? time.GetUtcNow() },
                TableUpdateMode.Replace,
                cancellationToken).ConfigureAwait(false);
        }

        var seen = new HashSet<string>(state.Seen, StringComparer.Ordinal) { @event.Type };
        var whole = await snapshots.MergeAsync(@event, subject, state.Snapshot, cancellationToken).ConfigureAwait(false);

        var ruleSet = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var cancelled = await scheduler.CancelAsync(@event, ruleSet, state.Messages, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var model = MessageModel.Create(whole, profile, now);
        var scriptModel = ScriptModel.FromJson(model);
        bool? suppressed = null;
        var scheduled = new List<ScheduleResult>();
        var skipped = new List<ScheduleResult>();
        foreach (var rule in ruleSet.Values.Where(r => r.Trigger == @event.Type).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!rule.Enabled)
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, "the rule is disabled"));
                continue;
            }

            if (!ConditionHolds(rule, scriptModel, out var why))
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, why));
                continue;
            }

            // Read only when a rule will schedule: most cancelling and delivery events schedule nothing.
            suppressed ??= await Suppressions.IsSuppressedAsync(tables, @event.Customer.Email, cancellationToken).ConfigureAwait(false);
            scheduled.Add(await scheduler.ScheduleAsync(@event, rule, model, suppressed.Value, seen, cancellationToken).ConfigureAwait(false));
        }

        var result = new IngestResult(@event.Id, @event.Source, @event.Type, IngestStatus.Accepted, scheduled, cancelled, skipped);
        try
        {
            await tables.Events.AddEntityAsync(new TableEntity(markerPartition, markerRow)
            {
                ["Type"] = @event.Type,
                ["ReceivedAt"] = now,
                ["Result"] = JsonSerializer.Serialize(result, FollowUpJson.Options),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same event was being processed concurrently and finished first; the deterministic ids made our work a no-op.
            return result with { Status = IngestStatus.Duplicate };
        }

        LogIngested(logger, @event.Type, scheduled.Count, cancelled.Count, skipped.Count);
        return result;
    }

    private bool ConditionHolds(Rule rule, Scriban.Runtime.ScriptObject model, out string reason)
    {
        reason = string.Empty;
        try
        {
            var condition = rules.ConditionOf(rule);
            if (condition is null || condition.IsMet(model))
            {
                return true;
            }

            reason = $"condition '{rule.Condition}' is false";
            return false;
        }
        catch (ScriptRuntimeException ex)
        {
            reason = $"condition '{rule.Condition}' failed: {ex.OriginalMessage}";
            LogConditionFailed(logger, rule.Id, ex.OriginalMessage);
            return false;
        }
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
