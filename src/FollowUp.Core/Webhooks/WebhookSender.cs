using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Webhooks;

/// <summary>
/// Delivers what the outbox holds to each enabled subscription: a POST of the CloudEvent, signed per Standard Webhooks.
/// A 2xx answer delivers it; anything else (another status, a timeout, a refused connection) is tried again after
/// 5 seconds, 1 minute, 5 and 30 minutes, 2, 5 and 10 hours, until a day has passed; then it is given up and counted on
/// the subscription, which is switched off, with the reason, once nothing has got through for a day.
/// </summary>
public sealed partial class WebhookSender(
    WebhookSubscriptions subscriptions,
    WebhookOutbox outbox,
    IHttpClientFactory clients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "FollowUp.Webhooks";

    private const int BatchPerSubscription = 50;
    private const int Parallelism = 8;

    /// <summary>
    /// No new delivery starts after this much of a pass: a receiver that hangs until its timeout must not hold up the
    /// change feed that shares the loop (or the timer), nor the other subscriptions for long.
    /// </summary>
    private static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private int _running;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>How long after its <paramref name="attempts"/>th failed attempt a delivery is tried again.</summary>
    public static TimeSpan RetryAfter(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    /// <summary>Sends what is due to every enabled subscription; returns how many deliveries got through.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return 0;
        }

        try
        {
            var delivered = 0;
            if (time.GetUtcNow() - _lastPrune > PruneEvery)
            {
                foreach (var any in await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    await outbox.PruneAsync(any.Id, cancellationToken).ConfigureAwait(false);
                }

                _lastPrune = time.GetUtcNow();
            }

            var started = time.GetTimestamp();
            bool OutOfTime() => time.GetElapsedTime(started) > PassBudget;
            foreach (var subscription in await subscriptions.EnabledAsync(cancellationToken).ConfigureAwait(false))
            {
                if (OutOfTime())
                {
                    break;
                }

                var due = await outbox.DueAsync(subscription.Id, BatchPerSubscription, cancellationToken).ConfigureAwait(false);

                // Messages side by side, each message's events in the order they happened: a receiver sees "answered"
                // after "sent". One that fails holds back the message's later events until the next pass.
                var byMessage = due.GroupBy(d => d.Id[..d.Id.LastIndexOf('-')], StringComparer.Ordinal).Select(g => g.OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
                await Parallel.ForEachAsync(byMessage, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (events, token) =>
                {
                    // An earlier event of the message waiting for its retry (or with another sender) goes first.
                    if (await outbox.EarlierWaitingAsync(events[0], token).ConfigureAwait(false))
                    {
                        return;
                    }

                    foreach (var delivery in events)
                    {
                        if (OutOfTime() || !await DeliverAsync(subscription, delivery, token).ConfigureAwait(false))
                        {
                            return;
                        }

                        Interlocked.Increment(ref delivered);
                    }
                }).ConfigureAwait(false);
            }

            return delivered;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<bool> DeliverAsync(WebhookSubscription subscription, WebhookDelivery due, CancellationToken cancellationToken)
    {
        // Queued for an earlier subscription under the same id, or of a type it no longer wants: not for this one.
        if (due.Generation != subscription.CreatedAt.UtcTicks || !subscription.Wants(due.Type))
        {
            await outbox.DoneAsync(due, "not wanted", cancellationToken).ConfigureAwait(false);
            return true;
        }

        var now = time.GetUtcNow();
        var timeout = options.Value.Timeout;
        if (await outbox.ClaimAsync(due, now + timeout + timeout, cancellationToken).ConfigureAwait(false) is not { } delivery)
        {
            return false;
        }

        var failure = await PostAsync(subscription, delivery, now, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            await outbox.DoneAsync(delivery, "delivered", cancellationToken).ConfigureAwait(false);
            await subscriptions.RecordSuccessAsync(subscription, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Retried until a day has passed since it was queued, the last try at the day's end.
        var now2 = time.GetUtcNow();
        var deadline = delivery.CreatedAt + options.Value.RetryFor;
        var givenUp = now2 >= deadline;
        var next = now2 + RetryAfter(delivery.Attempts);
        next = next < deadline ? next : deadline;
        if (givenUp)
        {
            await outbox.DoneAsync(delivery, "given up: " + failure, cancellationToken).ConfigureAwait(false);
            LogGivenUp(logger, delivery.Id, subscription.Id, delivery.Attempts, failure);
        }
        else
        {
            await outbox.RetryAsync(delivery, next, failure, cancellationToken).ConfigureAwait(false);
        }

        await subscriptions.RecordFailureAsync(subscription.Id, $"{delivery.Type} {delivery.Id}: {failure}", givenUp, options.Value.RetryFor, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Null when the receiver took it; otherwise what went wrong, in words.</summary>
    private async Task<string?> PostAsync(WebhookSubscription subscription, WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (WebhookSubscriptions.KeyOf(subscription.Secret) is not { } key)
        {
            return "the subscription's secret is not a valid whsec_ secret";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(key, delivery.Id, at, delivery.Body));
        using var activity = FollowUpTelemetry.Source.StartActivity("deliver webhook");
        activity?.SetTag("followup.webhook.id", subscription.Id);
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException ex)
        {
            return "could not be reached: " + MessageOf(ex);
        }
    }

    private static string MessageOf(HttpRequestException ex) => ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} given up after {Attempts} attempts: {Failure}")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, string subscriptionId, int attempts, string failure);
}
