using System.Net;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Feed;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Reports;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>A customer's data, and its erasure (issue 10, part 7).</summary>
public class CustomersApiTests
{
    private const string Customer = "c-9";
    private const string Address = "per@example.com";

    [Fact]
    public async Task Export_ACustomerWithADealAndItsSurvey_HasTheProfileTheDealAndTheMessageWithItsModel()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var id = await SendSurveyAsync(factory, api);

        var (response, export) = await api.SendAsync(HttpMethod.Get, $"/api/customers/{Customer}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = export!["records"]!.AsArray();
        Assert.Contains(records, r => r!["kind"]!.GetValue<string>() == "profile" && r["Email"]!.GetValue<string>() == Address);
        Assert.Contains(records, r => r!["kind"]!.GetValue<string>() == "order or deal");
        var message = Assert.Single(export["messages"]!.AsArray());
        Assert.Equal((id, Address), (message!["id"]!.GetValue<string>(), message["email"]!.GetValue<string>()));
        Assert.Equal("Møbler til 40 arbeidsplasser", message["model"]!["deal"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Erase_ACustomerWhoAnsweredAndUnsubscribed_ErasesThemKeepsTheCountsAndStillHonoursTheUnsubscribe()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var sent = await SendSurveyAsync(factory, api);
        using var comment = new FormUrlEncodedContent([new("comment", "Per Hansen, ring meg på 900 00 000")]);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(sent, "price")), UriKind.Relative), comment);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(sent)), UriKind.Relative), new FormUrlEncodedContent([new("scope", "marketing")]));
        var (_, second) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-2", customerId: Customer, email: Address).ToJsonString(), "application/cloudevents+json");
        var pending = second!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();
        var before = await ReportAsync(factory);

        var (response, result) = await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1, 1), (result!["messages"]!.GetValue<int>(), result["cancelled"]!.GetValue<int>(), result["suppressionsKept"]!.GetValue<int>()));
        var (_, answered) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + sent);
        Assert.Equal(("", "price", "unsubscribed"), (answered!["email"]!.GetValue<string>(), answered["answer"]!.GetValue<string>(), answered["status"]!.GetValue<string>()));
        Assert.Null(answered["comment"]);
        Assert.Null(answered["subject"]);
        var (_, cancelled) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + pending);
        Assert.Equal("cancelled", cancelled!["status"]!.GetValue<string>());
        var (exported, _) = await api.SendAsync(HttpMethod.Get, $"/api/customers/{Customer}/export");
        Assert.Equal(HttpStatusCode.NotFound, exported.StatusCode);

        // Nothing left that names them, but the unsubscribe still holds, and the reports count what was.
        var stored = await EverythingStoredAsync(factory);
        Assert.DoesNotContain(stored, text => text.Contains(Address, StringComparison.OrdinalIgnoreCase) || text.Contains("900 00 000", StringComparison.Ordinal) || text.Contains("Per Hansen", StringComparison.Ordinal) || text.Contains("Kari Nordmann", StringComparison.Ordinal));
        Assert.Equal(UnsubscribeScope.Marketing, await factory.Services.GetRequiredService<Suppressions>().ScopeOfAsync(Address));
        var after = await ReportAsync(factory);
        Assert.Equal(before.Totals.Counts["scheduled"], after.Totals.Counts["scheduled"]);
        Assert.Equal(before.Totals.Answers, after.Totals.Answers);
        var audit = Assert.Single(await RowsAsync(factory.Services.GetRequiredService<FollowUpTables>().Audit));
        Assert.Equal(2, audit.GetInt32("Messages"));
    }

    [Fact]
    public async Task Erase_Twice_ErasesNothingMoreTheSecondTime()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await SendSurveyAsync(factory, api);

        var (first, _) = await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");
        var (again, result) = await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal((0, 0, 0), (result!["messages"]!.GetValue<int>(), result["cancelled"]!.GetValue<int>(), result["records"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Erase_WhileTheDispatcherIsSendingTheMessage_TheSendIsRecordedOnTheErasedRowAndNothingComesBack()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var (_, lost) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");
        var id = lost!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromDays(2));
        var life = factory.Services.GetRequiredService<MessageLife>();
        var due = await life.GetAsync(id);
        var claim = await life.ClaimAsync(due!, TimeSpan.FromMinutes(5), 5);

        await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");
        await life.MarkSentAsync(claim.Message!, "sg-1", "nb", "Hvorfor valgte dere en annen leverandør, Per?");

        var message = await life.GetAsync(id);
        Assert.Equal((MessageStatus.Sent, string.Empty, "{}", true), (message!.GetStatus(), message.Email, message.Model, message.Erased));
        Assert.NotNull(message.CancelRequested);
    }

    [Fact]
    public async Task Erase_AnIdNoEventCouldCarry_Is400NamingTheId()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Delete, "/api/customers/" + new string('x', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["id"], ApiClient.ErrorFields(problem));
    }

    private static Task<ReportSummary> ReportAsync(SelfHostFactory factory) =>
        factory.Services.GetRequiredService<ReportReader>().SummarizeAsync(new ReportQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), null, null, Weekly: false));

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every key and value in every table, as text.</summary>
    private static async Task<List<string>> EverythingStoredAsync(SelfHostFactory factory)
    {
        var texts = new List<string>();
        foreach (var table in factory.Services.GetRequiredService<FollowUpTables>().All)
        {
            foreach (var row in await RowsAsync(table))
            {
                texts.Add(row.PartitionKey + " " + row.RowKey + " " + string.Join(" ", row.Select(p => p.Value?.ToString())));
            }
        }

        return texts;
    }
}
