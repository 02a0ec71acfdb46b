namespace FollowUp.Messages;

/// <summary>
/// How much one customer gets (<c>FollowUp:Caps</c>): per category and in total, each <c>count/duration</c> such as
/// <c>1/P7D</c>, or <c>none</c>. A rule's <c>frequencyCap</c> replaces its category's. A message over a cap is deferred
/// to the first moment every cap and its send window allow, never dropped.
/// </summary>
public sealed class CapOptions
{
    public const string SectionName = "FollowUp:Caps";

    /// <summary>Messages about what the customer did or waits for; none by default.</summary>
    public string Service { get; set; } = "none";

    public string Feedback { get; set; } = "1/P7D";

    public string Marketing { get; set; } = "2/P7D";

    /// <summary>
    /// Every category together. Service messages count towards it but are never held back by it: a thank-you for
    /// a purchase just made should not wait a day because of a survey.
    /// </summary>
    public string Total { get; set; } = "3/P1D";
}
