using FollowUp.Messages;
using FollowUp.Templates;
using FollowUp.Validation;
using FollowUp.Sending;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp;

/// <summary>Fails start-up with messages that name the missing or bad setting, so a deployed app never runs half-configured.</summary>
internal sealed class FollowUpOptionsValidator :
    IValidateOptions<FollowUpOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<SendGridOptions>,
    IValidateOptions<ScriptLimits>,
    IValidateOptions<CapOptions>,
    IValidateOptions<Http.PageOptions>,
    IValidateOptions<ReplayOptions>,
    IValidateOptions<Http.AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, Http.AuthOptions options) =>
        // An app role's value, as the app registration takes it: no spaces, and not more than Entra allows.
        string.IsNullOrWhiteSpace(options.EntraRole) || options.EntraRole.Length > 120 || options.EntraRole.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? ValidateOptionsResult.Fail($"{Http.AuthOptions.SectionName}:EntraRole must be an app role's value: 1 to 120 characters without spaces (got '{options.EntraRole}').")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, ReplayOptions options) =>
        !Iso8601Duration.TryParse(options.Retention, out var retention, out var error)
            ? ValidateOptionsResult.Fail($"{ReplayOptions.SectionName}:Retention: {error}.")
            : retention < TimeSpan.FromDays(1) || retention > TimeSpan.FromDays(3660)
                ? ValidateOptionsResult.Fail($"{ReplayOptions.SectionName}:Retention must be from P1D to P3660D (got {options.Retention}).")
                : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, Http.PageOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.LogoUrl) && (!Uri.TryCreate(options.LogoUrl, UriKind.Absolute, out var logo) || logo.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Http.PageOptions.SectionName}:LogoUrl must be an absolute https address (got '{options.LogoUrl}').");
        }

        if (Http.PageOptions.ContrastWithWhite(options.AccentColor) is not { } contrast)
        {
            failures.Add($"{Http.PageOptions.SectionName}:AccentColor must be a colour as #rrggbb (got '{options.AccentColor}').");
        }
        else if (contrast < 4.5)
        {
            failures.Add($"{Http.PageOptions.SectionName}:AccentColor {options.AccentColor} gives white button text a contrast of {contrast:0.0}:1; at least 4.5:1 is needed to be readable (WCAG 2 AA).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, CapOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[] { (nameof(options.Service), options.Service), (nameof(options.Feedback), options.Feedback), (nameof(options.Marketing), options.Marketing), (nameof(options.Total), options.Total) })
        {
            if (!Rules.FrequencyCap.TryParse(value, out _, out var error))
            {
                failures.Add($"{CapOptions.SectionName}:{setting}: {error}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, FollowUpOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{FollowUpOptions.SectionName}:PublicBaseUrl must be the absolute http(s) address customers' links point at (got '{options.PublicBaseUrl}').");
        }

        if (string.IsNullOrEmpty(options.SigningKey) || options.SigningKey.Length < 32)
        {
            failures.Add($"{FollowUpOptions.SectionName}:SigningKey must be set to a secret of at least 32 characters; it signs customers' links.");
        }

        if (!Formats.IsLocale(options.DefaultLocale))
        {
            failures.Add($"{FollowUpOptions.SectionName}:DefaultLocale '{options.DefaultLocale}' is not a BCP 47 language tag.");
        }

        if (!Formats.IsTimeZone(options.DefaultTimeZone))
        {
            failures.Add($"{FollowUpOptions.SectionName}:DefaultTimeZone '{options.DefaultTimeZone}' is not an IANA time zone.");
        }

        if (!string.IsNullOrEmpty(options.DefaultCountry) && (options.DefaultCountry.Length != 2 || !options.DefaultCountry.All(char.IsAsciiLetterUpper)))
        {
            failures.Add($"{FollowUpOptions.SectionName}:DefaultCountry '{options.DefaultCountry}' is not an ISO 3166 alpha-2 code in capitals (e.g. NO), nor empty.");
        }

        if (!Enum.IsDefined(options.OneClickUnsubscribe))
        {
            failures.Add($"{FollowUpOptions.SectionName}:OneClickUnsubscribe must be one of {string.Join(", ", Enum.GetNames<UnsubscribeScope>())}.");
        }

        if (!Enum.IsDefined(options.UnknownMarketingConsent))
        {
            failures.Add($"{FollowUpOptions.SectionName}:UnknownMarketingConsent must be one of {string.Join(", ", Enum.GetNames<MarketingConsentDefault>())}.");
        }

        foreach (var (keyName, key) in options.ApiKeys)
        {
            if (!Ids.IsValid(keyName))
            {
                failures.Add($"{FollowUpOptions.SectionName}:ApiKeys:{keyName}: a key's name must be {Ids.Rule}.");
            }

            if (string.IsNullOrEmpty(key) || key.Length < 16)
            {
                failures.Add($"{FollowUpOptions.SectionName}:ApiKeys:{keyName} must be a key of at least 16 characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasUri = !string.IsNullOrWhiteSpace(options.TableServiceUri);
        if (hasConnectionString == hasUri)
        {
            failures.Add($"Set exactly one of {StorageOptions.SectionName}:ConnectionString and {StorageOptions.SectionName}:TableServiceUri.");
        }

        if (hasUri && !Uri.TryCreate(options.TableServiceUri, UriKind.Absolute, out _))
        {
            failures.Add($"{StorageOptions.SectionName}:TableServiceUri must be an absolute URI.");
        }

        if (string.IsNullOrEmpty(options.TablePrefix) || options.TablePrefix.Length > 40 || !char.IsAsciiLetter(options.TablePrefix[0]) || !options.TablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"{StorageOptions.SectionName}:TablePrefix must be 1-40 letters and digits, starting with a letter.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.WebhookPublicKey))
        {
            try
            {
                _ = new SendGrid.Helpers.EventWebhook.RequestValidator().ConvertPublicKeyToECDSA(options.WebhookPublicKey.Trim());
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or System.Security.Cryptography.CryptographicException)
            {
                failures.Add($"{SendGridOptions.SectionName}:WebhookPublicKey is not the Event Webhook's verification key (base64, as SendGrid shows it under Signed Event Webhook).");
            }
        }

        if (options.WebhookMaxAge < TimeSpan.FromSeconds(30) || options.WebhookMaxAge > TimeSpan.FromHours(1))
        {
            failures.Add($"{SendGridOptions.SectionName}:WebhookMaxAge must be from 30 seconds to 1 hour.");
        }

        if (options.IsConfigured)
        {
            if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _))
            {
                failures.Add($"{SendGridOptions.SectionName}:BaseUrl must be an absolute URI.");
            }

            if (!Formats.IsEmail(options.FromEmail))
            {
                failures.Add($"{SendGridOptions.SectionName}:FromEmail must be the verified sender address when an API key is set.");
            }

            if (options.TimeoutSeconds is < 1 or > 300)
            {
                failures.Add($"{SendGridOptions.SectionName}:TimeoutSeconds must be between 1 and 300.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, ScriptLimits options)
    {
        var failures = new List<string>();
        if (options.ConditionBudget <= TimeSpan.Zero || options.ConditionBudget > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{ScriptLimits.SectionName}:ConditionBudget must be positive and at most 10 seconds: it is spent on every event.");
        }

        if (options.RenderBudget <= TimeSpan.Zero || options.RenderBudget > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{ScriptLimits.SectionName}:RenderBudget must be positive and at most 30 seconds.");
        }

        if (options.RegexTimeout <= TimeSpan.Zero || options.RegexTimeout > options.RenderBudget)
        {
            failures.Add($"{ScriptLimits.SectionName}:RegexTimeout must be positive and at most RenderBudget.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
