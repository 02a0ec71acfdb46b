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
        await life.MarkSentAsync(claim.Message!, "sg-1", new FollowUp.Templates.RenderedContent("nb", "Hvorfor valgte dere en annen leverandør, Per?", "<p>Hei</p>", "Hei"), 1);

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

    [Fact]
    public async Task Erase_WhileTheDispatcherIsSendingTheMessage_TheSubjectTheSendRecordsIsNotWrittenBackOntoTheErasedRow()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var (_, lost) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");
        var id = lost!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromDays(2));
        var life = factory.Services.GetRequiredService<MessageLife>();
        var claim = await life.ClaimAsync((await life.GetAsync(id))!, TimeSpan.FromMinutes(5), 5);

        await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");
        await life.MarkSentAsync(claim.Message!, "sg-1", new FollowUp.Templates.RenderedContent("nb", "Hvorfor valgte dere en annen leverandør, Kari Nordmann?", "<p>Hei</p>", "Hei"), 1);

        // The rendered subject names the customer: it is personal data like the address and the model.
        var message = await life.GetAsync(id);
        Assert.True(message!.Erased);
        Assert.Null(message.Subject);
        Assert.DoesNotContain(await EverythingStoredAsync(factory), text => text.Contains("Kari Nordmann", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answer_ThroughAnOldLinkAfterTheErasure_StoresNoCommentOnTheErasedMessage()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var sent = await SendSurveyAsync(factory, api);
        await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");

        // The mail is still in the customer's inbox, its signed link still works.
        using var comment = new FormUrlEncodedContent([new("comment", "Per Hansen, ring meg på 900 00 000")]);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(sent, "price")), UriKind.Relative), comment);

        // Stored on a message no pointer leads to any more: no export shows it, no erasure can find it again.
        var (_, answered) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + sent);
        Assert.Null(answered!["comment"]);
        Assert.DoesNotContain(await EverythingStoredAsync(factory), text => text.Contains("900 00 000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erase_BeforeTheChangeFeedHandledTheAnswer_NoAlertGoesOutAboutTheErasedCustomer()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:Alerts:To"] = "kundeservice@example.com");
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var sent = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(sent, "service")), UriKind.Relative), null);

        // Erased within the settle time, before the change feed's next pass: "drops their waiting alerts".
        await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();
        await factory.Services.GetRequiredService<FollowUp.Alerts.AlertSender>().SendDueAsync();

        Assert.DoesNotContain(factory.SendGrid.Accepted, m => m.Body["personalizations"]?[0]?["custom_args"]?["followup_alert_for"] is not null);
        Assert.Empty(await RowsAsync(factory.Services.GetRequiredService<FollowUpTables>().Alerts));
    }

    [Fact]
    public async Task Erase_ACustomerWhoseIdHoldsASlash_UrlEncoded_ErasesThem()
    {
        // Customer ids are the shop's or CRM's own keys; '/' is allowed in them (TableKey encodes it).
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var (_, lost) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-1", customerId: "crm/9").ToJsonString(), "application/cloudevents+json");
        var id = lost!["scheduled"]![0]!["messageId"]!.GetValue<string>();

        var (exported, _) = await api.SendAsync(HttpMethod.Get, "/api/customers/crm%2F9/export");
        var (response, result) = await api.SendAsync(HttpMethod.Delete, "/api/customers/crm%2F9");

        // Today: DELETE answers 200 with nothing erased (the id arrives as "crm%2F9"), and the export 404.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result!["messages"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var message = await factory.Services.GetRequiredService<MessageLife>().GetAsync(id);
        Assert.Equal((string.Empty, MessageStatus.Cancelled), (message!.Email, message.GetStatus()));
    }

    [Fact]
    public async Task Erase_LeavesNoMessageNamingTheCustomerById()
    {
        // The audit keeps the customer id only as a keyed hash, "without personal data"; the messages keep it in full,
        // and GET /api/messages/{id} still ties the erased customer's id to their answers.
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var sent = await SendSurveyAsync(factory, api);
        await factory.Services.GetRequiredService<MessageLife>().AnswerAsync(sent, "price");

        await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");

        var message = await factory.Services.GetRequiredService<MessageLife>().GetAsync(sent);
        Assert.NotEqual(Customer, message!.CustomerId);
        var (_, view) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + sent);
        Assert.NotEqual(Customer, view!["customerId"]?.GetValue<string>());
    }

    [Fact]
    public async Task KeptUnsubscribeFromEverything_IsNotNarrowedByALaterUnsubscribeOfTheSameAddressFromMarketing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var suppressions = factory.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "unsubscribe from everything", "m-1", factory.Time.GetUtcNow(), UnsubscribeScope.Everything);
        Assert.True(await suppressions.KeepAsHashAsync(Address));

        // The address comes back (a new customer, or the same one again) and unsubscribes from marketing only.
        var (_, stops) = await suppressions.AddAsync(Address, "unsubscribe from marketing", "m-2", factory.Time.GetUtcNow(), UnsubscribeScope.Marketing);

        Assert.Equal(UnsubscribeScope.Everything, stops);
        Assert.Equal(UnsubscribeScope.Everything, await suppressions.ScopeOfAsync(Address));
        Assert.Equal(UnsubscribeScope.Everything, (await suppressions.CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));
    }

    [Fact]
    public async Task KeptUnsubscribeFromEverything_IsNotNarrowedWhenTheAddressIsErasedAgainAfterANarrowerUnsubscribe()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var suppressions = factory.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "unsubscribe from everything", "m-1", factory.Time.GetUtcNow(), UnsubscribeScope.Everything);
        await suppressions.KeepAsHashAsync(Address);
        await suppressions.AddAsync(Address, "unsubscribe from marketing", "m-2", factory.Time.GetUtcNow(), UnsubscribeScope.Marketing);

        // The second erasure replaces the kept hash with the narrower scope.
        await suppressions.KeepAsHashAsync(Address);

        Assert.Equal(UnsubscribeScope.Everything, await suppressions.ScopeOfAsync(Address));
    }

    [Fact]
    public async Task Erase_WithTheOutboxMailSender_LeavesNoMailFileNamingTheCustomer()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "followup-erase-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var factory = await SelfHostFactory.CreateAsync(configure: s =>
            {
                s["FollowUp:SendGrid:ApiKey"] = string.Empty;
                s["FollowUp:SendGrid:OutboxPath"] = outbox;
            });
            using var api = factory.CreateApiClient();
            await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");
            factory.Time.Advance(TimeSpan.FromDays(2));
            await factory.Services.GetRequiredService<FollowUp.Dispatch.MessageDispatcher>().DispatchDueAsync();
            Assert.NotEmpty(Directory.GetFiles(outbox, "*.eml"));

            await api.SendAsync(HttpMethod.Delete, $"/api/customers/{Customer}");

            Assert.DoesNotContain(Directory.GetFiles(outbox, "*.eml"), file => File.ReadAllText(file).Contains(Address, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            if (Directory.Exists(outbox))
            {
                Directory.Delete(outbox, recursive: true);
            }
        }
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
