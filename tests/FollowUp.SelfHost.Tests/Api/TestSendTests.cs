using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>A template sent to a person at the business as a test: as the preview renders it, and no customer's message.</summary>
public partial class TestSendTests
{
    private const string Me = "marit@tebutikken.example";
    private const string Route = "/api/templates/lost-sale-survey/test-send";

    [Fact]
    public async Task TestSend_ASavedTemplate_GoesOutWithATestSubjectAndLeavesNothingBehind()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var tables = factory.Services.GetRequiredService<FollowUpTables>();
        var before = await RowCountsAsync(tables);

        var (response, result) = await api.SendAsync(HttpMethod.Post, Route, $$"""{"to":"{{Me}}","locale":"en"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(factory.SendGrid.Accepted);
        Assert.Equal(Me, sent.To);
        Assert.StartsWith("[Test] ", sent.Subject, StringComparison.Ordinal);
        Assert.Null(sent.MessageId);
        Assert.NotNull(sent.Body["personalizations"]?[0]?["custom_args"]?["followup_test_send"]);
        Assert.Equal(["followup-test"], sent.Body["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal((Me, sent.Subject, sent.ProviderMessageId, "en", "lost-sale-survey"), (result!["to"]!.GetValue<string>(), result["subject"]!.GetValue<string>(), result["providerMessageId"]!.GetValue<string>(), result["locale"]!.GetValue<string>(), result["templateId"]!.GetValue<string>()));
        Assert.Equal(before, await RowCountsAsync(tables));
    }

    [Fact]
    public async Task TestSend_TheLinksInTheMail_RecordNoAnswerAndUnsubscribeNobody()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var tables = factory.Services.GetRequiredService<FollowUpTables>();
        await api.SendAsync(HttpMethod.Post, Route, $$"""{"to":"{{Me}}"}""");
        var html = factory.SendGrid.Accepted.Single().Content("text/html")!;
        var answers = Links().Matches(html).Select(m => new Uri(WebUtility.HtmlDecode(m.Value)).PathAndQuery).Where(p => p.StartsWith("/r/", StringComparison.Ordinal)).ToList();
        var unsubscribe = new Uri(factory.SendGrid.Accepted.Single().Header("List-Unsubscribe")!.Trim('<', '>')).PathAndQuery;
        var before = await RowCountsAsync(tables);

        Assert.NotEmpty(answers);
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri(answer, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(new Uri(answer, UriKind.Relative), null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(new Uri(unsubscribe, UriKind.Relative), null)).StatusCode);
        Assert.Equal(before, await RowCountsAsync(tables));
        Assert.False(await factory.Services.GetRequiredService<Suppressions>().IsSuppressedAsync(Me));
    }

    [Fact]
    public async Task TestSend_ToASuppressedAddress_Is409AndSendsNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/suppressions/" + Me, """{"scope":"marketing","reason":"no offers"}""");

        var (response, problem) = await api.SendAsync(HttpMethod.Post, Route, $$"""{"to":"{{Me.ToUpperInvariant()}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("suppression list", problem!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(factory.SendGrid.Received);
    }

    [Fact]
    public async Task TestSend_ALayoutOrAPartialDraft_Is400NamingIt()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var partial = new JsonObject
        {
            ["kind"] = "partial",
            ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "-", ["html"] = "<p>Regards</p>", ["text"] = "Regards" } },
        };

        var (layout, layoutProblem) = await api.SendAsync(HttpMethod.Post, "/api/templates/default-layout/test-send", $$"""{"to":"{{Me}}"}""");
        var (draft, draftProblem) = await api.SendAsync(HttpMethod.Post, "/api/templates/signature/test-send", new JsonObject { ["to"] = Me, ["template"] = partial }.ToJsonString());

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (layout.StatusCode, draft.StatusCode));
        Assert.Equal(["id"], ApiClient.ErrorFields(layoutProblem));
        Assert.Equal(["template.kind"], ApiClient.ErrorFields(draftProblem));
        Assert.Empty(factory.SendGrid.Received);
    }

    [Fact]
    public async Task TestSend_TheEleventhInAMinute_Is429WithRetryAfter_AndAnotherKeyStillSends()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:ApiKeys:alice"] = "alice-key-0123456789abcdef");
        using var api = factory.CreateApiClient();
        using var alice = factory.CreateClient();
        alice.DefaultRequestHeaders.Add("X-Api-Key", "alice-key-0123456789abcdef");
        var body = $$"""{"to":"{{Me}}"}""";
        for (var n = 0; n < 10; n++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(HttpMethod.Post, Route, body)).Response.StatusCode);
            factory.Time.Advance(TimeSpan.FromSeconds(3));
        }

        var (refused, problem) = await api.SendAsync(HttpMethod.Post, Route, body);
        var (other, _) = await alice.SendAsync(HttpMethod.Post, Route, body);
        factory.Time.Advance(TimeSpan.FromSeconds(31));
        var (later, _) = await api.SendAsync(HttpMethod.Post, Route, body);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(429, problem!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(12, factory.SendGrid.Received.Count);
    }

    [Fact]
    public async Task TestSend_TheProviderRefuses_Is502WithItsReason()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        factory.SendGrid.Enqueue(FakeSendGridResponse.BadRequest);

        var (response, problem) = await api.SendAsync(HttpMethod.Post, Route, $$"""{"to":"{{Me}}"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("SendGrid answered 400", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestSend_WithoutASendGridKey_WritesTheTestToTheOutbox()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "followup-test-send-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var factory = await SelfHostFactory.CreateAsync(configure: s =>
            {
                s["FollowUp:SendGrid:ApiKey"] = string.Empty;
                s["FollowUp:SendGrid:OutboxPath"] = outbox;
            });
            using var api = factory.CreateApiClient();

            var (response, result) = await api.SendAsync(HttpMethod.Post, "/api/templates/thank-you/test-send", $$"""{"to":"{{Me}}","locale":"nb"}""");

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var file = Assert.Single(Directory.GetFiles(outbox, "*.eml"));
            Assert.StartsWith("outbox:", result!["providerMessageId"]!.GetValue<string>(), StringComparison.Ordinal);
            var eml = await File.ReadAllTextAsync(file);
            Assert.Contains("X-FollowUp-Test-Send: test-", eml, StringComparison.Ordinal);
            Assert.Contains("[Test] Takk", result["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(outbox))
            {
                Directory.Delete(outbox, recursive: true);
            }
        }
    }

    private static async Task<string> RowCountsAsync(FollowUpTables tables)
    {
        var counts = new List<string>();
        foreach (var table in tables.All)
        {
            var n = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                n++;
            }

            counts.Add($"{table.Name}={n}");
        }

        return string.Join(", ", counts);
    }

    [GeneratedRegex("""https?://[^"'\s<>]+""")]
    private static partial Regex Links();
}
