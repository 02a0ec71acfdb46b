using System.Security.Cryptography;
using System.Text;
using FollowUp.Events;

namespace FollowUp.Messages;

public static class MessageIds
{
    /// <summary>
    /// One message per (rule, customer, order or deal): the id is a hash of the four, so a replayed or duplicated event
    /// can only ever find the message it made the first time, and two customers whose shops both number an order
    /// 1001 never share one.
    /// </summary>
    public static string For(string ruleId, SubjectKind kind, string customerId, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(subjectId);

        // Lengths first, so that no choice of ids can make two different tuples hash the same text.
        var text = $"{ruleId.Length}:{ruleId}\n{kind}\n{customerId.Length}:{customerId}\n{subjectId.Length}:{subjectId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>The Messages table partition a message lives in (temporary: lands with the batched layout).</summary>
    public static string PartitionOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id[..1];
    }

    /// <summary>What a message id looks like: 32 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
