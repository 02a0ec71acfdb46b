using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Defaults;
using FollowUp.Events;
using FollowUp.Health;
using FollowUp.Http;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.OpenApi;

namespace FollowUp.OpenApi;

/// <summary>
/// The document's examples, by operation. Request events are the repository's <c>examples/</c>; everything else is
/// built from the contract's own types (the default rules and templates, the records the handlers answer with) and
/// written with <see cref="FollowUpJson.Options"/>, so an example has the shape the API really sends. The tests send
/// each request example to the API and validate every example against its schema.
/// </summary>
public static class ApiExamples
{
    private const string Json = "application/json";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 17, 42, 7, TimeSpan.Zero);

    /// <summary>The repository's example events, each as its file names it (e.g. <c>order.placed</c>). Declared before <see cref="ByOperation"/>, which is built from it.</summary>
    public static IReadOnlyList<ApiExample> Events { get; } =
        [.. ContractResources.ExampleEvents.Select(pair => EventExample(pair.Key, JsonNode.Parse(pair.Value)!))];

    public static IReadOnlyDictionary<string, OperationExamples> ByOperation { get; } = Create();

    internal static void AddTo(OpenApiOperation operation)
    {
        if (operation.OperationId is not { } id || !ByOperation.TryGetValue(id, out var examples))
        {
            return;
        }

        foreach (var (mediaType, requestExamples) in examples.Requests)
        {
            if (operation.RequestBody?.Content?.TryGetValue(mediaType, out var content) == true)
            {
                content.Examples = ToOpenApi(requestExamples);
            }
        }

        foreach (var (status, responseExamples) in examples.Responses)
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content is { } contents)
            {
                foreach (var (_, content) in contents)
                {
                    content.Examples = ToOpenApi(responseExamples.Where(example => Fits(example, content)).ToList());
                }
            }
        }
    }

    private static ApiExample EventExample(string name, JsonNode value)
    {
        var customer = value["data"]?["customer"];
        var what = value["data"]?["order"]?["lines"] is JsonArray { Count: > 1 } lines ? $", an order of {lines.Count} lines"
            : value["data"]?["deal"]?["owner"]?["name"] is { } owner ? $", a deal owned by {owner}"
            : string.Empty;
        return new(name, $"{value["type"]}: {customer?["name"]} ({customer?["locale"]}){what}", value);
    }

    private static Dictionary<string, IOpenApiExample> ToOpenApi(IReadOnlyList<ApiExample> examples) =>
        examples.ToDictionary(example => example.Name, example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = example.Value.DeepClone() }, StringComparer.Ordinal);

    /// <summary>A problem example goes with <c>application/problem+json</c> only, and the others never with it.</summary>
    private static bool Fits(ApiExample example, OpenApiMediaType content) =>
        (content.Schema is OpenApiSchemaReference { Reference.Id: "ProblemDetails" or "HttpValidationProblemDetails" }) == IsProblem(example.Value);

    private static bool IsProblem(JsonNode value) => value is JsonObject json && json.ContainsKey("title") && json.ContainsKey("status");

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, FollowUpJson.Options)!;

    private static Dictionary<string, IReadOnlyList<ApiExample>> Map(params (string Key, ApiExample[] Examples)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<ApiExample>)entry.Examples, StringComparer.Ordinal);

    private static Dictionary<string, OperationExamples> Create()
    {
        var placed = Events.Single(example => example.Name == "order.placed");
        var rule = DefaultRules.All[0] with { Version = 1, UpdatedAt = At };
        var template = DefaultTemplates.All[0] with { Version = 1, UpdatedAt = At };
        var messageId = MessageIds.For(At.AddHours(1), MessageIds.Hash(rule.Id, SubjectKind.Order, "cus-2291", "10482"));
        var scheduled = new ScheduleResult(rule.Id, messageId, MessageStatus.Scheduled, At.AddHours(1), null);
        var skipped = new ScheduleResult("loyalty-reward", null, null, null, "condition 'customer.order_count == 3' is false");
        var accepted = new IngestResult("ord-10482-placed", "/shops/tebutikken/orders", EventTypes.OrderPlaced, IngestStatus.Accepted, [scheduled], [], [skipped]);
        var message = Message(messageId);

        // The shipment example: delivery expected more than three days after it, so the while-you-wait note is due two hours on.
        var shippedAt = new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.Zero);
        var waitId = MessageIds.For(shippedAt.AddHours(2), MessageIds.Hash("while-you-wait", SubjectKind.Order, "cus-1876", "10477"));
        var shipped = new IngestResult("ord-10477-shipped", "/shops/tebutikken/orders", EventTypes.OrderShipped, IngestStatus.Accepted, [new ScheduleResult("while-you-wait", waitId, MessageStatus.Scheduled, shippedAt.AddHours(2), null)], [], []);
        var notFound = (string what) => Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5", "Not found.", 404, what);

        return new(StringComparer.Ordinal)
        {
            ["PostEvents"] = new()
            {
                Requests = Map(
                    (EventsApi.StructuredContentType, [.. Events]),
                    (EventsApi.BatchContentType, [new("batch", "A shipment and a delivery, in one request", new JsonArray(Events.Single(e => e.Name == "order.shipped").Value.DeepClone(), Events.Single(e => e.Name == "order.delivered").Value.DeepClone()))]),
                    (Json, [placed])),
                Responses = Map(
                    ("202", [new("accepted", "The thank-you is scheduled an hour after the purchase; the loyalty reward's condition does not hold", Node(accepted))]),
                    ("200", [
                        new("duplicate", "The same (source, id) again: nothing new is scheduled", Node(accepted with { Status = IngestStatus.Duplicate })),
                        new("batch", "A batch: one line per event", Node(new EventBatchResponse(1, 1, 0, [
                            new EventBatchItem(0, "accepted", "ord-10477-shipped", "/shops/tebutikken/orders", shipped, null),
                            new EventBatchItem(1, "duplicate", "ord-20931-delivered", "/shops/tehuset-dk/orders", new IngestResult("ord-20931-delivered", "/shops/tehuset-dk/orders", EventTypes.OrderDelivered, IngestStatus.Duplicate, [], [], []), null),
                        ]))),
                    ]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The event is not valid.", ("data.customer.email", "is not a valid email address"), ("data.order.currency", "must be an ISO 4217 code in capitals, e.g. NOK")))]),
                    ("503", [new("unavailable", "Storage refused one event of a batch: send the batch again", Node(new EventBatchResponse(1, 0, 0, [
                        new EventBatchItem(0, "accepted", "ord-10477-shipped", "/shops/tebutikken/orders", shipped, null),
                        new EventBatchItem(1, "unavailable", "ord-20931-delivered", "/shops/tehuset-dk/orders", null, new Dictionary<string, string[]> { ["$"] = ["storage answered 503 (ServerBusy); send the batch again: the events already taken answer 'duplicate'"] }),
                    ]) { Unavailable = 1 }))]),
                    ("401", [Unauthorized()])),
            },
            ["ListRecentEvents"] = new()
            {
                Responses = Map(
                    ("200", [
                        new("order-placed", "type=order.placed&limit=1: the newest purchase", Node(new RecentEventPage([new RecentEvent(At.AddMinutes(-3), JsonSerializer.SerializeToElement(placed.Value))]))),
                        new("any-type", "limit=2: the two newest events of any type", Node(new RecentEventPage([
                            new RecentEvent(At.AddMinutes(-3), JsonSerializer.SerializeToElement(placed.Value)),
                            new RecentEvent(At.AddHours(-2), JsonSerializer.SerializeToElement(Events.Single(e => e.Name == "order.shipped").Value)),
                        ]))),
                    ]),
                    ("400", [new("invalid", "A type no event has, and a limit too large", ValidationProblem("The query is not valid.", ("type", "'order.paid' is not one of order.placed, order.shipped, order.delivered, order.returned, order.cancelled, deal.lost, deal.won, deal.reopened"), ("limit", "must be a whole number from 1 to 50")))]),
                    ("401", [Unauthorized()])),
            },
            ["ListRules"] = new()
            {
                Responses = Map(("200", [new("defaults", "The default rules", Node(DefaultRules.All.Select(r => r with { Version = 1, UpdatedAt = At }).ToList()))]), ("401", [Unauthorized()])),
            },
            ["GetRule"] = new()
            {
                Responses = Map(("200", [new("thank-you", "The default thank-you rule", Node(rule))]), ("404", [new("not-found", "No such rule", notFound("There is no rule 'thank-yuo'."))]), ("401", [Unauthorized()])),
            },
            ["PutRule"] = new()
            {
                Requests = Map((Json, [
                    new("later-thank-you", "The thank-you two hours after the purchase instead of one", Node(Rules.RuleInput.From(rule) with { Delay = "PT2H" })),
                    new("big-order", "A note the day after an order over 5,000, disabled until its template is ready", Node(new RuleInput
                    {
                        Description = "A personal note the day after a large order.",
                        Trigger = EventTypes.OrderPlaced,
                        Condition = "order.total >= 5000",
                        Delay = "P1D",
                        TemplateId = "thank-you",
                        CancelOn = [EventTypes.OrderCancelled, EventTypes.OrderReturned],
                        Enabled = false,
                    })),
                ])),
                Responses = Map(
                    ("200", [new("replaced", "Replaced: version 2", Node(rule with { Delay = "PT2H", Version = 2, UpdatedAt = At.AddDays(1) }))]),
                    ("201", [new("created", "Created: version 1", Node(rule with { Id = "later-thank-you", Delay = "PT2H" }))]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The rule is not valid.", ("delay", "'2 hours' is not an ISO 8601 duration (e.g. PT15M, PT1H, P5D, P1W, P2DT12H)"), ("templateId", "template 'thanks' does not exist")))]),
                    ("412", [new("stale", "Changed since it was read", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13", "The resource has changed since you read it.", 412, "Rule 'thank-you' is at version 3, not 2: someone changed it since you read it."))]),
                    ("428", [new("if-match-required", "Replacing without If-Match", Problem("https://www.rfc-editor.org/rfc/rfc6585#section-3", "If-Match is required to replace an existing resource.", 428, "Rule 'thank-you' exists (version 1); to replace it, send If-Match: \"v1\" with the version you read."))]),
                    ("401", [Unauthorized()])),
            },
            ["DeleteTemplate"] = new()
            {
                Responses = Map(
                    ("409", [new("in-use", "Sent by enabled rules", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "The template is in use.", 409, "Template 'review-request' is sent by the enabled rule review-request: change or disable it first."))]),
                    ("404", [new("not-found", "No such template", notFound("There is no template 'thank-yuo'."))]),
                    ("401", [Unauthorized()])),
            },
            ["DryRunRule"] = new()
            {
                Requests = Map((Json, [
                    new("saved", "The saved review request, on a delivery", JsonNode.Parse("""{"ruleId":"review-request","event":{"specversion":"1.0","id":"evt-2001","source":"/shop/orders","type":"order.delivered","time":"2026-11-23T10:00:00Z","datacontenttype":"application/json","data":{"customer":{"id":"c-1042","email":"ingrid@example.com","locale":"nb-NO","timeZone":"Europe/Oslo"},"order":{"id":"10482"}}}}""")!),
                ])),
                Responses = Map(
                    ("200", [
                        new("would-schedule", "Five days on, at the window's opening", Node(new Ingest.DryRunResult(true, null, [new Ingest.DryRunMessage(0, At.AddDays(5), "deferred to Sat 28 Nov 09:00 Europe/Oslo: outside the send window (every day 09:00–20:00, not on public holidays)", null)], true))),
                        new("would-not", "The condition does not hold", Node(new Ingest.DryRunResult(false, "the condition 'customer.order_count == 3' is false for this event", [], true))),
                    ]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The dry run is not valid.", ("rule.delay", "'5 days' is not an ISO 8601 duration (e.g. PT15M, PT1H, P5D, P1W, P2DT12H)"), ("event.data.customer.email", "is required")))]),
                    ("401", [Unauthorized()])),
            },
            ["ListRuleVersions"] = new()
            {
                Responses = Map(
                    ("200", [new("history", "Three versions: the second restored the first", Node(new VersionHistory
                    {
                        Id = rule.Id,
                        Current = 3,
                        Versions =
                        [
                            new VersionEntry { Version = 3, UpdatedAt = At.AddDays(2), UpdatedBy = "sales-ops", RestoredFrom = 1, Current = true },
                            new VersionEntry { Version = 2, UpdatedAt = At.AddDays(1), UpdatedBy = "ci" },
                            new VersionEntry { Version = 1, UpdatedAt = At, UpdatedBy = "defaults" },
                        ],
                    }))]),
                    ("404", [new("not-found", "No such rule, nor was there", notFound("There is no rule 'thank-yuo', nor was there."))]),
                    ("401", [Unauthorized()])),
            },
            ["GetRuleVersion"] = new()
            {
                Responses = Map(
                    ("200", [new("version-2", "Version 2, as it was saved", Node(rule with { Delay = "PT2H", Version = 2, UpdatedAt = At.AddDays(1), UpdatedBy = "ci" }))]),
                    ("404", [new("not-found", "No such version", notFound("Rule 'thank-you' has no version '9'."))]),
                    ("401", [Unauthorized()])),
            },
            ["RestoreRuleVersion"] = new()
            {
                Responses = Map(
                    ("200", [new("restored", "Version 3, equal to version 1", Node(rule with { Version = 3, UpdatedAt = At.AddDays(2), UpdatedBy = "sales-ops", RestoredFrom = 1 }))]),
                    ("201", [new("created-again", "A deleted rule, created again from its version 2", Node(rule with { Delay = "PT2H", Version = 4, UpdatedAt = At.AddDays(3), UpdatedBy = "sales-ops", RestoredFrom = 2 }))]),
                    ("400", [new("template-gone", "Its template was deleted since", ValidationProblem("Version 1 of rule 'thank-you' cannot be restored as it is.", ("templateId", "template 'thanks-old' does not exist")))]),
                    ("404", [new("not-found", "No such version", notFound("Rule 'thank-you' has no version '9'."))]),
                    ("401", [Unauthorized()])),
            },
            ["Replay"] = new()
            {
                Requests = Map((Json, [
                    new("later-thank-you", "November's events, with the thank-you two hours after the purchase instead of one", Node(new Http.ReplayRequest(null, [new Http.ReplayRuleInput(rule.Id, Rules.RuleInput.From(rule) with { Delay = "PT2H" })], new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)))),
                ])),
                Responses = Map(
                    ("200", [new("later-thank-you", "Every thank-you an hour later; the other rules as they were", Node(ReplayExample()))]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The replay is not valid.", ("changes[0].delay", "'2 hours' is not an ISO 8601 duration (e.g. PT15M, PT1H, P5D, P1W, P2DT12H)"), ("to", "must be at most 93 days after from: replay a longer time in parts")))]),
                    ("401", [Unauthorized()])),
            },
            ["DeleteRule"] = new()
            {
                Responses = Map(("404", [new("not-found", "No such rule", notFound("There is no rule 'thank-yuo'."))]), ("401", [Unauthorized()])),
            },
            ["ListTemplates"] = new()
            {
                Responses = Map(("200", [new("thank-you", "A list, here of the default thank-you alone", Node(new[] { template }))]), ("401", [Unauthorized()])),
            },
            ["GetTemplate"] = new()
            {
                Responses = Map(("200", [new("thank-you", "The default thank-you, in Bokmål, Nynorsk, Danish, Swedish and English", Node(template))]), ("404", [new("not-found", "No such template", notFound("There is no template 'thanks'."))]), ("401", [Unauthorized()])),
            },
            ["PutTemplate"] = new()
            {
                Requests = Map((Json, [new("shipped-note", "A short note the moment the order ships, in Bokmål and English", Node(ShippedNote()))])),
                Responses = Map(
                    ("201", [new("created", "Created: version 1", Node(TemplateFrom("shipped-note", ShippedNote())))]),
                    ("200", [new("replaced", "Replaced: version 2", Node(TemplateFrom("shipped-note", ShippedNote()) with { Version = 2 }))]),
                    ("400", [new("invalid", "Text that does not parse, with its line and column", ValidationProblem("The template is not valid.", ("locales.nb.subject", "line 1, column 4: '{{' is never closed with '}}'")))]),
                    ("401", [Unauthorized()])),
            },
            ["PreviewTemplate"] = new()
            {
                Requests = Map((Json, [
                    new("sample", "With a sample event for the template's trigger", new JsonObject()),
                    new("event", "With a real event, in Bokmål", new JsonObject { ["locale"] = "nb-NO", ["event"] = placed.Value.DeepClone() }),
                    new("draft", "An unsaved draft, in English", new JsonObject { ["locale"] = "en", ["template"] = Node(ShippedNote()) }),
                ])),
                Responses = Map(
                    ("200", [new("rendered", "The thank-you as Ingrid gets it", Node(new RenderedContent(
                        "nb",
                        "Takk for bestillingen, Ingrid!",
                        "<!doctype html>\n<html lang=\"nb\">\n<body>\n<p>Hei Ingrid,</p>\n<p>Tusen takk for bestillingen! Vi har fått ordre <strong>10482</strong> og er allerede i gang med den.</p>\n</body>\n</html>",
                        "Hei Ingrid,\n\nTusen takk for bestillingen! Vi har fått ordre 10482 og er allerede i gang med den.\n")))]),
                    ("400", [new("invalid", "The event is not valid", ValidationProblem("The preview request is not valid.", ("event.data.customer.email", "is required")))]),
                    ("401", [Unauthorized()])),
            },
            ["TestSendTemplate"] = new()
            {
                Requests = Map((Json, [
                    new("sample", "The saved thank-you with a sample event, to yourself", new JsonObject { ["to"] = "marit@tebutikken.example" }),
                    new("event", "With a real event, in Bokmål", new JsonObject { ["to"] = "marit@tebutikken.example", ["locale"] = "nb-NO", ["event"] = placed.Value.DeepClone() }),
                    new("draft", "An unsaved draft, in English", new JsonObject { ["to"] = "marit@tebutikken.example", ["locale"] = "en", ["template"] = Node(ShippedNote()) }),
                ])),
                Responses = Map(
                    ("202", [new("sent", "Taken by SendGrid", Node(new TestSendResult { To = "marit@tebutikken.example", Subject = "[Test] Takk for bestillingen, Ingrid!", Locale = "nb", TemplateId = template.Id, ProviderMessageId = "W8fK2mQ1TbyQ3x7d1Zr0ag", SentAt = At }))]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The test send is not valid.", ("to", "must be an email address of at most 254 characters"), ("id", "'default-layout' is a layout, not a message a rule sends: test a message that uses it (preview shows a layout alone)")))]),
                    ("409", [new("suppressed", "The address unsubscribed", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "The address is on the suppression list.", 409, "'marit@tebutikken.example' has unsubscribed from everything (or bounced): a test is not sent there either. Test with another address, or remove it from the list first (DELETE /api/suppressions/{address})."))]),
                    ("429", [new("too-many", "The eleventh in a minute", Problem("https://www.rfc-editor.org/rfc/rfc6585#section-4", "Too many test sends.", 429, "At most 10 test sends a minute per API key; the next one can go in 42 s."))]),
                    ("401", [Unauthorized()])),
            },
            ["ListTemplateVersions"] = new()
            {
                Responses = Map(
                    ("200", [new("history", "Two versions", Node(new VersionHistory
                    {
                        Id = template.Id,
                        Current = 2,
                        Versions =
                        [
                            new VersionEntry { Version = 2, UpdatedAt = At.AddDays(1), UpdatedBy = "marketing", Current = true },
                            new VersionEntry { Version = 1, UpdatedAt = At, UpdatedBy = "defaults" },
                        ],
                    }))]),
                    ("404", [new("not-found", "No such template, nor was there", notFound("There is no template 'thanks', nor was there."))]),
                    ("401", [Unauthorized()])),
            },
            ["GetTemplateVersion"] = new()
            {
                Responses = Map(
                    ("200", [new("version-1", "Version 1, every locale", Node(template with { UpdatedBy = "defaults" }))]),
                    ("404", [new("not-found", "No such version", notFound("Template 'thank-you' has no version '9'."))]),
                    ("401", [Unauthorized()])),
            },
            ["RestoreTemplateVersion"] = new()
            {
                Responses = Map(
                    ("200", [new("restored", "Version 3, equal to version 1", Node(template with { Version = 3, UpdatedAt = At.AddDays(2), UpdatedBy = "marketing", RestoredFrom = 1 }))]),
                    ("201", [new("created-again", "A deleted template, made again from its version 1", Node(template with { Version = 3, UpdatedAt = At.AddDays(3), UpdatedBy = "marketing", RestoredFrom = 1 }))]),
                    ("404", [new("not-found", "No such version", notFound("Template 'thank-you' has no version '9'."))]),
                    ("401", [Unauthorized()])),
            },
            ["GetMessageContent"] = new()
            {
                Responses = Map(
                    ("200", [new("sent", "The thank-you as Ingrid got it", Node(new SentContent
                    {
                        MessageId = messageId,
                        RuleId = rule.Id,
                        RuleVersion = 1,
                        TemplateId = template.Id,
                        TemplateVersion = 1,
                        Locale = "nb",
                        SentAt = At.AddHours(1).AddSeconds(2),
                        Subject = "Takk for bestillingen, Ingrid!",
                        Html = "<!doctype html><html lang=\"nb\"><body><p>Hei Ingrid,</p><p>Takk for bestillingen av ordre 10482.</p>…</body></html>",
                        Text = "Hei Ingrid,\n\nTakk for bestillingen av ordre 10482.\n…",
                    }))]),
                    ("404", [new("not-sent", "Not sent yet", notFound($"Message {messageId} has not been sent (it is scheduled); preview its template to see what it would say."))]),
                    ("401", [Unauthorized()])),
            },
            ["ListMessages"] = new()
            {
                Responses = Map(
                    ("200", [new("customer", "One customer's messages", Node(new MessagePage([message], null)))]),
                    ("400", [new("invalid", "An unknown filter and status", ValidationProblem("The query is not valid.", ("colour", "is not a filter of this list; use customerId, orderId, dealId, status, limit, continuationToken"), ("status", "'lost' is not one of scheduled, claimed, sent, answered, cancelled, failed")))]),
                    ("401", [Unauthorized()])),
            },
            ["GetMessage"] = new()
            {
                Responses = Map(("200", [new("sent", "A thank-you, scheduled, claimed and sent", Node(message))]), ("404", [new("not-found", "No such message", notFound($"There is no message '{messageId[..^1]}0'."))]), ("401", [Unauthorized()])),
            },
            ["CancelMessage"] = new()
            {
                Requests = Map((Json, [new("with-reason", "With a reason for the ledger", Node(new Http.MessageCancelInput { Reason = "the customer asked us by phone not to send it" }))])),
                Responses = Map(
                    ("200", [new("cancelled", "A review request cancelled before it fell due", Node(Cancelled(messageId)))]),
                    ("409", [new("sent", "Already sent", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "The message is past cancelling.", 409, $"Message {messageId} is sent; only a scheduled or held message can be cancelled."))]),
                    ("404", [new("not-found", "No such message", notFound($"There is no message '{messageId[..^1]}0'."))]),
                    ("401", [Unauthorized()])),
            },
            ["ReportSummary"] = new()
            {
                Responses = Map(
                    ("200", [new("week", "Two days of the lost-sale survey", Node(ReportExample()))]),
                    ("400", [new("invalid", "An unknown parameter and a reversed range", ValidationProblem("The report's query is not valid.", ("rule", "is not a parameter of this report; use from, to, ruleId, phase, interval"), ("from", "must not be after to")))]),
                    ("401", [Unauthorized()])),
            },
            ["ListAlerts"] = new()
            {
                Responses = Map(
                    ("200", [
                        new("open", "status=open: a lost deal's reason with a comment, and a detractor", Node(new Alerts.AlertPage([LostSaleAlert(), DetractorAlert()], null))),
                        new("resolved", "status=resolved: one a salesperson dealt with", Node(new Alerts.AlertPage([ResolvedAlert()], "MjAyNjExOjI1MjAwNzgyNDc0MTc3MjkyOTN8MjAyNjExMjMwOTAwYTFiMmMzZDRlNWY2MDcxODI5M2E0YjVjNmQ3ZThmOTA"))),
                    ]),
                    ("400", [new("invalid", "Each bad parameter named", ValidationProblem("The query is not valid.", ("status", "'closed' is not one of open, resolved, all"), ("to", "must be at most 366 days after from: list a longer time in parts")))]),
                    ("401", [Unauthorized()])),
            },
            ["ResolveAlert"] = new()
            {
                Requests = Map((Json, [new("with-note", "With a note of what was done", Node(new AlertResolveInput { Note = "Called Per: the delivery date was the problem; a new offer goes out Monday." }))])),
                Responses = Map(
                    ("200", [new("resolved", "Resolved by the sales lead's key", Node(ResolvedAlert()))]),
                    ("404", [new("not-found", "No answer to it needed a person", notFound($"No answer to message '{messageId}' needed a person."))]),
                    ("409", [new("new-answer", "The customer answered again meanwhile", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "A new answer came in.", 409, $"The customer answered message {messageId} again while it was being resolved, and the new answer needs a person too: read the alert again, and resolve it again if it is dealt with."))]),
                    ("401", [Unauthorized()])),
            },
            ["ListSuppressions"] = new()
            {
                Responses = Map(
                    ("200", [
                        new("prefix", "q=ingrid: an unsubscribe and a bounce", Node(new SuppressionPage([Unsubscribed(messageId), Bounced()], "aW5ncmlkLnNvbGJlcmclNDBleGFtcGxlLm5vIA"))),
                        new("erased", "q with an erased customer's whole address: only its keyed hash is kept", Node(new SuppressionPage([ErasedSuppression()], null))),
                    ]),
                    ("400", [new("invalid", "An unknown parameter and a limit too large", ValidationProblem("The query is not valid.", ("address", "is not a parameter of this list; use q, limit, continuationToken"), ("limit", "must be a whole number from 1 to 500")))]),
                    ("401", [Unauthorized()])),
            },
            ["GetSuppression"] = new()
            {
                Responses = Map(
                    ("200", [
                        new("by-hand", "Added by hand, with its history", Node(ByHand())),
                        new("removed", "Removed: no longer suppressed, and the history says who removed it and why", Node(RemovedSuppression(messageId))),
                    ]),
                    ("400", [new("invalid", "Not an address", ValidationProblem("'ingrid' is not an address.", ("address", "must be an email address of at most 254 characters, or the key (h_…) of an erased customer's")))]),
                    ("404", [new("not-found", "Never on the list", notFound("'ola@example.com' is not on the suppression list, and never was."))]),
                    ("401", [Unauthorized()])),
            },
            ["PutSuppression"] = new()
            {
                Requests = Map((Json, [
                    new("everything", "Everything, because the customer asked by phone", Node(new SuppressionInput { Scope = UnsubscribeScope.Everything, Reason = "asked by phone to get no more mail from us" })),
                    new("marketing", "No offers; order notes and questions still go", Node(new SuppressionInput { Scope = UnsubscribeScope.Marketing, Reason = "complained about the loyalty mails in the shop" })),
                ])),
                Responses = Map(
                    ("201", [new("created", "Added: it was not on the list", Node(ByHand()))]),
                    ("200", [new("already", "On the list already, stopping more than asked: unchanged", Node(Unsubscribed(messageId) with { History = [] }))]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The suppression is not valid.", ("scope", "must be one of \"marketing\", \"marketingAndFeedback\", \"everything\""), ("reason", "is required: say why, for the address's history")))]),
                    ("401", [Unauthorized()])),
            },
            ["DeleteSuppression"] = new()
            {
                Requests = Map((Json, [new("with-reason", "With a reason for the history", Node(new SuppressionRemovalInput { Reason = "the mailbox works again: she wrote to us from it" }))])),
                Responses = Map(
                    ("200", [new("removed", "Removed, with the removal in its history", Node(RemovedSuppression(messageId)))]),
                    ("404", [new("not-found", "Not on the list", notFound("'ola@example.com' is not on the suppression list."))]),
                    ("409", [new("suppressed-again", "An unsubscribe came in while it was being removed", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "The address was suppressed again meanwhile.", 409, "'ingrid.hansen@example.com' was suppressed again (an unsubscribe or a bounce) while it was being removed, so it stays on the list: read it, and remove it again if you still mean to."))]),
                    ("401", [Unauthorized()])),
            },
            ["ExportCustomer"] = new()
            {
                Responses = Map(
                    ("200", [new("customer", "A customer with one order and its thank-you (shortened)", JsonNode.Parse("""
                        {"customerId":"c-1042","exportedAt":"2026-11-24T09:00:00+00:00","records":[{"kind":"profile","Email":"ingrid@example.com","Name":"Ingrid Berg","Locale":"nb-NO","OrderCount":1},{"kind":"order or deal","Snapshot":{"id":"10482","total":1498,"currency":"NOK"}}],"messages":[{"id":"202611231000a1b2c3d4e5f60718293a4b5c6d7e8f90","customerId":"c-1042","email":"ingrid@example.com","ruleId":"thank-you","status":"sent","model":{"customer":{"firstName":"Ingrid"},"order":{"id":"10482"}}}],"suppressions":[]}
                        """)!)]),
                    ("404", [new("not-found", "Nothing held", notFound("Nothing is held about customer 'c-1043'."))]),
                    ("401", [Unauthorized()])),
            },
            ["EraseCustomer"] = new()
            {
                Responses = Map(
                    ("200", [new("erased", "Two messages erased (one cancelled before it was sent), four records deleted, an unsubscribe kept as a hash", Node(new Privacy.ErasureResult(2, 1, 4, 1)))]),
                    ("400", [new("invalid", "An id no event could carry", ValidationProblem("The customer id is not valid.", ("id", "must be a customer id as events carry it: 1-256 characters")))]),
                    ("401", [Unauthorized()])),
            },
            ["ListWebhooks"] = new()
            {
                Responses = Map(("200", [new("crm", "One subscription, as lists show it (no secret)", Node(new[] { WebhookExample() with { Secret = null } }))]), ("401", [Unauthorized()])),
            },
            ["GetWebhook"] = new()
            {
                Responses = Map(("200", [new("crm", "The CRM's subscription, with its secret", Node(WebhookExample()))]), ("404", [new("not-found", "No such subscription", notFound("There is no webhook 'crn'."))]), ("401", [Unauthorized()])),
            },
            ["PutWebhook"] = new()
            {
                Requests = Map((Json, [new("crm", "Lost-sale answers and bounces to the CRM", Node(new Webhooks.WebhookInput { Url = "https://crm.example.com/hooks/followup", Events = ["answered", "bounced", "alert"], Description = "Lost-sale reasons back to the deal" }))])),
                Responses = Map(
                    ("201", [new("created", "Created, with a secret generated", Node(WebhookExample()))]),
                    ("200", [new("switched-on", "Switched on again after it was switched off", Node(WebhookExample() with { Version = 3 }))]),
                    ("400", [new("invalid", "Each bad field named", ValidationProblem("The webhook is not valid.", ("url", "is on a private or loopback network, where webhooks are not sent (FollowUp:Webhooks:AllowPrivateNetworks)"), ("events[1]", "'shipped' is not one of scheduled, deferred, rescheduled, held, released, cancelled, sent, failed, delivered, opened, clicked, bounced, complained, unsubscribed, answered, delivery, alert, erased, or \"*\"")))]),
                    ("428", [new("if-match-required", "Replacing without If-Match", Problem("https://www.rfc-editor.org/rfc/rfc6585#section-3", "If-Match is required to replace an existing resource.", 428, "Webhook 'crm' exists (version 1); to replace it, send If-Match: \"v1\" with the version you read."))]),
                    ("401", [Unauthorized()])),
            },
            ["DeleteWebhook"] = new()
            {
                Responses = Map(("404", [new("not-found", "No such subscription", notFound("There is no webhook 'crn'."))]), ("401", [Unauthorized()])),
            },
            ["GetMe"] = new()
            {
                Responses = Map(
                    ("200", [
                        new("key", "A caller with the key named ci, on a deployment that offers Entra ID sign-in", Node(new CallerView("ci", MeApi.ViaKey, EntraSignIn.SignInPath, null, At))),
                        new("entra", "A user signed in with Entra ID", Node(new CallerView("entra:ingrid.hansen@tebutikken.example", MeApi.ViaEntra, EntraSignIn.SignInPath, EntraSignIn.SignOutPath, At))),
                    ]),
                    ("401", [Unauthorized(), new("sign-in-offered", "Neither a key nor a signed-in user, where Entra ID sign-in is offered", SignInOffered())]),
                    ("403", [MissingRole()])),
            },
            ["SendGridWebhook"] = new()
            {
                Requests = Map((Json, [new("delivered-and-clicked", "What SendGrid posts (signed): a thank-you delivered, then a link in it clicked", SendGridEvents(messageId))])),
                Responses = Map(
                    ("200", [new("recorded", "Four events of a thank-you, one of them a retry of an earlier request, and one of another system's mail", Node(new Responses.ProviderEventsResult(5, 3, 1, 1, 0)))]),
                    ("401", [new("not-signed", "Without SendGrid's signature", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "The webhook request is not signed by SendGrid.", 401, "The signature does not verify with the configured key: the request was changed, or signed by another account."))])),
            },
            ["Answer"] = new()
            {
                Responses = Map(("400", [InvalidLink()])),
            },
            ["ConfirmUnsubscribe"] = new()
            {
                Responses = Map(("400", [InvalidLink()])),
            },
            ["Unsubscribe"] = new()
            {
                Responses = Map(("400", [InvalidLink()])),
            },
            ["Health"] = new()
            {
                Responses = Map(("200", [new("healthy", "The process answers", Node(HealthAnswer.Live))])),
            },
            ["HealthReady"] = new()
            {
                Responses = Map(
                    ("200", [new("ready", "Storage answers and the settings are valid", Node(new HealthAnswer(HealthAnswer.Healthy, new Dictionary<string, string> { ["options"] = HealthAnswer.Healthy, ["storage"] = HealthAnswer.Healthy })))]),
                    ("503", [new("storage-down", "Storage does not answer", Node(new HealthAnswer(HealthAnswer.Unhealthy, new Dictionary<string, string> { ["options"] = HealthAnswer.Healthy, ["storage"] = HealthAnswer.Unhealthy })))])),
            },
        };
    }

    private static Replay.ReplayResult ReplayExample()
    {
        var received = new DateTimeOffset(2026, 11, 3, 9, 12, 40, TimeSpan.Zero);
        return new Replay.ReplayResult(
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            4210,
            false,
            [
                new Replay.ReplayRuleCounts("loyalty-reward", true, 41, 41, 41, 38),
                new Replay.ReplayRuleCounts("review-request", true, 1630, 1577, 1630, 1571),
                new Replay.ReplayRuleCounts("thank-you", true, 1702, 1651, 1702, 1655),
            ],
            1702,
            [
                new Replay.ReplayDifference("ord-10482-placed", "/shops/tebutikken/orders", EventTypes.OrderPlaced, "cus-2291", received, "thank-you", "would schedule for 2026-11-03T11:12Z", "scheduled for 2026-11-03T10:12Z"),
            ]);
    }

    private static Alerts.RaisedAlert LostSaleAlert() => new()
    {
        MessageId = "202611230900a1b2c3d4e5f60718293a4b5c6d7e8f90",
        RuleId = "lost-sale-survey",
        CustomerId = "cus-3310",
        DealId = "D-7781",
        Answer = "service",
        AnswerLabel = "We did not follow up well enough",
        Comment = "Nobody called us back after the offer.",
        Why = "the answer 'service', one rule lost-sale-survey alerts on; a comment",
        AnsweredAt = At.AddDays(2),
        FirstRaisedAt = At.AddDays(2).AddMinutes(-3),
        Status = Alerts.AlertStatus.Open,
    };

    private static Alerts.RaisedAlert DetractorAlert() => new()
    {
        MessageId = "202611220800f0e1d2c3b4a5968778695a4b3c2d1e0f",
        RuleId = "nps-question",
        CustomerId = "cus-2291",
        OrderId = "10482",
        Answer = "nps:3",
        Score = 3,
        ScoreScale = "nps",
        Why = "an NPS of 3 (a detractor)",
        AnsweredAt = At.AddDays(1),
        FirstRaisedAt = At.AddDays(1),
        Status = Alerts.AlertStatus.Open,
    };

    private static Alerts.RaisedAlert ResolvedAlert() => LostSaleAlert() with
    {
        Status = Alerts.AlertStatus.Resolved,
        ResolvedAt = At.AddDays(3),
        ResolvedBy = "sales-lead",
        Note = "Called Per: the delivery date was the problem; a new offer goes out Monday.",
    };

    private static SuppressedAddress Unsubscribed(string messageId) => new()
    {
        Key = "ingrid.hansen@example.com",
        Address = "ingrid.hansen@example.com",
        Scope = UnsubscribeScope.MarketingAndFeedback,
        Source = SuppressionSource.UnsubscribeLink,
        Reason = "one-click unsubscribe from marketing and feedback",
        At = At.AddDays(2),
        MessageId = messageId,
    };

    private static SuppressedAddress Bounced() => new()
    {
        Key = "ingrid.solberg@example.no",
        Address = "ingrid.solberg@example.no",
        Scope = UnsubscribeScope.Everything,
        Source = SuppressionSource.HardBounce,
        Reason = "hard bounce",
        At = At.AddDays(-3),
        MessageId = MessageIds.For(At.AddDays(-3), MessageIds.Hash("thank-you", SubjectKind.Order, "cus-1990", "10311")),
    };

    private static SuppressedAddress ErasedSuppression() => new()
    {
        Key = "h_3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c",
        ErasedCustomer = true,
        Scope = UnsubscribeScope.Everything,
        Source = SuppressionSource.UnsubscribeLink,
        Reason = "kept as a keyed hash of the address: its customer was erased",
        At = At.AddDays(-40),
    };

    private static SuppressedAddress ByHand() => new()
    {
        Key = "per.nilsen@example.com",
        Address = "per.nilsen@example.com",
        Scope = UnsubscribeScope.Everything,
        Source = SuppressionSource.Manual,
        Reason = "asked by phone to get no more mail from us",
        At = At.AddDays(1),
        By = "support",
        History = [new SuppressionChange { At = At.AddDays(1), Action = SuppressionAction.Added, By = "support", Reason = "asked by phone to get no more mail from us", Scope = UnsubscribeScope.Everything }],
    };

    private static SuppressedAddress RemovedSuppression(string messageId) => new()
    {
        Key = "ingrid.solberg@example.no",
        Address = "ingrid.solberg@example.no",
        Suppressed = false,
        History =
        [
            new SuppressionChange
            {
                At = At.AddDays(3),
                Action = SuppressionAction.Removed,
                By = "support",
                Reason = "the mailbox works again: she wrote to us from it",
                Scope = UnsubscribeScope.Everything,
                Source = SuppressionSource.HardBounce,
                MessageId = messageId,
            },
        ],
    };

    private static TemplateInput ShippedNote() => new()
    {
        Description = "The moment the order ships: the carrier, and where to follow the parcel.",
        Syntax = TemplateSyntax.Scriban,
        Locales = new Dictionary<string, TemplateContentInput?>(StringComparer.Ordinal)
        {
            ["nb"] = new(
                "Pakken din er på vei, {{ customer.first_name }}",
                "<p>Hei {{ customer.first_name }},</p><p>Ordre {{ order.id }} er sendt{{ if order.carrier }} med {{ order.carrier }}{{ end }}.{{ if order.tracking_url | web_url }} <a href=\"{{ order.tracking_url | web_url }}\">Følg pakken her</a>.{{ end }}</p>",
                "Hei {{ customer.first_name }},\n\nOrdre {{ order.id }} er sendt{{ if order.carrier }} med {{ order.carrier }}{{ end }}.{{ if order.tracking_url | web_url }} Følg pakken: {{ order.tracking_url | web_url }}{{ end }}\n"),
            ["en"] = new(
                "Your parcel is on its way, {{ customer.first_name }}",
                "<p>Hi {{ customer.first_name }},</p><p>Order {{ order.id }} has shipped{{ if order.carrier }} with {{ order.carrier }}{{ end }}.{{ if order.tracking_url | web_url }} <a href=\"{{ order.tracking_url | web_url }}\">Follow it here</a>.{{ end }}</p>",
                "Hi {{ customer.first_name }},\n\nOrder {{ order.id }} has shipped{{ if order.carrier }} with {{ order.carrier }}{{ end }}.{{ if order.tracking_url | web_url }} Follow it: {{ order.tracking_url | web_url }}{{ end }}\n"),
        },
    };

    private static MessageTemplate TemplateFrom(string id, TemplateInput input) => new()
    {
        Id = id,
        Description = input.Description,
        Syntax = input.Syntax ?? TemplateSyntax.Scriban,
        Locales = input.Locales!.ToDictionary(pair => pair.Key, pair => new TemplateContent(pair.Value!.Subject!, pair.Value.Html!, pair.Value.Text!), StringComparer.Ordinal),
        Version = 1,
        UpdatedAt = At,
    };

    private static MessageView Message(string id)
    {
        var due = At.AddHours(1);
        var provider = $"sg-{id[..12]}";
        return new MessageView(
            id, "cus-2291", "ingrid.hansen@example.com", "thank-you", "thank-you", "order", "10482", EventTypes.OrderPlaced, MessageStatus.Sent, "nb",
            At.AddSeconds(1), due, 1, due.AddSeconds(2), provider, "Takk for bestillingen, Ingrid!", null, null, null, null,
            [
                new MessageEvent(At.AddSeconds(1), MessageEventKind.Scheduled, $"by rule thank-you on order.placed, due {due:O}"),
                new MessageEvent(due.AddSeconds(1), MessageEventKind.Claimed, "attempt 1"),
                new MessageEvent(due.AddSeconds(2), MessageEventKind.Sent, $"attempt 1, provider id {provider}, locale nb"),
            ]);
    }

    private static MessageView Cancelled(string id)
    {
        var intended = new DateTimeOffset(2026, 11, 26, 4, 12, 0, TimeSpan.Zero);
        var due = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        return Message(id) with
        {
            RuleId = "review-request",
            TemplateId = "review-request",
            EventType = EventTypes.OrderDelivered,
            Status = MessageStatus.Cancelled,
            DueAt = due,
            Attempts = 0,
            SentAt = null,
            ProviderMessageId = null,
            Subject = null,
            Reason = "cancelled through the API: the customer asked us by phone not to send it",
            History =
            [
                new MessageEvent(At.AddSeconds(1), MessageEventKind.Scheduled, $"by rule review-request v1 on order.delivered, due {intended:O}"),
                new MessageEvent(At.AddSeconds(1), MessageEventKind.Deferred, $"deferred to {SendTiming.Describe(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"))}: outside the send window (every day 09:00–20:00, not on public holidays)"),
                new MessageEvent(At.AddDays(1), MessageEventKind.Cancelled, "cancelled through the API: the customer asked us by phone not to send it"),
            ],
        };
    }

    private static JsonArray SendGridEvents(string messageId) =>
    [
        new JsonObject
        {
            ["email"] = "ingrid.hansen@example.com",
            ["timestamp"] = At.AddHours(1).AddSeconds(4).ToUnixTimeSeconds(),
            ["event"] = "delivered",
            ["sg_event_id"] = "ZGVsaXZlcmVkLTAtMjk3OTk4NjEtMQ",
            ["sg_message_id"] = "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
            ["response"] = "250 OK",
            ["followup_message_id"] = messageId,
            ["category"] = new JsonArray("followup"),
        },
        new JsonObject
        {
            ["email"] = "ingrid.hansen@example.com",
            ["timestamp"] = At.AddHours(3).ToUnixTimeSeconds(),
            ["event"] = "click",
            ["sg_event_id"] = "Y2xpY2stMC0yOTc5OTg2MS0x",
            ["sg_message_id"] = "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
            ["url"] = "https://tebutikken.example/te/oolong?utm_source=followup",
            ["followup_message_id"] = messageId,
            ["category"] = new JsonArray("followup"),
        },
    ];

    private static ApiExample Unauthorized() =>
        new("no-key", "No API key", Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "An API key is required.", 401, "Send the key in the X-Api-Key header."));

    private static JsonObject SignInOffered()
    {
        var problem = Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "An API key is required.", 401, "Send the key in the X-Api-Key header, or sign in with Microsoft Entra ID (entraSignIn).");
        problem["entraSignIn"] = EntraSignIn.SignInPath;
        return problem;
    }

    private static ApiExample MissingRole()
    {
        var problem = Problem("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4", "The signed-in user does not have FollowUp's app role.", 403, "Calling the API needs the app role 'FollowUp.Console' of the app registration; an administrator assigns it to users and groups under the registration's enterprise application.");
        problem["missingRole"] = "FollowUp.Console";
        return new("missing-role", "Signed in with Entra ID, without the app role", problem);
    }

    private static ApiExample InvalidLink() =>
        new("invalid-link", "A changed or cut-off token (asked for JSON; a browser gets a page)", ValidationProblem("The link is not valid.", ("token", "is not a valid link: it was changed, cut off, or signed with another key")));

    private static Webhooks.WebhookSubscription WebhookExample() => new()
    {
        Id = "crm",
        Url = "https://crm.example.com/hooks/followup",
        Events = ["answered", "bounced", "alert"],
        Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        Description = "Lost-sale reasons back to the deal",
        CreatedAt = At,
        UpdatedAt = At,
        LastSuccessAt = At.AddHours(2),
        Version = 1,
    };

    /// <summary>A report as the lost-sale survey's counters of two days make it.</summary>
    private static Reports.ReportSummary ReportExample()
    {
        var monday = new DateOnly(2026, 11, 23);
        var days = new (DateOnly Day, Azure.Data.Tables.TableEntity Row)[]
        {
            (monday, new() { ["Scheduled"] = 40L, ["Deferred"] = 12L, ["Cancelled"] = 3L, ["Sent"] = 35L, ["Delivered"] = 34L, ["Opened"] = 21L, ["Clicked"] = 11L, ["Answered"] = 9L, [Reports.ReportCounterNames.Answer("price")] = 4L, [Reports.ReportCounterNames.Answer("service")] = 3L, [Reports.ReportCounterNames.Answer("competitor")] = 2L }),
            (monday.AddDays(1), new() { ["Scheduled"] = 31L, ["Sent"] = 30L, ["Delivered"] = 30L, ["Bounced"] = 0L, ["Opened"] = 17L, ["Clicked"] = 8L, ["Answered"] = 7L, ["Unsubscribed"] = 1L, [Reports.ReportCounterNames.Answer("price")] = 5L, [Reports.ReportCounterNames.Answer("timing")] = 2L }),
        };
        var total = new Reports.ReportTally();
        var points = new List<Reports.ReportPoint>();
        foreach (var (day, row) in days)
        {
            var tally = new Reports.ReportTally();
            tally.Add(row);
            total.Add(tally);
            points.Add(new Reports.ReportPoint(day, tally.Counts(), null, null));
        }

        var group = new Reports.ReportGroup("lost-sale-survey", "lostSale", total.Figures(), points);
        return new Reports.ReportSummary(monday, monday.AddDays(1), "day", total.Figures(), [group with { RuleId = null }], [group]);
    }

    private static JsonObject Problem(string type, string title, int status, string detail) => new()
    {
        ["type"] = type,
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["traceId"] = "00-3f2a9c7e51d04b8e9a6c0d2b7e4f1a95-8c1d2e3f4a5b6c7d-00",
    };

    private static JsonObject ValidationProblem(string title, params (string Field, string Error)[] errors) => new()
    {
        ["type"] = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        ["title"] = title,
        ["status"] = 400,
        ["errors"] = new JsonObject(errors.Select(error => KeyValuePair.Create(error.Field, (JsonNode?)new JsonArray(error.Error)))),
        ["traceId"] = "00-3f2a9c7e51d04b8e9a6c0d2b7e4f1a95-8c1d2e3f4a5b6c7d-00",
    };
}
