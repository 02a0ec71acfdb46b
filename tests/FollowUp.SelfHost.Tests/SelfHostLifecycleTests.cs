using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests;

/// <summary>
/// The self-host as a process on a persisted state folder: what it acknowledged survives a stop and a kill, and one
/// Azurite, never two, serves the folder. Writes are followed at once by the stop or kill, well inside Azurite's
/// 5-second autosave, so only a save on stop keeps them.
/// </summary>
public class SelfHostLifecycleTests
{
    [LinuxFact]
    public async Task Terminate_RightAfterWrites_RestartHasEverythingAcknowledged()
    {
        using var state = new SelfHostStateFolder();
        await using var first = await SelfHostProcess.StartAsync(state.Path);
        var acknowledged = await WriteAsync(first, "c-stop");

        Assert.Equal(0, await first.TerminateAsync());
        Assert.Empty(state.Azurites());
        await using var second = await first.RestartAsync();

        await AssertKeptAsync(second, "c-stop", acknowledged);
    }

    [LinuxFact]
    public async Task Terminate_DuringWrites_EverythingAnsweredIsKept()
    {
        using var state = new SelfHostStateFolder();
        await using var first = await SelfHostProcess.StartAsync(state.Path);
        using var client = first.CreateClient();
        var acknowledged = new ConcurrentBag<string>();
        var answered = 0;

        // Writers that keep posting until the self-host stops answering: requests in flight at SIGTERM must finish,
        // and be saved, before Azurite stops.
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var order = 0; ; order++)
            {
                IReadOnlyList<string>? messageIds;
                try
                {
                    messageIds = await PostOrderAsync(client, "c-busy", $"w{writer}-{order}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Stopped: connection refused or closed.
                    return;
                }

                if (messageIds is null)
                {
                    return;
                }

                messageIds.ToList().ForEach(acknowledged.Add);
                Interlocked.Increment(ref answered);
            }
        })).ToList();
        while (Volatile.Read(ref answered) < 20 && !writers.Any(writer => writer.IsCompleted))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.Equal(0, await first.TerminateAsync());
        await Task.WhenAll(writers);
        await using var second = await first.RestartAsync();

        await AssertMessagesKeptAsync(second, "c-busy", acknowledged.ToList());
    }

    [LinuxFact]
    public async Task Kill_ThenRestart_StopsTheLeftAzuriteAndKeepsAcknowledgedData()
    {
        using var state = new SelfHostStateFolder();
        await using var first = await SelfHostProcess.StartAsync(state.Path);
        var acknowledged = await WriteAsync(first, "c-kill");

        await first.KillAsync();
        var left = Assert.Single(state.Azurites());
        await using var second = await first.RestartAsync();

        await AssertKeptAsync(second, "c-kill", acknowledged);
        Assert.NotEqual(left, Assert.Single(state.Azurites()));
    }

    [LinuxFact]
    public async Task Start_AddressInAspNetCoreUrls_ListensThereAndSaysWhatItStarts()
    {
        using var state = new SelfHostStateFolder();

        await using var host = await SelfHostProcess.StartAsync(state.Path, urlsFromEnvironment: true);

        Assert.Contains("starting Azurite", host.Output, StringComparison.Ordinal);
        Assert.Contains($"Now listening on: {host.BaseAddress.GetLeftPart(UriPartial.Authority)}", host.Output, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Start_PortAlreadyTaken_ExitsWithOneLineNamingThePortAndStartsNoAzurite()
    {
        using var state = new SelfHostStateFolder();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;

        await using var host = SelfHostProcess.Launch(state.Path, port: port);
        var exitCode = await host.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(host.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.Empty(state.Azurites());
    }

    [LinuxFact]
    public async Task Start_SecondOnSameStateFolder_ExitsNonZeroWithOneLineNamingTheFolder()
    {
        using var state = new SelfHostStateFolder();
        await using var first = await SelfHostProcess.StartAsync(state.Path);

        await using var second = SelfHostProcess.Launch(state.Path);
        var exitCode = await second.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(second.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(state.Path, line, StringComparison.Ordinal);
        using var client = first.CreateClient();
        using var stillAnswering = await client.GetAsync(new Uri("api/rules", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillAnswering.StatusCode);
        Assert.Single(state.Azurites());
    }

    [LinuxFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Start_WithoutConfiguredKey_KeepsKeysOwnerOnlyAndDoesNotPrintTheKey()
    {
        using var state = new SelfHostStateFolder();
        var environment = SelfHostProcess.DefaultEnvironment(state.Path);
        environment.Remove("FollowUp__SelfHost__ApiKey");

        await using var host = await SelfHostProcess.StartAsync(state.Path, environment);

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Path));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(state.Path, "api-key")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(state.Path, "signing-key")));
        var key = (await File.ReadAllTextAsync(Path.Combine(state.Path, "api-key"))).Trim();
        Assert.DoesNotContain(key, host.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(state.Path, "api-key"), host.Output, StringComparison.Ordinal);
    }

    /// <summary>A rule and a few orders, each answered 201 or 202.</summary>
    /// <returns>The ids of the messages the orders scheduled.</returns>
    private static async Task<List<string>> WriteAsync(SelfHostProcess host, string customerId)
    {
        using var client = host.CreateClient();
        var rule = new JsonObject { ["trigger"] = "order.placed", ["delay"] = "P2D", ["templateId"] = "thank-you" };
        using (var put = await client.PutAsync(new Uri($"api/rules/{customerId}", UriKind.Relative), Json(rule, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var messageIds = new List<string>();
        for (var order = 1; order <= 5; order++)
        {
            var scheduled = await PostOrderAsync(client, customerId, $"{customerId}-{order}");
            Assert.NotNull(scheduled);
            messageIds.AddRange(scheduled);
        }

        Assert.NotEmpty(messageIds);
        return messageIds;
    }

    /// <returns>The ids of the messages the order scheduled, or null unless it was answered 202 Accepted.</returns>
    private static async Task<IReadOnlyList<string>?> PostOrderAsync(HttpClient client, string customerId, string orderId)
    {
        var cloudEvent = TestEvents.Order(EventTypes.OrderPlaced, orderId, customerId: customerId);
        using var posted = await client.PostAsync(new Uri("api/events", UriKind.Relative), Json(cloudEvent, "application/cloudevents+json"));
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            return null;
        }

        var result = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        return result["scheduled"]!.AsArray().Select(scheduled => scheduled!["messageId"]!.GetValue<string>()).ToList();
    }

    private static async Task AssertKeptAsync(SelfHostProcess host, string customerId, List<string> messageIds)
    {
        using var client = host.CreateClient();
        using var rule = await client.GetAsync(new Uri($"api/rules/{customerId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, rule.StatusCode);
        await AssertMessagesKeptAsync(host, customerId, messageIds);
    }

    private static async Task AssertMessagesKeptAsync(SelfHostProcess host, string customerId, List<string> messageIds)
    {
        using var client = host.CreateClient();
        var page = JsonNode.Parse(await client.GetStringAsync(new Uri($"api/messages?customerId={customerId}&limit=1000", UriKind.Relative)))!;
        var listed = page["items"]!.AsArray().Select(message => message!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(messageIds, id => Assert.Contains(id, listed));
    }

    private static StringContent Json(JsonNode body, string contentType)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
