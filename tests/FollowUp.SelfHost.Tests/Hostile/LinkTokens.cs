using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Link tokens made the way the product makes them, so that cases can hold genuine signatures over hostile payloads.</summary>
internal static class LinkTokens
{
    public const string UnknownMessage = "0123456789abcdef0123456789abcdef";

    public static string Sign(string payload, string key = PipelineHarness.SigningKey)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), bytes).AsSpan(0, 16);
        return Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(signature);
    }

    public static string Answer(string messageId = UnknownMessage, string answer = "price") => Sign($"a|{messageId}|{answer}");

    public static string Unsubscribe(string messageId = UnknownMessage) => Sign($"u|{messageId}|");
}
