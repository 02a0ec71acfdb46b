namespace FollowUp;

public sealed class FollowUpOptions
{
    public const string SectionName = "FollowUp";

    /// <summary>The address customers' links point at, e.g. <c>https://followup.example.com</c>. Required.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>HMAC key for customers' answer and unsubscribe links; at least 32 characters. Required.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Locale for customers who have none (default <c>en</c>).</summary>
    public string DefaultLocale { get; set; } = "en";

    /// <summary>IANA time zone for customers who have none (default <c>Europe/Oslo</c>).</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Oslo";

    /// <summary>
    /// ISO 3166 country whose public holidays count for customers with neither a country nor a region in their locale
    /// (default <c>NO</c>); empty for none.
    /// </summary>
    public string DefaultCountry { get; set; } = "NO";

    /// <summary>
    /// What an unsubscribe without a choice stops — the RFC 8058 one-click POST a mail client sends — besides the
    /// category of the message it came from (default: marketing and feedback; see the README).
    /// </summary>
    public Messages.UnsubscribeScope OneClickUnsubscribe { get; set; } = Messages.UnsubscribeScope.MarketingAndFeedback;

    /// <summary>Whether marketing rules may write to a customer who never said yes or no (default: existing customers only).</summary>
    public MarketingConsentDefault UnknownMarketingConsent { get; set; } = MarketingConsentDefault.ExistingCustomers;

    /// <summary>
    /// Named API keys (<c>FollowUp:ApiKeys:&lt;name&gt;</c>): the name is what a rule's or template's versions record as
    /// who saved it. The self-host accepts each of these keys as well as its own; on Azure, give a function key's value
    /// here under the name to record (when the host does not pass the function key's own name on).
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
