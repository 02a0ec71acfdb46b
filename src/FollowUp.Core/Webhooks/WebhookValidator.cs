using System.Net;
using FollowUp.Validation;

namespace FollowUp.Webhooks;

/// <summary>What a subscription must be: a receiver FollowUp may post to, event types it knows, a valid secret.</summary>
public static class WebhookValidator
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;

    /// <summary>True when valid; otherwise the errors, each naming its field.</summary>
    public static bool Validate(WebhookInput input, WebhookOptions options, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(input.Url))
        {
            errors.Add("url", "is required");
        }
        else if (input.Url.Length > MaxUrlLength || !Uri.TryCreate(input.Url, UriKind.Absolute, out var url))
        {
            errors.Add("url", $"must be an absolute URL of at most {MaxUrlLength} characters");
        }
        else if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && options.AllowHttp))
        {
            errors.Add("url", options.AllowHttp ? "must be http or https" : "must be https (plain http only where FollowUp:Webhooks:AllowHttp is set)");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add("url", "must not carry a user name or password; the signature is how the receiver knows it is FollowUp");
        }
        else if (!options.AllowPrivateNetworks && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && NetworkGuard.IsPrivate(address))))
        {
            errors.Add("url", "is on a private or loopback network, where webhooks are not sent (FollowUp:Webhooks:AllowPrivateNetworks)");
        }

        if (input.Events is null || input.Events.Count == 0)
        {
            errors.Add("events", $"must name at least one event type: {string.Join(", ", WebhookEventTypes.Names)}, or \"*\" for all");
        }
        else if (input.Events.Count > WebhookEventTypes.Names.Count + 1)
        {
            errors.Add("events", $"must name at most {WebhookEventTypes.Names.Count + 1} event types");
        }
        else
        {
            for (var i = 0; i < input.Events.Count; i++)
            {
                if (input.Events[i] is not { } type || (type != WebhookEventTypes.All && !WebhookEventTypes.Names.Contains(type)))
                {
                    errors.Add($"events[{i}]", $"{Formats.Quote(input.Events[i] ?? "null", 40)} is not one of {string.Join(", ", WebhookEventTypes.Names)}, or \"*\"");
                }
            }
        }

        if (input.Secret is not null && WebhookSubscriptions.KeyOf(input.Secret) is null)
        {
            errors.Add("secret", "must be whsec_ followed by 24 to 64 bytes in base64 (leave it out to have one generated)");
        }

        if (input.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"must be at most {MaxDescriptionLength} characters");
        }

        return errors.Count == before;
    }
}
