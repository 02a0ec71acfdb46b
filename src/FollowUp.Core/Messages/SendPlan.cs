using System.Text.Json;
using FollowUp.Rules;

namespace FollowUp.Messages;

/// <summary>
/// A customer's messages by when they go, kept on the customer's profile and changed only in the transaction that
/// writes the customer's event: so the caps are decided in one place for each customer, however many instances ingest
/// and dispatch at once. Kept for the longest a cap can span, and at most <see cref="MaxEntries"/> long.
/// </summary>
public sealed class SendPlan
{
    public const int MaxEntries = 200;

    private readonly List<PlannedSend> _entries;

    private SendPlan(List<PlannedSend> entries) => _entries = entries;

    public IReadOnlyList<PlannedSend> Entries => _entries;

    /// <summary>Whether anything changed since it was read.</summary>
    public bool Changed { get; private set; }

    /// <summary>The plan as stored; an unreadable one starts empty rather than stopping the customer's events.</summary>
    public static SendPlan Parse(string? json, DateTimeOffset now)
    {
        List<PlannedSend> entries;
        try
        {
            entries = string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<PlannedSend>>(json, FollowUpJson.Storage) ?? [];
        }
        catch (JsonException)
        {
            entries = [];
        }

        var plan = new SendPlan(entries);
        plan.Changed = entries.RemoveAll(entry => entry.At < now - FrequencyCap.MaxPer) > 0;

        // A move whose message is due by now has been made or overtaken: nothing is left to make again.
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].MovedFrom is not null && entries[i].At <= now)
            {
                entries[i] = entries[i] with { MovedFrom = null, MoveWhy = null };
                plan.Changed = true;
            }
        }

        return plan;
    }

    public PlannedSend? Find(string messageId) => _entries.Find(entry => entry.MessageId == messageId);

    public void Add(PlannedSend send)
    {
        ArgumentNullException.ThrowIfNull(send);
        _entries.RemoveAll(entry => entry.MessageId == send.MessageId);
        _entries.Add(send);
        _entries.Sort((a, b) => a.At.CompareTo(b.At));
        if (_entries.Count > MaxEntries)
        {
            // The oldest go first; they are the past, which counts only towards caps reaching back.
            _entries.RemoveRange(0, _entries.Count - MaxEntries);
        }

        Changed = true;
    }

    /// <summary>The moves the plan made of written messages that may not have been made yet.</summary>
    public IEnumerable<PlanMove> PendingMoves() =>
        _entries.Where(entry => entry.MovedFrom is { } from && entry.MoveWhy is not null)
            .Select(entry => new PlanMove(entry with { At = entry.MovedFrom!.Value }, entry.At, entry.MoveWhy!));

    /// <summary>Takes messages out of the plan; whether any was in it.</summary>
    public bool Remove(IEnumerable<string> messageIds)
    {
        var ids = messageIds.ToHashSet(StringComparer.Ordinal);
        var removed = _entries.RemoveAll(entry => ids.Contains(entry.MessageId)) > 0;
        Changed |= removed;
        return removed;
    }

    public string ToJson() => JsonSerializer.Serialize(_entries, FollowUpJson.Storage);
}
