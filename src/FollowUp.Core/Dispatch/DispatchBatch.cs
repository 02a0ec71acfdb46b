using System.Text.Json;
using FollowUp.Messages;

namespace FollowUp.Dispatch;

/// <summary>
/// A share of due work that a planner hands to a sender (on Functions, one Storage queue message): up to one
/// entity-group transaction's worth of message ids, all in one partition of the Messages table, so the sender claims them in one
/// request. Handing out is only a hint: the sender claims each message itself, so a batch handed out twice, late or
/// never costs time, never a second send or a lost message.
/// </summary>
public sealed record DispatchBatch(string Partition, IReadOnlyList<string> Ids)
{
    /// <summary>When the planner handed it out: what was due then counts as due for the sender, whose clock may lag.</summary>
    public DateTimeOffset? DueBy { get; init; }

    /// <summary>At most one entity-group transaction.</summary>
    public const int MaxIds = 100;

    public string ToJson() => JsonSerializer.Serialize(this, FollowUpJson.Options);

    /// <summary>Reads a batch from a queue message; null when the text is not one (a poison message is dropped, the work stays due).</summary>
    public static DispatchBatch? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            var batch = JsonSerializer.Deserialize<DispatchBatch>(text, FollowUpJson.Options);
            return batch is { Partition: not null, Ids: not null } && batch.Ids.Count is > 0 and <= MaxIds
                && batch.Ids.All(id => MessageIds.IsWellFormed(id) && MessageIds.PartitionOf(id) == batch.Partition)
                ? batch
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
