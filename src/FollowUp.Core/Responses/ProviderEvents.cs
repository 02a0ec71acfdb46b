using FollowUp.Messages;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Responses;

/// <summary>
/// What the provider tells of a sent message — processed, delivered, deferred, opened, clicked, bounced, dropped,
/// marked as spam, unsubscribed — into its ledger, once each (by the provider's event id). A hard bounce, a drop, a spam
/// report and an unsubscribe also stop mail to the address, with the reason.
/// </summary>
public sealed partial class ProviderEvents(MessageLife life, Suppressions suppressions, CustomerResponses responses, IOptions<FollowUpOptions> options, ILogger<ProviderEvents> logger)
{
    /// <summary>
    /// Records a webhook request's events: those of one message in their order, different messages side by side, so
    /// that a request of a thousand events is answered before SendGrid gives up waiting (and sends it again).
    /// </summary>
    public async Task<ProviderEventsResult> RecordAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var counts = new int[4]; // recorded, duplicates, unknown, ignored
        var known = new List<(ProviderEvent Item, (MessageStatus? Reached, string Detail, string? Stops) What)>();
        foreach (var item in events)
        {
            if (Describe(item, options.Value.PublicBaseUrl) is not { } what || item.EventId is null)
            {
                counts[3]++;
            }
            else if (item.MessageId is null || !MessageIds.IsWellFormed(item.MessageId))
            {
                counts[2]++;
            }
            else
            {
                known.Add((item, what));
            }
        }

        var byMessage = known.GroupBy(entry => entry.Item.MessageId!, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(byMessage, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, token) =>
        {
            foreach (var (item, what) in group)
            {
                var index = await RecordOneAsync(item, what, token).ConfigureAwait(false);
                Interlocked.Increment(ref counts[index]);
            }
        }).ConfigureAwait(false);

        FollowUpTelemetry.ProviderEvents.Add(counts[0], new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, "recorded"));
        FollowUpTelemetry.ProviderEvents.Add(counts[1], new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, "duplicate"));
        FollowUpTelemetry.ProviderEvents.Add(counts[2], new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, "unknown"));
        if (counts[2] > 0)
        {
            LogUnknown(logger, counts[2]);
        }

        return new ProviderEventsResult(events.Count, counts[0], counts[1], counts[2], counts[3]);
    }

    /// <summary>Records one event; the index of its count (recorded, duplicate, unknown).</summary>
    private async Task<int> RecordOneAsync(ProviderEvent item, (MessageStatus? Reached, string Detail, string? Stops) what, CancellationToken cancellationToken)
    {
        var (reached, detail, stops) = what;
        var outcome = await life.RecordDeliveryAsync(item.MessageId!, item.EventId!, reached, detail, item.At, cancellationToken).ConfigureAwait(false);
        if (outcome == DeliveryOutcome.UnknownMessage)
        {
            return 2;
        }

        // Done on a duplicate too: a retry after a failure part-way must still stop the address.
        if (stops is { } why && await life.GetAsync(item.MessageId!, cancellationToken).ConfigureAwait(false) is { } message)
        {
            var scope = item.Event is "unsubscribe" or "group_unsubscribe" ? responses.OneClickScope(message) : UnsubscribeScope.Everything;
            await suppressions.AddAsync(message.Email, why, message.RowKey, item.At, scope, SourceOf(item.Event), cancellationToken).ConfigureAwait(false);
        }

        return outcome == DeliveryOutcome.Recorded ? 0 : 1;
    }

    private static SuppressionSource SourceOf(string? name) => name switch
    {
        "bounce" => SuppressionSource.HardBounce,
        "dropped" => SuppressionSource.Dropped,
        "spamreport" => SuppressionSource.SpamReport,
        "unsubscribe" or "group_unsubscribe" => SuppressionSource.ProviderUnsubscribe,
        _ => SuppressionSource.Unknown,
    };

    /// <summary>The stage an event shows, its words for the ledger (free of personal data), and why it stops the address if it does.</summary>
    private static (MessageStatus? Reached, string Detail, string? Stops)? Describe(ProviderEvent item, string publicBaseUrl) => item.Event switch
    {
        "processed" => (null, "processed by SendGrid", null),
        "delivered" => (MessageStatus.Delivered, "delivered to the recipient's mail server", null),
        "deferred" => (null, $"deferred by the recipient's mail server{(item.Attempt is null ? string.Empty : $" (attempt {Cut(item.Attempt, 10)})")}: {Reason(item)}", null),
        "open" => (MessageStatus.Opened, "opened", null),
        "click" => (MessageStatus.Clicked, $"clicked {LinkWithoutQuery(item.Url, publicBaseUrl)}", null),
        "bounce" when item.Type == "blocked" => (null, $"blocked by the recipient's mail server (a soft bounce, not retried): {Reason(item)}", null),
        "bounce" => (MessageStatus.Bounced, $"bounced: {Reason(item)}", "hard bounce"),
        "dropped" when IsAboutTheAddress(item.Reason) => (MessageStatus.Bounced, $"dropped by SendGrid: {Reason(item)}", "dropped by SendGrid: " + Reason(item)),
        "dropped" => (null, $"dropped by SendGrid for a reason of the sending account, not the address: {Reason(item)}", null),
        "spamreport" => (MessageStatus.Complained, "marked as spam by the recipient", "spam report"),
        "unsubscribe" or "group_unsubscribe" => (MessageStatus.Unsubscribed, "unsubscribed through SendGrid", "unsubscribed through SendGrid"),
        _ => null,
    };

    /// <summary>
    /// Whether SendGrid dropped the mail because of the address (it bounced, complained, unsubscribed, or is invalid)
    /// rather than because of the sending account (its quota, its content, its headers), which says nothing of the
    /// customer and must not stop their mail.
    /// </summary>
    private static bool IsAboutTheAddress(string? reason) =>
        reason is not null && (reason.StartsWith("Bounced Address", StringComparison.OrdinalIgnoreCase)
            || reason.StartsWith("Spam Reporting Address", StringComparison.OrdinalIgnoreCase)
            || reason.StartsWith("Unsubscribed Address", StringComparison.OrdinalIgnoreCase)
            || reason.Equals("Invalid", StringComparison.OrdinalIgnoreCase)
            || reason.StartsWith("Invalid Address", StringComparison.OrdinalIgnoreCase)
            || reason.StartsWith("Invalid email", StringComparison.OrdinalIgnoreCase));

    /// <summary>A server's words about an address may name the address (or others): they are scrubbed, and cut short.</summary>
    private static string Reason(ProviderEvent item) =>
        Cut(Redaction.Scrub(item.Reason ?? "no reason given"), 200);

    /// <summary>
    /// The link without its query and fragment, whose values may be personal (a token, an e-mail address); FollowUp's
    /// own links by what they are, since their path is the signed token.
    /// </summary>
    internal static string LinkWithoutQuery(string? url, string publicBaseUrl)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "a link";
        }

        var basePath = Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var own) ? own.AbsolutePath.TrimEnd('/') : null;
        if (own is not null && Uri.Compare(uri, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            && uri.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            var path = uri.AbsolutePath[basePath!.Length..];
            if (path.StartsWith("/r/", StringComparison.Ordinal))
            {
                return "an answer link";
            }

            if (path.StartsWith("/u/", StringComparison.Ordinal))
            {
                return "the unsubscribe link";
            }
        }

        // The path as a person reads it, with anything shaped like an address masked (a shop's "my page" may carry one).
        var readable = string.Join("/", uri.AbsolutePath.Split("/").Select(segment => Redaction.Scrub(Uri.UnescapeDataString(segment))));
        return Cut(uri.GetLeftPart(UriPartial.Authority) + readable, 300);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} SendGrid events named no message FollowUp knows; ignored")]
    private static partial void LogUnknown(ILogger logger, int count);
}
