using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;
using Xunit.Abstractions;

namespace FollowUp.SelfHost.Tests;

/// <summary>
/// The real self-host as a process, killed with SIGKILL at random moments while it sends: nothing is lost, and the
/// only duplicates are mails SendGrid accepted in the instant before a kill, before their record was written — at
/// most as many as were in flight at the kills.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Messages = 1_000;
    private const int Kills = 4;
    private const int Parallelism = 8;

    [LinuxFact]
    public async Task Dispatch_KilledAtRandomMomentsWhileSending_LosesNothingAndDuplicatesOnlyWhatWasInFlight()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();

        // Each send takes a moment, as SendGrid's do, so that kills land while sends are in flight.
        sendGrid.Default = FakeSendGridResponse.Accepted with { Delay = TimeSpan.FromMilliseconds(20) };
        using var state = new SelfHostStateFolder();
        var environment = SelfHostProcess.DefaultEnvironment(state.Path);
        environment["FollowUp__SendGrid__ApiKey"] = FakeSendGridServer.ApiKey;
        environment["FollowUp__SendGrid__BaseUrl"] = sendGrid.BaseUrl;
        environment["FollowUp__SendGrid__FromEmail"] = "hei@tebutikken.example";
        environment["FollowUp__Dispatch__Parallelism"] = Parallelism.ToString(CultureInfo.InvariantCulture);
        environment["FollowUp__SendGrid__TimeoutSeconds"] = "1";
        environment["FollowUp__Dispatch__ClaimDuration"] = "00:00:03";
        environment["FollowUp__Dispatch__IdleInterval"] = "00:00:01";
        environment["Logging__LogLevel__Default"] = "Warning";

        var host = await SelfHostProcess.StartAsync(state.Path, environment);
        try
        {
            await SendAtAnyHourAsync(host, "thank-you");

            // Placed two hours ago, so every thank-you is due at once; posted while the kills happen, and posted again
            // (the sender's retry) whenever a kill cut a request off.
            var placedAt = TimeProvider.System.GetUtcNow().AddHours(-2);
            var ingest = Task.Run(async () =>
            {
                for (var batch = 0; batch < Messages / 100; batch++)
                {
                    var events = Enumerable.Range(batch * 100, 100).Select(n => Placed(n, placedAt)).ToList();
                    while (!await TryPostBatchAsync(Volatile.Read(ref host), events))
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
                    }
                }
            });

            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1_000 + RandomNumberGenerator.GetInt32(2_500)), TimeProvider.System);
                var acceptedBefore = sendGrid.Accepted.Count;
                var killed = host;
                await killed.KillAsync();
                output.WriteLine($"kill {kill + 1}: {acceptedBefore} mails accepted by SendGrid before it");
                Volatile.Write(ref host, await killed.RestartAsync());
                await killed.DisposeAsync();
            }

            await ingest;
            var sent = await WaitUntilAllSentAsync(host, TimeSpan.FromSeconds(120));
            var perMessage = sendGrid.Accepted.GroupBy(mail => mail.MessageId!).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            var duplicates = perMessage.Values.Sum(count => count - 1);
            output.WriteLine($"{sent} of {Messages} messages recorded sent; SendGrid accepted {sendGrid.Accepted.Count} mails for {perMessage.Count} messages; {duplicates} duplicates after {Kills} kills");

            Assert.Equal(Messages, sent);
            Assert.Equal(Messages, perMessage.Count);
            Assert.InRange(duplicates, 0, Kills * Parallelism);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static JsonObject Placed(int n, DateTimeOffset at) =>
        TestEvents.Order(EventTypes.OrderPlaced, $"K-{n}", customerId: $"crash-{n}", email: $"c{n}@example.com", time: at, eventId: $"crash-{n}");

    /// <returns>False when the self-host was not there to answer (killed, or still starting).</returns>
    /// <summary>This test runs on the real clock: the rule's send window must not put its sends off until morning.</summary>
    private static async Task SendAtAnyHourAsync(SelfHostProcess host, string ruleId)
    {
        using var client = host.CreateClient();
        var rule = JsonNode.Parse(await client.GetStringAsync(new Uri($"api/rules/{ruleId}", UriKind.Relative)))!.AsObject();
        foreach (var stored in new[] { "id", "version", "updatedAt", "sendWindow" })
        {
            rule.Remove(stored);
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/rules/{ruleId}", UriKind.Relative)) { Content = new StringContent(rule.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<bool> TryPostBatchAsync(SelfHostProcess host, IEnumerable<JsonObject> events)
    {
        try
        {
            using var client = host.CreateClient();
            using var content = new StringContent(new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents-batch+json");
            using var response = await client.PostAsync(new Uri("api/events", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Counts messages recorded as sent, page by page, until all are or the time is up.</summary>
    private static async Task<int> WaitUntilAllSentAsync(SelfHostProcess host, TimeSpan patience)
    {
        using var client = host.CreateClient();
        using var timeout = new CancellationTokenSource(patience, TimeProvider.System);
        var sent = 0;
        while (!timeout.IsCancellationRequested)
        {
            sent = 0;
            string? continuation = null;
            do
            {
                var query = "api/messages?status=sent&limit=1000" + (continuation is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(continuation));
                var page = JsonNode.Parse(await client.GetStringAsync(new Uri(query, UriKind.Relative)))!;
                sent += page["items"]!.AsArray().Count;
                continuation = page["continuationToken"]?.GetValue<string>();
            }
            while (continuation is not null);

            if (sent >= Messages)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }

        return sent;
    }
}
