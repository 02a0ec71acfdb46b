using System.IO.Compression;
using System.Text.Json;

namespace FollowUp.Messages;

/// <summary>
/// A sent message's content exactly as it went out (<c>GET /api/messages/{id}/content</c>): kept on the message's row,
/// compressed and bounded to one binary property, and erased with its customer.
/// </summary>
public sealed record SentContent
{
    /// <summary>What a message row keeps at most: Table Storage allows 64 KiB in one binary property.</summary>
    public const int MaxPackedBytes = 60_000;

    public required string MessageId { get; init; }

    public required string RuleId { get; init; }

    /// <summary>The version of the rule that scheduled the message.</summary>
    public int? RuleVersion { get; init; }

    public required string TemplateId { get; init; }

    /// <summary>The version of the template it was rendered with.</summary>
    public int? TemplateVersion { get; init; }

    public string? Locale { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public required string Subject { get; init; }

    /// <summary>The HTML body; null when it was too large to keep (<see cref="Omitted"/> says so).</summary>
    public string? Html { get; init; }

    public required string Text { get; init; }

    /// <summary>What was not kept, and why.</summary>
    public string? Omitted { get; init; }

    /// <summary>The content compressed for the message's row; without the HTML when that does not fit.</summary>
    public static byte[] Pack(string subject, string html, string text)
    {
        var packed = Compress(new Stored(subject, html, text, null));
        return packed.Length <= MaxPackedBytes
            ? packed
            : Compress(new Stored(subject, null, text.Length > 100_000 ? text[..100_000] : text, $"the HTML body ({html.Length:N0} characters) was too large to keep"));
    }

    /// <summary>The content a message's row keeps, or null when it keeps none.</summary>
    public static (string Subject, string? Html, string Text, string? Omitted)? Unpack(byte[]? packed)
    {
        if (packed is not { Length: > 0 })
        {
            return null;
        }

        using var input = new BrotliStream(new MemoryStream(packed), CompressionMode.Decompress);
        var stored = JsonSerializer.Deserialize<Stored>(input, FollowUpJson.Options);
        return stored is null ? null : (stored.Subject, stored.Html, stored.Text, stored.Omitted);
    }

    private static byte[] Compress(Stored stored)
    {
        // Quality 1 and a 64 KiB window: a mail's worth of text, on the dispatcher's path, without the megabytes of
        // window the stream's defaults allocate for every message.
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, FollowUpJson.Options);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        return BrotliEncoder.TryCompress(json, buffer, out var written, quality: 1, window: 16)
            ? buffer.AsSpan(0, written).ToArray()
            : throw new InvalidOperationException("Brotli could not compress a sent message's content.");
    }

    private sealed record Stored(string Subject, string? Html, string Text, string? Omitted);
}
