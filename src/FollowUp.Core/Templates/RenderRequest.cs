using System.Text.Json.Nodes;

namespace FollowUp.Templates;

/// <summary>What one message brings to its template: the model (customer, order or deal, event) and its own details.</summary>
public sealed record RenderRequest(string MessageId, string? Locale, JsonObject Model, string? CouponCode = null, string? RuleId = null)
{
    /// <summary>0 for the first send, 1 to 3 for its reminders: templates vary their wording with <c>message.reminder</c>.</summary>
    public int Reminder { get; init; }
}
