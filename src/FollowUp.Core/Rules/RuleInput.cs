namespace FollowUp.Rules;

/// <summary>
/// The body of <c>PUT /api/rules/{id}</c>: everything optional here so that validation can name each missing field.
/// Not sealed: a replay's proposal is a list of these, each with its id.
/// </summary>
public record RuleInput
{
    public string? Description { get; init; }

    public string? Trigger { get; init; }

    public string? Condition { get; init; }

    public string? Delay { get; init; }

    public string? TemplateId { get; init; }

    public IReadOnlyList<string>? CancelOn { get; init; }

    public bool? Enabled { get; init; }

    public CouponSettings? Coupon { get; init; }

    public MessageCategory? Category { get; init; }

    public JourneyPhase? Phase { get; init; }

    public RuleAlerts? Alerts { get; init; }

    public RuleSendWindow? SendWindow { get; init; }

    public string? FrequencyCap { get; init; }

    public int? Priority { get; init; }

    public IReadOnlyList<string>? Reminders { get; init; }

    public string? ExpiresAfter { get; init; }

    public string? MaxEventAge { get; init; }
}
