using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>The suppression list for the console: search it, add an address by hand, remove one, see who did what.</summary>
public class SuppressionsApiTests
{
    [Fact]
    public async Task Put_ThenDelete_StopsTheAddressesMailThenLetsItGoAgain_ThroughTheDispatcher()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        var first = await PlaceAsync(api, "S-1");

        var (added, suppression) = await api.SendAsync(HttpMethod.Put, "/api/suppressions/Kari@Example.com", """{"scope":"everything","reason":"asked by phone to get no more mail"}""");
        factory.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync();
        var (_, stopped) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + first);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/api/suppressions/kari%40example.com", added.Headers.Location?.OriginalString);
        Assert.Equal(("kari@example.com", "manual", "self-host"), (suppression!["address"]!.GetValue<string>(), suppression["source"]!.GetValue<string>(), suppression["by"]!.GetValue<string>()));
        Assert.Equal(("cancelled", "the address has unsubscribed from everything"), (stopped!["status"]!.GetValue<string>(), stopped["reason"]!.GetValue<string>()));

        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var (removed, after) = await api.SendAsync(HttpMethod.Delete, "/api/suppressions/kari@example.com?reason=she%20called%20back");
        var second = await PlaceAsync(api, "S-2");
        factory.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync();

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False(after!["suppressed"]!.GetValue<bool>());
        var history = after["history"]!.AsArray();
        Assert.Equal(["removed", "added"], history.Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(("she called back", "self-host", "manual"), (history[0]!["reason"]!.GetValue<string>(), history[0]!["by"]!.GetValue<string>(), history[0]!["source"]!.GetValue<string>()));
        Assert.Contains(factory.SendGrid.Accepted, mail => mail.MessageId == second);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, "/api/suppressions/kari@example.com")).Response.StatusCode);
    }

    [Fact]
    public async Task Put_AnAddressOnTheListAlready_Is200AndRecordsTheKeyThatAddedIt()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:ApiKeys:alice"] = "alice-key-0123456789abcdef");
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", "alice-key-0123456789abcdef");
        await api.SendAsync(HttpMethod.Put, "/api/suppressions/per@example.com", """{"scope":"marketing","reason":"no offers, please"}""");

        var (response, widened) = await api.SendAsync(HttpMethod.Put, "/api/suppressions/PER@example.com", """{"reason":"no mail at all now"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("everything", "alice", "no mail at all now"), (widened!["scope"]!.GetValue<string>(), widened["by"]!.GetValue<string>(), widened["reason"]!.GetValue<string>()));
        Assert.Equal(2, widened["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_AnUnsubscribeAndABounce_SayWhatPutThemThereAndFromWhichMessage()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var survey = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(survey)), UriKind.Relative), null);

        // A row from before suppressions kept their source.
        await factory.Services.GetRequiredService<FollowUpTables>().Suppressions.AddEntityAsync(new TableEntity("old@example.com", string.Empty) { ["Reason"] = "hard bounce", ["At"] = factory.Time.GetUtcNow() });

        var (response, page) = await api.SendAsync(HttpMethod.Get, "/api/suppressions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = page!["items"]!.AsArray();
        var unsubscribed = items.Single(i => i!["address"]!.GetValue<string>() == "per@example.com")!;
        Assert.Equal(("unsubscribeLink", "marketingAndFeedback", survey), (unsubscribed["source"]!.GetValue<string>(), unsubscribed["scope"]!.GetValue<string>(), unsubscribed["messageId"]!.GetValue<string>()));
        var old = items.Single(i => i!["address"]!.GetValue<string>() == "old@example.com")!;
        Assert.Equal(("unknown", "everything"), (old["source"]!.GetValue<string>(), old["scope"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_ALimit_PagesThroughEveryAddressOnce()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await api.SendAsync(HttpMethod.Put, $"/api/suppressions/{name}@example.com", """{"reason":"test"}""");
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (_, page) = await api.SendAsync(HttpMethod.Get, "/api/suppressions?limit=2" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"], seen);
    }

    [Fact]
    public async Task ErasedCustomersAddress_IsFoundByTheWholeAddress_AndRemovedByItsKey()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var survey = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(survey)), UriKind.Relative), null);
        await api.SendAsync(HttpMethod.Delete, "/api/customers/c-9");

        var (_, byPrefix) = await api.SendAsync(HttpMethod.Get, "/api/suppressions?q=per");
        var (_, byAddress) = await api.SendAsync(HttpMethod.Get, "/api/suppressions?q=Per@Example.com");

        Assert.Empty(byPrefix!["items"]!.AsArray());
        var erased = Assert.Single(byAddress!["items"]!.AsArray())!;
        Assert.True(erased["erasedCustomer"]!.GetValue<bool>());
        Assert.Null(erased["address"]);
        Assert.Equal("unsubscribeLink", erased["source"]!.GetValue<string>());
        var key = erased["key"]!.GetValue<string>();
        Assert.StartsWith("h_", key, StringComparison.Ordinal);

        var (removed, after) = await api.SendAsync(HttpMethod.Delete, "/api/suppressions/" + key, """{"reason":"came back as a new customer and asked for mail"}""");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False(after!["suppressed"]!.GetValue<bool>());
        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/suppressions?q=per@example.com")).Body!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("q=%27%20or%20PartitionKey%20ne%20%27")]
    [InlineData("q=log")]
    [InlineData("q=h_")]
    [InlineData("q=%7E")]
    public async Task List_AQueryShapedLikeAFilterOrAnotherPartition_FindsOnlyAddresses(string query)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/suppressions/per@example.com", """{"reason":"test"}""");
        await api.SendAsync(HttpMethod.Delete, "/api/suppressions/per@example.com");

        var (response, page) = await api.SendAsync(HttpMethod.Get, "/api/suppressions?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page!["items"]!.AsArray());
    }

    private static async Task<string> PlaceAsync(HttpClient api, string orderId)
    {
        var (_, placed) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, orderId).ToJsonString(), "application/cloudevents+json");
        return placed!["scheduled"]!.AsArray().Single(s => s!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
    }
}
