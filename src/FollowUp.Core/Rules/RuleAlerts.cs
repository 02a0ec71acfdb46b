namespace FollowUp.Rules;

/// <summary>
/// Who hears about a rule's messages' answers that need a person, and which answers those are besides the ones that
/// always do (NPS 0–6, CSAT 1–2, any comment).
/// </summary>
public sealed record RuleAlerts
{
    /// <summary>Where alerts go when the message is not about a deal with an owner's address (which comes first).</summary>
    public string? To { get; init; }

    /// <summary>Answers that raise an alert, e.g. the lost-sale reasons <c>service</c> and <c>product-fit</c>.</summary>
    public IReadOnlyList<string>? Answers { get; init; }
}
