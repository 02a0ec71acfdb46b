namespace FollowUp.Events;

public sealed record CustomerData(string Id, string Email, string? Name, string? Locale, string? TimeZone, string? Country = null, bool? MarketingConsent = null);
