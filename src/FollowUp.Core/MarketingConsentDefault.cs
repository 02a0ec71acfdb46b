namespace FollowUp;

/// <summary>What a customer's marketing consent is taken to be when their events never said.</summary>
public enum MarketingConsentDefault
{
    /// <summary>
    /// Yes for a customer who has bought something, no for a prospect: the Nordic marketing acts let a business write to
    /// its own customers about similar products when they were offered an easy opt-out, which every message carries.
    /// </summary>
    ExistingCustomers,

    /// <summary>Always yes: for shops whose sign-up already collected consent outside FollowUp.</summary>
    Granted,

    /// <summary>Always no: marketing goes only to customers whose events say <c>marketingConsent: true</c>.</summary>
    Denied,
}
