using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace FollowUp.Cli.Tests;

/// <summary>
/// The command line against real self-hosts on Azurite, each on its own tables: one holding the default rules and
/// templates (and one of each field besides), one emptied through the API, the way a new installation is set up
/// from a repository.
/// </summary>
public class FollowUpCliTests
{
    private const string Url = "http://localhost";

    [Fact]
    public async Task Export_ThenApplyToAnEmptyInstance_ThenPlanShowsNoChanges()
    {
        await using var source = await SelfHostFactory.CreateAsync();
        await using var target = await SelfHostFactory.CreateAsync();
        await PutEveryFieldRuleAsync(source);
        await EmptyAsync(target);
        using var folder = new TestFolder();

        var export = await RunAsync(source, "export", "--dir", folder.Root);
        var unchanged = await RunAsync(source, "plan", "--dir", folder.Root);
        var apply = await RunAsync(target, "apply", "--dir", folder.Root);
        var after = await RunAsync(target, "plan", "--dir", folder.Root);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("Exported 7 rules and 8 templates", export.Output, StringComparison.Ordinal);
        Assert.True(folder.Exists("layouts/default-layout/en.html.scriban"));
        Assert.True(folder.Exists("templates/thank-you/nb.html.scriban"));
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.Contains("No changes.", unchanged.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("Applied: 15 created, 0 changed, 0 deleted.", apply.Output, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("No changes.", after.Output, StringComparison.Ordinal);
        Assert.Equal((await RuleAsync(source, "big-spender")).ToJsonString(), (await RuleAsync(target, "big-spender")).ToJsonString());
        var template = await GetAsync(target, "/api/templates/liquid-note");
        Assert.Equal("liquid", template["syntax"]!.GetValue<string>());
        Assert.Equal("Hi {{ customer.first_name }}\nStop these: {{ unsubscribe_url }}", template["locales"]!["en"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangedFiles_ShowInPlan_AndApplyMakesThemSo()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        ThankYouAfterTwoHours(folder);
        var html = folder.Read("templates/thank-you/en.html.scriban");
        var line = html.Split('\n').First(l => l.Contains("<p>", StringComparison.Ordinal));
        folder.With("templates/thank-you/en.html.scriban", html.Replace(line, "<p>We are glad you chose us.</p>", StringComparison.Ordinal));

        var plan = await RunAsync(server, "plan", "--dir", folder.Root);
        var apply = await RunAsync(server, "apply", "--dir", folder.Root);
        var after = await RunAsync(server, "plan", "--dir", folder.Root);

        Assert.True(plan.ExitCode == 1, plan.ToString());
        Assert.Contains("~ change rule thank-you (server v1)\n    ~ delay: \"PT1H\" → \"PT2H\"", plan.Output, StringComparison.Ordinal);
        Assert.Contains("~ change template thank-you (server v1)\n    ~ en.html.scriban\n        @@ line ", plan.Output, StringComparison.Ordinal);
        Assert.Contains($"        - {line.TrimEnd('\r')}\n", plan.Output, StringComparison.Ordinal);
        Assert.Contains("        + <p>We are glad you chose us.</p>\n", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 2 to change, 0 to delete.", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("changed template thank-you (v1 → v2)", apply.Output, StringComparison.Ordinal);
        Assert.Contains("changed rule thank-you (v1 → v2)", apply.Output, StringComparison.Ordinal);
        Assert.Equal("PT2H", (await RuleAsync(server, "thank-you"))["delay"]!.GetValue<string>());
        Assert.Contains("We are glad you chose us.", (await GetAsync(server, "/api/templates/thank-you"))["locales"]!["en"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("No changes.", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeOnTheServerBetweenPlanAndApply_Stops412NamingWhatChanged()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        ThankYouAfterTwoHours(folder);
        var someoneElse = await RuleAsync(server, "thank-you");
        someoneElse["description"] = "Edited in the API by someone else";
        using var handler = new BeforeFirstWrite(server.Server.CreateHandler(), async () =>
        {
            using var client = server.CreateApiClient();
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/rules/thank-you") { Content = new StringContent(Input(someoneElse).ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        });

        var apply = await RunThroughAsync(handler, "apply", "--dir", folder.Root);

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("FAILED rule thank-you: it was changed on the server after the plan read it (v1 then, v2 now; changed: description). Run plan again", apply.Output, StringComparison.Ordinal);
        var stored = await RuleAsync(server, "thank-you");
        Assert.Equal("PT1H", stored["delay"]!.GetValue<string>());
        Assert.Equal("Edited in the API by someone else", stored["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemovedFiles_AreDeleted_RuleBeforeTheTemplateItSent()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        File.Delete(Path.Combine(folder.Root, "rules/review-request.yaml"));
        Directory.Delete(Path.Combine(folder.Root, "templates/review-request"), recursive: true);

        var kept = await RunAsync(server, "plan", "--dir", folder.Root, "--no-delete");
        var plan = await RunAsync(server, "plan", "--dir", folder.Root);
        var apply = await RunAsync(server, "apply", "--dir", folder.Root);

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Contains("Kept (on the server, not in the folder; --no-delete): rule review-request, template review-request", kept.Output, StringComparison.Ordinal);
        Assert.True(plan.ExitCode == 1, plan.ToString());
        Assert.Contains("- delete rule review-request (server v1)\n- delete template review-request (server v1)\n", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("  deleted rule review-request (was v1)\n  deleted template review-request (was v1)\n", apply.Output, StringComparison.Ordinal);
        using var client = server.CreateApiClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/rules/review-request", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/templates/review-request", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Export_AfterADeleteOnTheServer_RemovesItsFiles()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        using var client = server.CreateApiClient();
        (await client.DeleteAsync(new Uri("/api/rules/nps-question", UriKind.Relative))).EnsureSuccessStatusCode();
        (await client.DeleteAsync(new Uri("/api/templates/nps-question", UriKind.Relative))).EnsureSuccessStatusCode();

        var export = await RunAsync(server, "export", "--dir", folder.Root);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("removed rules/nps-question.yaml", export.Output, StringComparison.Ordinal);
        Assert.False(folder.Exists("rules/nps-question.yaml"));
        Assert.False(folder.Exists("templates/nps-question"));
        Assert.True(folder.Exists("rules/thank-you.yaml"));
    }

    [Fact]
    public async Task Apply_TemplateThatDropsTheLinkAKeptRuleNeeds_ChangesNothing()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        File.Delete(Path.Combine(folder.Root, "rules/review-request.yaml"));
        folder.With("templates/review-request/en.text.scriban", "Tell us what you think.\n");

        var apply = await RunAsync(server, "apply", "--dir", folder.Root, "--no-delete");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("templates/review-request/en.text.scriban: has no unsubscribe link ({{ unsubscribe_url }}), which rule review-request (feedback) must give its readers", apply.Output, StringComparison.Ordinal);
        Assert.Contains("{{ unsubscribe_url }}", (await GetAsync(server, "/api/templates/review-request"))["locales"]!["en"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WrongApiKey_Exits2SayingTheKeyWasRefused()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);

        var plan = await CliRun.RunAsync(server.Server.CreateHandler(), "plan", "--url", Url, "--api-key", "not-the-key", "--dir", folder.Root);

        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("answered 401", plan.Error, StringComparison.Ordinal);
        Assert.Contains("--api-key", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_FunctionKey_IsSentAsXFunctionsKey()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);

        var plan = await CliRun.RunAsync(server.Server.CreateHandler(), "plan", "--url", Url, "--function-key", SelfHostFactory.ApiKey, "--dir", folder.Root);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WriteTheServerRefuses_ShowsTheProblemInWordsWithTheField()
    {
        await using var server = await SelfHostFactory.CreateAsync();
        using var folder = await ExportAsync(server);
        folder.With("rules/nps-again.yaml", "trigger: order.delivered\ndelay: P30D\ntemplateId: nps-question\nenabled: false\n");

        // Someone deletes the template the new rule sends (no enabled rule sends it) after the plan read it.
        using var handler = new BeforeFirstWrite(server.Server.CreateHandler(), async () =>
        {
            using var client = server.CreateApiClient();
            (await client.DeleteAsync(new Uri("/api/templates/nps-question", UriKind.Relative))).EnsureSuccessStatusCode();
        });
        var apply = await RunThroughAsync(handler, "apply", "--dir", folder.Root);

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("FAILED rule nps-again: PUT /api/rules/nps-again answered 400 Bad Request: The rule is not valid.\n    templateId: template 'nps-question' does not exist", apply.Output, StringComparison.Ordinal);
    }

    private static async Task<TestFolder> ExportAsync(SelfHostFactory server)
    {
        var folder = new TestFolder();
        var export = await RunAsync(server, "export", "--dir", folder.Root);
        Assert.True(export.ExitCode == 0, export.ToString());
        return folder;
    }

    private static void ThankYouAfterTwoHours(TestFolder folder) =>
        folder.With("rules/thank-you.yaml", folder.Read("rules/thank-you.yaml").Replace("delay: PT1H", "delay: PT2H", StringComparison.Ordinal));

    private static Task<CliRun> RunAsync(SelfHostFactory server, params string[] args) =>
        RunThroughAsync(server.Server.CreateHandler(), args);

    private static Task<CliRun> RunThroughAsync(HttpMessageHandler handler, params string[] args) =>
        CliRun.RunAsync(handler, [.. args, "--url", Url, "--api-key", SelfHostFactory.ApiKey]);

    /// <summary>A rule with every optional field, and a Liquid template whose text does not end in a newline.</summary>
    private static async Task PutEveryFieldRuleAsync(SelfHostFactory server)
    {
        using var client = server.CreateApiClient();
        var template = new JsonObject
        {
            ["description"] = "A Liquid note",
            ["syntax"] = "liquid",
            ["locales"] = new JsonObject
            {
                ["en"] = new JsonObject { ["subject"] = "Hello {{ customer.first_name }}", ["html"] = "<p>Hi</p>\n<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>\n", ["text"] = "Hi {{ customer.first_name }}\nStop these: {{ unsubscribe_url }}" },
            },
        };
        (await client.PutAsJsonAsync("/api/templates/liquid-note", template)).EnsureSuccessStatusCode();
        var rule = new JsonObject
        {
            ["description"] = "Big orders: a thank-you with a coupon.\nTwo lines: \"quoted\" and # not a comment",
            ["trigger"] = "order.placed",
            ["condition"] = "order.total > 5000 && customer.order_count >= 1",
            ["delay"] = "P1D",
            ["templateId"] = "liquid-note",
            ["cancelOn"] = new JsonArray("order.cancelled", "order.returned"),
            ["enabled"] = true,
            ["coupon"] = new JsonObject { ["prefix"] = "BIG", ["length"] = 8 },
            ["category"] = "marketing",
            ["phase"] = "repeat",
            ["alerts"] = new JsonObject { ["to"] = "sales@example.com", ["answers"] = new JsonArray("service", "true") },
            ["sendWindow"] = new JsonObject { ["days"] = new JsonArray("mon", "tue", "fri"), ["from"] = "09:00", ["to"] = "20:00", ["skipHolidays"] = true },
            ["frequencyCap"] = "1/P7D",
            ["priority"] = -5,
            ["reminders"] = new JsonArray("P3D", "P7D"),
            ["expiresAfter"] = "P2D",
            ["maxEventAge"] = "P30D",
        };
        (await client.PutAsJsonAsync("/api/rules/big-spender", rule)).EnsureSuccessStatusCode();
    }

    /// <summary>Deletes every rule, then every template: an installation with nothing in it.</summary>
    private static async Task EmptyAsync(SelfHostFactory server)
    {
        using var client = server.CreateApiClient();
        foreach (var path in new[] { "/api/rules", "/api/templates" })
        {
            // Messages before the layouts and partials they use.
            foreach (var item in (await client.GetFromJsonAsync<JsonArray>(path))!.OrderBy(item => item!["kind"]?.GetValue<string>() is "layout" or "partial"))
            {
                (await client.DeleteAsync(new Uri($"{path}/{item!["id"]}", UriKind.Relative))).EnsureSuccessStatusCode();
            }
        }
    }

    private static async Task<JsonObject> RuleAsync(SelfHostFactory server, string id)
    {
        var rule = await GetAsync(server, $"/api/rules/{id}");
        return Input(rule);
    }

    /// <summary>The rule without what the server manages.</summary>
    private static JsonObject Input(JsonObject rule)
    {
        var input = rule.DeepClone().AsObject();
        input.Remove("id");
        input.Remove("version");
        input.Remove("updatedAt");
        return input;
    }

    private static async Task<JsonObject> GetAsync(SelfHostFactory server, string path)
    {
        using var client = server.CreateApiClient();
        return (await client.GetFromJsonAsync<JsonObject>(path))!;
    }
}
