using System.Text.Json.Nodes;

namespace FollowUp.Testing;

/// <summary>One request the webhook receiver got: its Standard Webhooks headers, the CloudEvent, and how it was answered.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string? ContentType, JsonObject? CloudEvent, bool Verified, int Status)
{
    public string? Type => CloudEvent?["type"]?.GetValue<string>();

    public JsonNode? Data => CloudEvent?["data"];
}
