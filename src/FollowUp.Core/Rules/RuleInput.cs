namespace FollowUp.Rules;

/// <summary>
/// The body of <c>PUT /api/rules/{id}</c>: everything optional here so that validation can name each missing field.
/// Not sealed: a replay's proposal is a list of these, each with its id.
/// </summary>
public record RuleInput
{
    /// <summary>Read-only, as GET answers it: may be sent back unchanged, and must then equal the id in the path.</summary>
    public string? Id { get; init; }

    /// <summary>Read-only (as GET answers it; ignored): the version to replace goes in <c>If-Match</c>.</summary>
    public int? Version { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public int? RestoredFrom { get; init; }

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

    /// <summary>The input that saves <paramref name="rule"/> again as it is (a restore checks it as a save would).</summary>
    public static RuleInput From(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new RuleInput
        {
            Description = rule.Description,
            Trigger = rule.Trigger,
            Condition = rule.Condition,
            Delay = rule.Delay,
            TemplateId = rule.TemplateId,
            CancelOn = rule.CancelOn,
            Enabled = rule.Enabled,
            Coupon = rule.Coupon,
            Category = rule.Category,
            Phase = rule.Phase,
            Alerts = rule.Alerts,
            SendWindow = rule.SendWindow,
            FrequencyCap = rule.FrequencyCap,
            Priority = rule.Priority,
            Reminders = rule.Reminders,
            ExpiresAfter = rule.ExpiresAfter,
            MaxEventAge = rule.MaxEventAge,
        };
    }
}
