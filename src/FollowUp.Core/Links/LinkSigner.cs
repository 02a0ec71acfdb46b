using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FollowUp.Links;

/// <summary>
/// Signs the links in customers' messages. A token is <c>base64url(payload).base64url(HMAC-SHA256(payload)[..16])</c>;
/// the payload names the message (never the customer's address), so a link reveals nothing and cannot be forged.
/// </summary>
public sealed class LinkSigner(IOptions<FollowUpOptions> options)
{
    private const int SignatureBytes = 16;
    private const int MaxAnswerLength = 64;

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
    private readonly string _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');

    public string AnswerUrl(string messageId, string answer) => $"{_baseUrl}/r/{Create(new LinkToken(LinkKind.Answer, messageId, answer))}";

    public string UnsubscribeUrl(string messageId) => $"{_baseUrl}/u/{Create(new LinkToken(LinkKind.Unsubscribe, messageId, null))}";

    public static bool IsValidAnswer(string answer) =>
        answer.Length is > 0 and <= MaxAnswerLength && answer.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public string Create(LinkToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Answer is not null && !IsValidAnswer(token.Answer))
        {
            throw new ArgumentException($"An answer is 1-{MaxAnswerLength} letters, digits, '-', '_', '.' or ':'.", nameof(token));
        }

        var payload = Encoding.UTF8.GetBytes($"{(token.Kind == LinkKind.Answer ? 'a' : 'u')}|{token.MessageId}|{token.Answer}");
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload));
    }

    public bool TryRead(string? text, out LinkToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text) || text.Length > 512)
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(text.AsSpan(0, dot)) || !Base64Url.IsValid(text.AsSpan(dot + 1)))
        {
            return false;
        }

        var payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
        var signature = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return false;
        }

        token = parts[0] switch
        {
            "a" when IsValidAnswer(parts[2]) => new LinkToken(LinkKind.Answer, parts[1], parts[2]),
            "u" when parts[2].Length == 0 => new LinkToken(LinkKind.Unsubscribe, parts[1], null),
            _ => null,
        };
        return token is not null;
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload).AsSpan(0, SignatureBytes).ToArray();
}
