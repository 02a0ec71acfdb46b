using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256, under the secret's key, of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>. A receiver checks it with any Standard Webhooks library.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(byte[] key, string id, DateTimeOffset timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
