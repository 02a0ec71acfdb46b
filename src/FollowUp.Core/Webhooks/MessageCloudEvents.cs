using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using FollowUp.Messages;

namespace FollowUp.Webhooks;

/// <summary>
/// A ledger entry of a message as a CloudEvent (structured JSON): type <c>followup.message.{type}</c>, the message as
/// subject, and as data the message's keys (never the customer's address), the entry, and for an answer the answer,
/// score and comment — which is how a lost deal's reason reaches the CRM that listens.
/// </summary>
public static class MessageCloudEvents
{
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The events' source: the installation's messages, <c>{PublicBaseUrl}/api/messages</c>, where each can be read by its id.</summary>
    public static Uri SourceOf(string publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return new Uri(publicBaseUrl.TrimEnd('/') + "/api/messages", UriKind.Absolute);
    }

    /// <summary>The webhook id of the message's <paramref name="index"/>th ledger entry (counted over its whole life).</summary>
    public static string IdOf(string messageId, int index) => $"{messageId}-{index.ToString("D5", CultureInfo.InvariantCulture)}";

    public static string Create(MessageEntity message, MessageEvent entry, int index, string type, Uri source)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(entry);
        var data = new JsonObject
        {
            ["messageId"] = message.RowKey,
            ["ruleId"] = message.RuleId,
            ["templateId"] = message.TemplateId,
            ["customerId"] = message.CustomerId,
            ["subjectKind"] = message.SubjectKind.ToLowerInvariant(),
            ["subjectId"] = message.SubjectId,
            ["category"] = message.Category?.ToLowerInvariant(),
            ["phase"] = message.Phase,
            ["status"] = JsonNamingPolicy.CamelCase.ConvertName(message.Status),
            ["event"] = new JsonObject { ["type"] = type, ["at"] = entry.At, ["detail"] = entry.Detail },
        };
        if (message.Reminder > 0)
        {
            data["reminder"] = message.Reminder;
        }

        if (type is "answered" or "alert" && message.Answer is not null)
        {
            data["answer"] = message.Answer;
            data["score"] = message.Score;
            data["scoreScale"] = message.ScoreScale;
            data["comment"] = message.Comment;
        }

        var cloudEvent = new CloudEvent
        {
            Id = IdOf(message.RowKey, index),
            Source = source,
            Type = WebhookEventTypes.Prefix + type,
            Time = entry.At,
            Subject = message.RowKey,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data),
        };
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }
}
