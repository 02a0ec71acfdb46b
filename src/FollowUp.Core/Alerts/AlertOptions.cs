namespace FollowUp.Alerts;

/// <summary><c>FollowUp:Alerts</c>: where answers that need a person go when neither the deal nor the rule says.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "FollowUp:Alerts";

    /// <summary>Off turns alert mails off everywhere (the ledger and webhooks still show every answer).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address alerts go to when the message is not about a deal with an owner and its rule names none.</summary>
    public string? To { get; set; }

    /// <summary>How long after an answer its alert waits, so that the comment a customer adds on the thanks page goes in the same mail.</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The link an alert gives to the message, with <c>{id}</c> for its id (default: the API's message).</summary>
    public string? MessageUrl { get; set; }
}
