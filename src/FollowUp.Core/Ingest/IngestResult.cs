using FollowUp.Messages;

namespace FollowUp.Ingest;

/// <summary>What one event did: messages scheduled, messages it cancelled, and rules that did not apply, each with a reason.</summary>
public sealed record IngestResult(
    string Id,
    string Source,
    string Type,
    IngestStatus Status,
    IReadOnlyList<ScheduleResult> Scheduled,
    IReadOnlyList<ScheduleResult> Cancelled,
    IReadOnlyList<ScheduleResult> Skipped);
