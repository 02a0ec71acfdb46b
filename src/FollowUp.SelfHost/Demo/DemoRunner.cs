using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.SelfHost.Security;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Demo;

/// <summary>
/// <c>--demo</c>: posts a week of realistic events through the public API, with time sped up, and prints each
/// message's life as it happens: scheduled, cancelled (and why), sent, answered, unsubscribed.
/// </summary>
internal sealed class DemoRunner(
    IHostApplicationLifetime lifetime,
    IOptions<FollowUpOptions> options,
    IOptions<SelfHostOptions> selfHost,
    LinkSigner links,
    TimeProvider time) : BackgroundService
{
    private readonly Dictionary<string, int> _printed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);

        using var http = new HttpClient { BaseAddress = new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Add(ApiKeyEndpointFilter.HeaderName, selfHost.Value.ApiKey);
        using var watcherStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watcher = WatchAsync(http, watcherStop.Token);

        var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));
        var speed = time is AcceleratedTimeProvider accelerated ? accelerated.Factor : 1;
        Say($"FollowUp demo: a week of follow-ups, with time running {speed:0}x faster (one second is {TimeSpan.FromSeconds(speed).TotalHours:0.#} hours).");
        Say("Events go in through POST /api/events; what happens to each message is read back from GET /api/messages.");

        await StepAsync(http, "Kari Nordmann (Oslo, Bokmål) buys tea and a kettle", DemoScript.Order(run, EventTypes.OrderPlaced, "A-1001", "kari", "kari.nordmann@example.com", "Kari Nordmann", "nb-NO", "Europe/Oslo", Now(), ("TEA-OOLONG", "Oolong-te, 100 g", 2, 249m), ("KETTLE", "Tekanne i glass", 1, 1000m)), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "John Smith (London) orders a teapot", DemoScript.Order(run, EventTypes.OrderPlaced, "B-2001", "john", "john.smith@example.com", "John Smith", "en-GB", "Europe/London", Now(), ("TEAPOT", "Cast-iron teapot", 1, 89m)), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "Erik Hansen (Copenhagen, Danish) orders cups", DemoScript.Order(run, EventTypes.OrderPlaced, "E-4001", "erik", "erik.hansen@example.com", "Erik Hansen", "da-DK", "Europe/Copenhagen", Now(), ("CUPS-4", "Tea cups, set of 4", 1, 399m)), stoppingToken).ConfigureAwait(false);
        for (var n = 1; n <= 3; n++)
        {
            await StepAsync(http, $"Ingrid Vik (Bergen, Nynorsk) places her order number {n}", DemoScript.Order(run, EventTypes.OrderPlaced, $"C-300{n}", "ingrid", "ingrid.vik@example.com", "Ingrid Vik", "nn-NO", "Europe/Oslo", Now(), ("TEA-SENCHA", "Sencha, 100 g", n, 179m)), stoppingToken).ConfigureAwait(false);
        }

        await StepAsync(http, "The shop's webhook retries Kari's order event (a duplicate)", DemoScript.Order(run, EventTypes.OrderPlaced, "A-1001", "kari", "kari.nordmann@example.com", "Kari Nordmann", "nb-NO", "Europe/Oslo", Now(), ("TEA-OOLONG", "Oolong-te, 100 g", 2, 249m), ("KETTLE", "Tekanne i glass", 1, 1000m)), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "The CRM marks the Acme AS deal as lost", DemoScript.Deal(run, EventTypes.DealLost, "D-5001", "Møteromsutstyr til Acme AS", 184000m, "per", "per.hansen@example.com", "Per Hansen", "nb-NO", Now()), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "The CRM marks the Globex deal as lost", DemoScript.Deal(run, EventTypes.DealLost, "D-5002", "Office furniture for Globex", 92000m, "lisa", "lisa.berg@example.com", "Lisa Berg", "en", Now()), stoppingToken).ConfigureAwait(false);

        await WaitAsync(TimeSpan.FromDays(1), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "The carrier delivers Kari's, John's and Erik's orders", DemoScript.Order(run, EventTypes.OrderDelivered, "A-1001", "kari", "kari.nordmann@example.com", "Kari Nordmann", "nb-NO", "Europe/Oslo", Now()), stoppingToken).ConfigureAwait(false);
        await PostAsync(http, DemoScript.Order(run, EventTypes.OrderDelivered, "B-2001", "john", "john.smith@example.com", "John Smith", "en-GB", "Europe/London", Now()), stoppingToken).ConfigureAwait(false);
        await PostAsync(http, DemoScript.Order(run, EventTypes.OrderDelivered, "E-4001", "erik", "erik.hansen@example.com", "Erik Hansen", "da-DK", "Europe/Copenhagen", Now()), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "Globex reopens their deal (the survey must not go out)", DemoScript.Deal(run, EventTypes.DealReopened, "D-5002", "Office furniture for Globex", 92000m, "lisa", "lisa.berg@example.com", "Lisa Berg", "en", Now()), stoppingToken).ConfigureAwait(false);

        await WaitAsync(TimeSpan.FromDays(1), stoppingToken).ConfigureAwait(false);
        await StepAsync(http, "John returns his teapot (his review request must not go out)", DemoScript.Order(run, EventTypes.OrderReturned, "B-2001", "john", "john.smith@example.com", "John Smith", "en-GB", "Europe/London", Now()), stoppingToken).ConfigureAwait(false);
        var erik = await FindAsync(http, $"customerId=erik-{run}", "thank-you", stoppingToken).ConfigureAwait(false);
        if (erik is not null)
        {
            Say("Erik clicks 'unsubscribe' in his thank-you email (his pending review request is cancelled)");
            using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            await http.PostAsync(new Uri(links.UnsubscribeUrl(erik.Id)), body, stoppingToken).ConfigureAwait(false);
        }

        await WaitAsync(TimeSpan.FromDays(1.5), stoppingToken).ConfigureAwait(false);
        var survey = await FindAsync(http, $"dealId=D-5001-{run}", "lost-sale-survey", stoppingToken).ConfigureAwait(false);
        if (survey?.Status == MessageStatus.Sent)
        {
            Say("Per Hansen at Acme clicks 'Pris' (price) in the lost-sale survey");
            // Opening the link shows the answer page; the answer is recorded when it is confirmed (the page's button).
            using var confirm = new FormUrlEncodedContent([]);
            await http.PostAsync(new Uri(links.AnswerUrl(survey.Id, "price")), confirm, stoppingToken).ConfigureAwait(false);
        }

        await WaitAsync(TimeSpan.FromDays(4), stoppingToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
        await watcherStop.CancelAsync().ConfigureAwait(false);
        await watcher.ConfigureAwait(false);
        Say("That was a week. The rendered emails are .eml files in the outbox folder named at start-up; open one in any mail program.");
        Say($"The API stays up at {options.Value.PublicBaseUrl} (header {ApiKeyEndpointFilter.HeaderName}: {selfHost.Value.ApiKey}).");
        Say($"See the week in the console: {options.Value.PublicBaseUrl.TrimEnd('/')}/console, signed in with that key. Press Ctrl+C to stop.");
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private async Task WaitAsync(TimeSpan virtualTime, CancellationToken cancellationToken)
    {
        Say($"... {virtualTime.TotalDays:0.#} day(s) pass ...");
        await Task.Delay(virtualTime, time, cancellationToken).ConfigureAwait(false);
    }

    private async Task StepAsync(HttpClient http, string what, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        Say(what);
        await PostAsync(http, cloudEvent, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(HttpClient http, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        using var content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(new Uri("api/events", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.OK && result?["status"]?.GetValueKind() == JsonValueKind.String && result["status"]!.GetValue<string>() == "duplicate")
        {
            Say($"   -> {(int)response.StatusCode}: duplicate of an event already processed; nothing new scheduled");
            return;
        }
        else if (!response.IsSuccessStatusCode)
        {
            Say($"   -> {(int)response.StatusCode}: {result?["title"]}");
        }

        foreach (var skipped in result?["skipped"]?.AsArray() ?? [])
        {
            Say($"   -> rule {skipped?["ruleId"]} skipped: {skipped?["reason"]}");
        }

        // Give the watcher a moment (in real time) to print what this event did before the next one goes in.
        await Task.Delay(TimeSpan.FromMilliseconds(400) * (time is AcceleratedTimeProvider a ? a.Factor : 1), time, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<MessageView?> FindAsync(HttpClient http, string query, string ruleId, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<MessagePage>(new Uri($"api/messages?{query}", UriKind.Relative), FollowUpJson.Options, cancellationToken).ConfigureAwait(false);
        return page?.Items.FirstOrDefault(m => m.RuleId == ruleId);
    }

    private async Task WatchAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PrintNewAsync(http, cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(200) * (time is AcceleratedTimeProvider a ? a.Factor : 1), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await PrintNewAsync(http, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task PrintNewAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<MessagePage>(new Uri("api/messages?limit=1000", UriKind.Relative), FollowUpJson.Options, cancellationToken).ConfigureAwait(false);
        var fresh = new List<(MessageEvent Event, MessageView Message)>();
        foreach (var message in page?.Items ?? [])
        {
            var printed = _printed.GetValueOrDefault(message.Id);
            fresh.AddRange(message.History.Skip(printed).Select(e => (e, message)));
            _printed[message.Id] = message.History.Count;
        }

        foreach (var (entry, message) in fresh.OrderBy(f => f.Event.At))
        {
            if (entry.Kind is MessageEventKind.Claimed)
            {
                continue;
            }

            var detail = entry.Kind switch
            {
                MessageEventKind.Scheduled => $"due {Local(message.DueAt)}{(message.CouponCode is null ? string.Empty : ", coupon " + message.CouponCode)}",
                MessageEventKind.Sent => $"\"{message.Subject}\" ({message.Locale})",
                _ => entry.Detail,
            };
            Say($"   {Local(entry.At),-16} {message.RuleId,-17} {entry.Kind.ToString().ToLowerInvariant(),-12} {message.SubjectKind} {message.SubjectId} to {message.Email}: {detail}");
        }
    }

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("ddd dd MMM HH:mm", CultureInfo.InvariantCulture);

    private static void Say(string line) => Console.WriteLine(line);
}
