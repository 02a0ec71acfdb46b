using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>What the webhook tests share: a sent thank-you, and posting events signed as SendGrid signs them.</summary>
internal static class SendGridWebhookClient
{
    public static async Task<(SelfHostFactory Factory, HttpClient Api, string MessageId)> SentThankYouAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var factory = await SelfHostFactory.CreateAsync(configure: configure);
        var api = factory.CreateApiClient();
        var (_, placed) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var id = placed!["scheduled"]!.AsArray().Single(m => m!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromHours(1));
        await factory.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync();
        return (factory, api, id);
    }

    /// <summary>Posts <paramref name="body"/> signed by the fake SendGrid (at <paramref name="signedAt"/>, or now), or with the given signature, or unsigned.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(SelfHostFactory factory, string body, DateTimeOffset? signedAt = null, Func<string, string>? tamper = null, bool sign = true, string? signature = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(tamper?.Invoke(body) ?? body, Encoding.UTF8, "application/json") };
        if (sign)
        {
            var (signed, timestamp) = factory.SendGrid.SignWebhook(body, signedAt ?? factory.Time.GetUtcNow());
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature ?? signed);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException)
        {
            return (response.StatusCode, null);
        }
    }

    public static string Batch(params JsonObject[] events) => new JsonArray(events).ToJsonString();
}
