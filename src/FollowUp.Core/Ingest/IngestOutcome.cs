namespace FollowUp.Ingest;

/// <summary>What became of one event of a batch: its result, or the failure that kept it from being taken (send it again).</summary>
public sealed record IngestOutcome(IngestResult? Result, Exception? Failure);
