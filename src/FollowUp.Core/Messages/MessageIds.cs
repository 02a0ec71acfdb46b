using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FollowUp.Events;

namespace FollowUp.Messages;

/// <summary>
/// A message id is where the message lives: the minute it first fell due (<c>yyyyMMddHHmm</c>, UTC) and a 32-digit
/// hash of (rule, kind, customer, order or deal). Its Messages partition is the minute plus one of four shards (from the
/// hash), so the messages due in one minute are in at most four partitions whose rows a dispatcher claims and completes
/// 100 at a time — four, so that a busy minute stays under a partition's throughput and a quiet one still batches —
/// and a link's id finds its row with one read, through no index.
/// </summary>
public static class MessageIds
{
    public const int Length = MinuteLength + HashLength;
    private const int MinuteLength = 12;
    private const int HashLength = 32;
    private const string MinuteFormat = "yyyyMMddHHmm";
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// One message per (rule, customer, order or deal): a replayed or duplicated event can only find the message it
    /// made the first time (the order's index remembers the minute that went with the hash), and two customers whose
    /// shops both number an order 1001 never share one.
    /// </summary>
    public static string Hash(string ruleId, SubjectKind kind, string customerId, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(subjectId);

        // Lengths first, so that no choice of ids can make two different tuples hash the same text.
        var text = $"{ruleId.Length}:{ruleId}\n{kind}\n{customerId.Length}:{customerId}\n{subjectId.Length}:{subjectId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    public static string For(DateTimeOffset firstDue, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Minute(firstDue) + hash;
    }

    /// <summary>The Messages table partition of a well-formed id.</summary>
    public static string PartitionOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return string.Concat(id.AsSpan(0, MinuteLength), [(char)('0' + (Convert.ToInt32(id[MinuteLength].ToString(), 16) / 4))]);
    }

    public static string HashOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id[MinuteLength..];
    }

    /// <summary>The minute a partition (or id) starts with, as a time.</summary>
    public static DateTimeOffset MinuteOf(string partitionOrId)
    {
        ArgumentNullException.ThrowIfNull(partitionOrId);
        return DateTimeOffset.ParseExact(partitionOrId.AsSpan(0, MinuteLength), MinuteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture);

    /// <summary>What a message id looks like: a real minute and 32 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length }
        && !id.AsSpan(MinuteLength).ContainsAnyExcept(HexDigits)
        && DateTimeOffset.TryParseExact(id.AsSpan(0, MinuteLength), MinuteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>Due times are kept to the millisecond, so that a time read back compares equal to the one written.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
