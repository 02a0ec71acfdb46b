namespace FollowUp.Templates;

/// <summary>
/// Time budgets for the scripts sales ops and marketers write, so that one careless rule or template costs a bounded
/// moment and fails with a reason instead of holding up ingest or dispatch. Section <c>FollowUp:Scripts</c>.
/// </summary>
public sealed class ScriptLimits
{
    public const string SectionName = "FollowUp:Scripts";

    /// <summary>Longest a rule's condition may run for one event (default 100 ms); over it, the rule is skipped with the reason.</summary>
    public TimeSpan ConditionBudget { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest one message's template may take to render (default 1 second); over it, the message fails with the reason.</summary>
    public TimeSpan RenderBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest one regular expression in a script may run (default 50 ms): a catastrophic pattern fails at once.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(50);
}
