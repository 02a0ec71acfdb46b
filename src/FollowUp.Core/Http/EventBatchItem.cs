using FollowUp.Events;

namespace FollowUp.Http;

/// <summary>One event's line in a batch response: its result when valid, or every bad field when not.</summary>
public sealed record EventBatchItem(int Index, string Status, string? Id, string? Source, IngestResult? Result, IDictionary<string, string[]>? Errors);
