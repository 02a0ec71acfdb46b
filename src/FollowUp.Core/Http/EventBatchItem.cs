using FollowUp.Ingest;

namespace FollowUp.Http;

/// <summary>One event's line in a batch response: its result when taken, or every bad field when not.</summary>
public sealed record EventBatchItem(int Index, string Status, string? Id, string? Source, IngestResult? Result, IDictionary<string, string[]>? Errors);
