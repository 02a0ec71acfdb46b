using FollowUp.Alerts;
using System.Text.Json.Nodes;
using FollowUp.Health;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.Http;

/// <summary>
/// The public contract's routes as both hosts serve them, with what the API description says of each: its name (the
/// Azure Functions function's name), summary, and the bodies it takes and answers. Handlers that read their body
/// themselves (to name each bad field) declare it here with <c>Accepts</c>; the event body is described from the
/// repository's JSON Schema by the API description.
/// </summary>
public static class FollowUpEndpoints
{
    public const string EventsTag = "Events";
    public const string RulesTag = "Rules";
    public const string TemplatesTag = "Templates";
    public const string MessagesTag = "Messages";
    public const string ReportsTag = "Reports";
    public const string WebhooksTag = "Webhooks";
    public const string CustomersTag = "Customers";
    public const string SuppressionsTag = "Suppressions";
    public const string AlertsTag = "Alerts";
    public const string LinksTag = "Customers' links";
    public const string HealthTag = "Health";
    public const string SignInTag = "Sign-in";

    private const string Json = "application/json";
    private const string Html = "text/html";

    /// <summary>Maps the authenticated <c>/api</c> routes; the host adds its own key check to the returned group.</summary>
    public static RouteGroupBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty);
        api.MapPost(FollowUpRoutes.Events, EventsApi.PostAsync).WithName("PostEvents").WithTags(EventsTag)
            .WithSummary("Send an event, or a batch of events")
            .WithDescription("""
                Takes a CloudEvents 1.0 event in structured mode (`application/cloudevents+json`), a batch (`application/cloudevents-batch+json`, 1 to 500 events) or binary mode (the attributes as `ce-*` headers, `data` as the JSON body). `(source, id)` is the idempotency key: the same event again answers 200 `duplicate` and schedules nothing new.

                A single event answers 202 with what it did (messages scheduled and cancelled, rules skipped with the reason), 200 when it is a duplicate, or 400 naming each bad field. A batch answers 200 with a line per event (`accepted`, `duplicate`, `invalid`), or 503 when storage refused some (`unavailable`): send it again, and the events already taken answer `duplicate`.
                """)
            .Produces<IngestResult>(StatusCodes.Status202Accepted, Json)
            .Produces<IngestResult>(StatusCodes.Status200OK, Json)
            .Produces<EventBatchResponse>(StatusCodes.Status503ServiceUnavailable, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet(FollowUpRoutes.RecentEvents, RecentEventsApi.ListAsync).WithName("ListRecentEvents").WithTags(EventsTag)
            .WithSummary("The newest events taken, as sample data")
            .WithDescription("""
                The newest events kept for replays (`FollowUp:Replay:Retention`, 90 days), newest first, as CloudEvents as ingest took them, with when it took each: real data to preview or test a template with. `type` picks one event type; `limit` is 1–50 (default 20). An unknown parameter or type is 400.

                It reads an index kept beside the events, ordered by type and newest first: at most `limit` entries in each of the Customers table's 16 partitions (and each of the 8 types, without `type`), then those events, so the answer takes a few key-range reads however many events are kept. Events taken before the index existed are not listed (replays still have them).
                """)
            .Produces<RecentEventPage>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapGet(FollowUpRoutes.Rules, RulesApi.ListAsync).WithName("ListRules").WithTags(RulesTag)
            .WithSummary("List the rules")
            .WithDescription("Every rule, ordered by id.")
            .Produces<List<Rule>>(StatusCodes.Status200OK, Json);
        api.MapGet(FollowUpRoutes.Rule, RulesApi.GetAsync).WithName("GetRule").WithTags(RulesTag)
            .WithSummary("Read a rule")
            .WithDescription("The rule, with its version as the `ETag` (`\"v3\"`): send it back as `If-Match` to replace the rule.")
            .Produces<Rule>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FollowUpRoutes.Rule, RulesApi.PutAsync).WithName("PutRule").WithTags(RulesTag)
            .WithSummary("Create or replace a rule")
            .WithDescription("""
                Validates everything before it saves: the trigger and `cancelOn` event types, the delay (ISO 8601), the template (it must exist), the condition's syntax (with line and column) and a run against a sample event, and the timing fields (`category`, `sendWindow`, `frequencyCap`, `priority`, `expiresAfter`, `maxEventAge`, `reminders`), each error named by its field.

                Disabling a rule holds its messages as they fall due (status `held`); enabling it again releases them into its send window.

                Without `If-Match` the PUT creates the rule (201), and is 428 when it exists. To replace, send `If-Match` with the ETag read (`"v3"`) or `*`: a stale one is 412. A create that loses a race to another is 409.
                """)
            .Accepts<RuleInput>(Json)
            .Produces<Rule>(StatusCodes.Status200OK, Json)
            .Produces<Rule>(StatusCodes.Status201Created, Json)
            .ProducesEditProblems();
        api.MapPost(FollowUpRoutes.RuleDryRun, RulesApi.DryRunAsync).WithName("DryRunRule").WithTags(RulesTag)
            .WithSummary("Try a rule on an event, without sending or saving anything")
            .WithDescription("Give a saved rule (`ruleId`) or a rule as `PUT /api/rules/{id}` takes it (`rule`, validated the same way), and a CloudEvent (`event`). The answer says whether the rule would schedule a message now, for the event's customer as FollowUp knows them, and when — after its send window and the caps, among the other rules as saved — with its reminders, or why not: another trigger, the condition, an event too old, consent, an unsubscribe, a message the order has already. A disabled rule is tried as if it were enabled.")
            .Accepts<RuleDryRunRequest>(Json)
            .Produces<Ingest.DryRunResult>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost(FollowUpRoutes.Replay, ReplayApi.PostAsync).WithName("Replay").WithTags(RulesTag)
            .WithSummary("Replay the events of a time range against proposed rules, without sending or saving anything")
            .WithDescription("""
                Give the proposal as the whole rule set (`rules`: each rule with its `id`, as `PUT /api/rules/{id}` takes it; a saved rule left out is left out) or as `changes` (rules that replace or add to the saved ones), and a range (`from`, `to`, ISO 8601 date-times, at most 93 days) of when the events were taken. Each customer's events kept in the range are decided again, in the order they were taken and at the time they were, as ingest decides them: the answer gives per rule the messages the proposal would have scheduled (`wouldSchedule`) and, of those, the ones no later event in the range stopped (`wouldSend`), against those the events actually scheduled (`actuallyScheduled`) and the ones of those that went out (`actuallySent`); and the number of differences (an event and a rule where one schedules and the other does not, or at another time) with the earliest 20 in words. Reminders are not counted.

                Events are kept for `FollowUp:Replay:Retention` (90 days): an older `from` starts at the oldest event kept, and the answer says so in its `from`. At most 250,000 events are replayed; beyond that the answer is `truncated`. Every rule is validated as a PUT validates it, its errors named `rules[0].delay` and so on.
                """)
            .Accepts<ReplayRequest>(Json)
            .Produces<Replay.ReplayResult>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete(FollowUpRoutes.Rule, RulesApi.DeleteAsync).WithName("DeleteRule").WithTags(RulesTag)
            .WithSummary("Delete a rule")
            .WithDescription("Deletes the rule: later events no longer schedule it, its held messages are cancelled now and its scheduled ones when they fall due, each with the reason. Its versions go on if a rule of the same id is created again, and the new rule never sends the old one's messages.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FollowUpRoutes.RuleVersions, VersionsApi.ListRuleVersionsAsync).WithName("ListRuleVersions").WithTags(RulesTag)
            .WithSummary("List a rule's versions")
            .WithDescription("Every kept version of the rule, newest first: when it was saved, by which API key (its name, `unknown` for a key without one), which version it restored, and which is current. A deleted rule keeps its versions (`current` is null); one can be restored.")
            .Produces<VersionHistory>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FollowUpRoutes.RuleVersion, VersionsApi.GetRuleVersionAsync).WithName("GetRuleVersion").WithTags(RulesTag)
            .WithSummary("Read one version of a rule")
            .WithDescription("The rule exactly as that version was saved. A version never changes.")
            .Produces<Rule>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FollowUpRoutes.RuleVersionRestore, VersionsApi.RestoreRuleAsync).WithName("RestoreRuleVersion").WithTags(RulesTag)
            .WithSummary("Restore an earlier version of a rule")
            .WithDescription("Saves a new version equal to the one named (`restoredFrom` says which), checked as a PUT is: its template must still exist and still let a feedback or marketing message be unsubscribed from. `If-Match` is optional; given, it must name the current version. A deleted rule is created again.")
            .Produces<Rule>(StatusCodes.Status200OK, Json)
            .Produces<Rule>(StatusCodes.Status201Created, Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesEditProblems();
        api.MapGet(FollowUpRoutes.Templates, TemplatesApi.ListAsync).WithName("ListTemplates").WithTags(TemplatesTag)
            .WithSummary("List the templates")
            .Produces<IReadOnlyList<MessageTemplate>>(StatusCodes.Status200OK, Json);
        api.MapGet(FollowUpRoutes.Template, TemplatesApi.GetAsync).WithName("GetTemplate").WithTags(TemplatesTag)
            .WithSummary("Read a template")
            .WithDescription("The template, with its version as the `ETag`: send it back as `If-Match` to replace the template.")
            .Produces<MessageTemplate>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FollowUpRoutes.Template, TemplatesApi.PutAsync).WithName("PutTemplate").WithTags(TemplatesTag)
            .WithSummary("Create or replace a template")
            .WithDescription("""
                Scriban (or Liquid, with `"syntax": "liquid"`) text for the subject, HTML body and text body, per locale; `en` is required as the last fallback. Text that does not parse is refused with its line and column. `If-Match` works as for rules.
                """)
            .Accepts<TemplateInput>(Json)
            .Produces<MessageTemplate>(StatusCodes.Status200OK, Json)
            .Produces<MessageTemplate>(StatusCodes.Status201Created, Json)
            .ProducesEditProblems();
        api.MapDelete(FollowUpRoutes.Template, TemplatesApi.DeleteAsync).WithName("DeleteTemplate").WithTags(TemplatesTag)
            .WithSummary("Delete a template")
            .WithDescription("Deletes a template no enabled rule sends; 409 naming the enabled rules that do. A template made again under the same id goes on from the deleted one's version, so an ETag read before the delete never matches it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost(FollowUpRoutes.TemplatePreview, TemplatesApi.PreviewAsync).WithName("PreviewTemplate").WithTags(TemplatesTag)
            .WithSummary("Preview a template")
            .WithDescription("""
                Renders the template as a customer would get it. Without a body, with a sample event for the trigger of the rule that uses the template; with `event`, with that CloudEvent; with `template`, an unsaved draft instead of the saved template. `locale` picks the language (it falls back as sending does).
                """)
            .Accepts<TemplatePreviewRequest>(isOptional: true, Json)
            .Produces<RenderedContent>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost(FollowUpRoutes.TemplateTestSend, TestSendApi.SendAsync).WithName("TestSendTemplate").WithTags(TemplatesTag)
            .WithSummary("Send a template to yourself as a test")
            .WithDescription("""
                Renders the template as `POST /api/templates/{id}/preview` does (the saved one or a `template` draft, with `event` or a sample event, in `locale`) and sends it to `to` through the configured sender (SendGrid, or the outbox folder without a key), with `[Test] ` before its subject. It is no customer's message: nothing is scheduled, recorded or counted, and its answer and unsubscribe links are a preview's, which record nothing on any message.

                Answers 202 with what was sent and the provider's id for it. 400 for a bad address or body, or a layout or partial (test a message that uses it); 409 when `to` is on the suppression list; 429 (with `Retry-After`) after 10 test sends in a minute by one API key; 502 when the provider does not take it.
                """)
            .Accepts<TemplateTestSendRequest>(Json)
            .Produces<TestSendResult>(StatusCodes.Status202Accepted, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapGet(FollowUpRoutes.TemplateVersions, VersionsApi.ListTemplateVersionsAsync).WithName("ListTemplateVersions").WithTags(TemplatesTag)
            .WithSummary("List a template's versions")
            .WithDescription("Every kept version of the template, newest first, as for rules. A deleted template keeps its versions.")
            .Produces<VersionHistory>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FollowUpRoutes.TemplateVersion, VersionsApi.GetTemplateVersionAsync).WithName("GetTemplateVersion").WithTags(TemplatesTag)
            .WithSummary("Read one version of a template")
            .WithDescription("The template, every locale, exactly as that version was saved. A version never changes.")
            .Produces<MessageTemplate>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FollowUpRoutes.TemplateVersionRestore, VersionsApi.RestoreTemplateAsync).WithName("RestoreTemplateVersion").WithTags(TemplatesTag)
            .WithSummary("Restore an earlier version of a template")
            .WithDescription("Saves a new version equal to the one named, checked as a PUT is (an enabled feedback or marketing rule that sends it still needs its unsubscribe link). `If-Match` is optional; given, it must name the current version.")
            .Produces<MessageTemplate>(StatusCodes.Status200OK, Json)
            .Produces<MessageTemplate>(StatusCodes.Status201Created, Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesEditProblems();
        api.MapGet(FollowUpRoutes.Messages, MessagesApi.ListAsync).WithName("ListMessages").WithTags(MessagesTag)
            .WithSummary("List messages")
            .WithDescription("Messages filtered by customer, order or deal, and status, a page at a time: pass the answer's `continuationToken` for the next page. An unknown filter or status is 400.")
            .Produces<MessagePage>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapGet(FollowUpRoutes.Message, MessagesApi.GetAsync).WithName("GetMessage").WithTags(MessagesTag)
            .WithSummary("Read a message's whole life")
            .WithDescription("Its status, and every step (scheduled, deferred, brought forward, held, released, claimed, sent, answered, cancelled, failed, unsubscribed) with its time and reason in words; for a reminder, its number and the message it reminds of.")
            .Produces<MessageView>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FollowUpRoutes.MessageContent, MessagesApi.GetContentAsync).WithName("GetMessageContent").WithTags(MessagesTag)
            .WithSummary("See a sent message exactly as it was sent")
            .WithDescription("The subject, HTML and text as they went out, with the versions of the rule and template that made them. Kept with the message (compressed, at most 60 KB: a larger HTML body is left out, and `omitted` says so) and erased with its customer. 404 for a message not sent yet, one erased, or one sent before FollowUp kept content.")
            .Produces<SentContent>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(FollowUpRoutes.MessageCancel, MessagesApi.CancelAsync).WithName("CancelMessage").WithTags(MessagesTag)
            .WithSummary("Cancel one message")
            .WithDescription("Cancels a scheduled or held message, with an optional `reason` for the ledger, and answers the message. A message sent, being sent, failed or already cancelled is 409, naming its status.")
            .Accepts<MessageCancelInput>(isOptional: true, Json)
            .Produces<MessageView>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet(FollowUpRoutes.ReportSummary, ReportsApi.SummaryAsync).WithName("ReportSummary").WithTags(ReportsTag)
            .WithSummary("Report what the rules did")
            .WithDescription("For each journey phase (purchase, waiting, use, repeat, lostSale) and each rule over the UTC days `from`–`to` (both included; default the last 30 days, at most 731): messages per stage (scheduled, deferred, cancelled, sent, delivered, opened, clicked, answered, bounced, complained, unsubscribed, failed) and rates, NPS and CSAT with their answer counts, and answers per reason, as totals and as a series by `interval` (`day` or `week`, weeks from Monday). Filter with `ruleId` or `phase`. Served from counters kept as messages change (a change shows within seconds), never by reading messages. An unknown parameter is 400.")
            .Produces<Reports.ReportSummary>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapGet(FollowUpRoutes.CustomerExport, CustomersApi.ExportAsync).WithName("ExportCustomer").WithTags(CustomersTag)
            .WithSummary("Export everything held about a customer")
            .WithDescription("The customer's records (profile, each order's or deal's snapshot and history, message pointers, the events kept for replays), every message with its whole life and render model, and the unsubscribes of their addresses, as JSON: the right of access (GDPR article 15). 404 when nothing is held.")
            .Produces<JsonObject>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete(FollowUpRoutes.Customer, CustomersApi.EraseAsync).WithName("EraseCustomer").WithTags(CustomersTag)
            .WithSummary("Erase a customer")
            .WithDescription("The right to be forgotten (GDPR article 17): cancels everything pending for the customer, erases the personal data of their messages (address, render model, subject, comment; answers, scores and the ledger stay, free of it, so reports keep their counts), deletes their profile, order and deal records and the events kept for replays, drops their waiting alerts and webhook deliveries, keeps an unsubscribe of their address as a keyed hash so it is still honoured, and records an audit entry without personal data. Idempotent: erasing again erases nothing more. Safe against a send at the same moment: that send goes ahead, and no further attempt is made.")
            .Produces<Privacy.ErasureResult>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapGet(FollowUpRoutes.Webhooks, WebhookSubscriptionsApi.ListAsync).WithName("ListWebhooks").WithTags(WebhooksTag)
            .WithSummary("List webhook subscriptions")
            .WithDescription("Every subscription with how its deliveries are going (last success, last failure, given up, switched off and why); secrets are left out.")
            .Produces<List<Webhooks.WebhookSubscription>>(StatusCodes.Status200OK, Json);
        api.MapGet(FollowUpRoutes.Webhook, WebhookSubscriptionsApi.GetAsync).WithName("GetWebhook").WithTags(WebhooksTag)
            .WithSummary("Read a webhook subscription")
            .WithDescription("The subscription with its signing secret, and its version as the ETag (send it as If-Match to change it).")
            .Produces<Webhooks.WebhookSubscription>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FollowUpRoutes.Webhook, WebhookSubscriptionsApi.PutAsync).WithName("PutWebhook").WithTags(WebhooksTag)
            .WithSummary("Create or change a webhook subscription")
            .WithDescription("Every ledger event of the types named in `events` (or `[\"*\"]`) is posted to `url` as a CloudEvent (`application/cloudevents+json`, type `followup.message.{type}`), signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>` with the `whsec_` secret, generated when left out). Deliveries are queued in storage and retried with backoff for a day; a subscription nothing reached for a day is switched off with the reason, and `\"enabled\": true` switches it on again. Creating needs no If-Match; replacing needs If-Match with the version read, or `*`.")
            .Accepts<Webhooks.WebhookInput>(Json)
            .Produces<Webhooks.WebhookSubscription>(StatusCodes.Status200OK, Json)
            .Produces<Webhooks.WebhookSubscription>(StatusCodes.Status201Created, Json)
            .ProducesEditProblems();
        api.MapDelete(FollowUpRoutes.Webhook, WebhookSubscriptionsApi.DeleteAsync).WithName("DeleteWebhook").WithTags(WebhooksTag)
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Deletes the subscription and the deliveries still waiting for it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(FollowUpRoutes.Me, MeApi.Get).WithName("GetMe").WithTags(SignInTag)
            .WithSummary("Who is calling")
            .WithDescription("The caller as the versions of rules and templates record them (`name`: a key's name, or `entra:` and the user's sign-in name), how they got in (`via`: `key` or `entra`), where a browser signs in with Microsoft Entra ID when this deployment offers it (`entraSignIn`, else null) and, for a user signed in that way, where to sign out (`entraSignOut`). A caller not let in gets 401, whose `entraSignIn` says the same; a signed-in user without the app role gets 403 naming it (`missingRole`).")
            .Produces<CallerView>(StatusCodes.Status200OK, Json);
        api.MapGet(FollowUpRoutes.Alerts, AlertsApi.ListAsync).WithName("ListAlerts").WithTags(AlertsTag)
            .WithSummary("List the answers that needed a person")
            .WithDescription("""
                Every answer that needed a person — an NPS of 0–6, a CSAT of 1–2, an answer the rule's `alerts.answers` names, or any comment — newest first: the message, rule, customer, order or deal, the answer (and its words), the score, the comment, why in words, when, and whether someone resolved it (when, by which API key, with what note). Kept whether or not alert mails are on (`FollowUp:Alerts:Enabled`), within seconds of the answer. A later answer or comment on the same message that needs a person again moves it to that time and opens it again.

                `from` and `to` (a date or an ISO 8601 date-time; `to` not included) choose when the answer came: default the last 30 days, at most 366. `status` is `open`, `resolved` or `all` (the default). `limit` is 1–500 (default 100); pass the answer's `continuationToken` for the next page. Served from a list kept per month, never by reading messages. An unknown parameter is 400.
                """)
            .Produces<AlertPage>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapPost(FollowUpRoutes.AlertResolve, AlertsApi.ResolveAsync).WithName("ResolveAlert").WithTags(AlertsTag)
            .WithSummary("Mark an alert as dealt with")
            .WithDescription("Resolves the alert about message `{id}`, recording when, by which API key, and an optional `note` (at most 1,000 characters), and answers it. Resolving one already resolved changes nothing and answers it as it is. 404 when no answer to the message needed a person; 409 when a new answer that needs a person came in while it was being resolved.")
            .Accepts<AlertResolveInput>(isOptional: true, Json)
            .Produces<RaisedAlert>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet(FollowUpRoutes.Suppressions, SuppressionsApi.ListAsync).WithName("ListSuppressions").WithTags(SuppressionsTag)
            .WithSummary("Search the suppression list")
            .WithDescription("""
                The addresses that get no mail (or no marketing, or no marketing and feedback), in the order of the addresses, a page at a time (`limit`, 1–500, default 50; pass the answer's `continuationToken` for the next page). `q` is an address or its start, in any case; without it, the whole list. Each says what it stops (`scope`), what put it there (`source`: `unsubscribeLink`, `hardBounce`, `dropped`, `spamReport`, `providerUnsubscribe`, `manual`, or `unknown` for one older than FollowUp's keeping of it), why in words (`reason`), when, by which API key (`by`, for one added by hand) and from which message.

                An erased customer's address is kept only as a keyed hash (`erasedCustomer: true`, no `address`; its `key` is `h_…`): no prefix finds it, but the whole address in `q` does. An unknown parameter is 400.
                """)
            .Produces<SuppressionPage>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem();
        api.MapGet(FollowUpRoutes.Suppression, SuppressionsApi.GetAsync).WithName("GetSuppression").WithTags(SuppressionsTag)
            .WithSummary("Read one address's suppression and its history")
            .WithDescription("The suppression of the address (or of an erased customer's `h_…` key), with what people did to it through the API (`history`, newest first: who added or removed it, when and why). An address whose suppression was removed answers `suppressed: false` with its history; one never on the list is 404.")
            .Produces<SuppressedAddress>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(FollowUpRoutes.Suppression, SuppressionsApi.PutAsync).WithName("PutSuppression").WithTags(SuppressionsTag)
            .WithSummary("Add an address to the suppression list by hand")
            .WithDescription("""
                Stops what `scope` says (`marketing`, `marketingAndFeedback` or `everything`, the default) to the address, at once on this instance and within a second on every other, for its pending messages too when they fall due. `reason` (1–500 characters) goes into the address's history with the API key's name. 201 when the address was not on the list; 200 when it was: a suppression only widens, so a narrower scope than the address stops already changes nothing (remove it first to narrow it).
                """)
            .Accepts<SuppressionInput>(Json)
            .Produces<SuppressedAddress>(StatusCodes.Status200OK, Json)
            .Produces<SuppressedAddress>(StatusCodes.Status201Created, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete(FollowUpRoutes.Suppression, SuppressionsApi.DeleteAsync).WithName("DeleteSuppression").WithTags(SuppressionsTag)
            .WithSummary("Remove an address from the suppression list")
            .WithDescription("""
                The address (or an erased customer's `h_…` key) gets mail again: every instance's list drops it on its next refresh (within a second of the removal), and messages scheduled for it from then on go out. Optional `reason` (at most 500 characters) in the body or the query. The removal stays in the address's history, with the key's name and what the suppression was; the answer shows it. 404 when the address is not on the list; 409 when an unsubscribe or bounce suppressed it again while it was being removed (it stays).
                """)
            .Accepts<SuppressionRemovalInput>(isOptional: true, Json)
            .Produces<SuppressedAddress>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    /// <summary>Maps the customers' public routes, protected by their signed tokens.</summary>
    public static IEndpointRouteBuilder MapFollowUpLinks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(FollowUpRoutes.Answer, LinksApi.AnswerAsync).WithName("Answer").WithTags(LinksTag)
            .WithSummary("Open an answer link")
            .WithDescription("The link in a message (a score, a reason, a review click). Records a click — never an answer, since mail scanners follow every link — and shows a page in the customer's language (nb, nn, da, sv, en) that sends the answer with one press, or by itself a moment later in a person's browser. The token is signed: a changed one is 400 and changes nothing.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .Produces<string>(StatusCodes.Status404NotFound, Html)
            .ProducesValidationProblem();
        app.MapPost(FollowUpRoutes.Answer, LinksApi.ConfirmAnswerAsync).WithName("ConfirmAnswer").WithTags(LinksTag).DisableAntiforgery()
            .WithSummary("Confirm an answer")
            .WithDescription("What the answer page sends: records the link's answer once (a different link's answer replaces it), with an optional `comment` (form field, at most 1,000 characters) from the thank-you page, which is kept on the message and shown in its ledger.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .Produces<string>(StatusCodes.Status404NotFound, Html)
            .ProducesValidationProblem();
        app.MapGet(FollowUpRoutes.Unsubscribe, LinksApi.ConfirmUnsubscribeAsync).WithName("ConfirmUnsubscribe").WithTags(LinksTag)
            .WithSummary("Ask to confirm an unsubscribe")
            .WithDescription("Shows a page with one button: a mail scanner that follows the link unsubscribes no one.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesValidationProblem();
        app.MapPost(FollowUpRoutes.SendGridWebhook, WebhooksApi.SendGridAsync).WithName("SendGridWebhook").WithTags(LinksTag).DisableAntiforgery()
            .WithSummary("SendGrid's Event Webhook")
            .WithDescription("Where SendGrid posts delivery events (processed, delivered, deferred, open, click, bounce, dropped, spamreport, unsubscribe, group_unsubscribe). Public, and taken only with SendGrid's signature over the timestamp and body, verified with `FollowUp:SendGrid:WebhookPublicKey`, and a timestamp no older than `WebhookMaxAge`. Each event goes into the ledger of the message its `followup_message_id` names, once (by `sg_event_id`); a hard bounce, a drop, a spam report and an unsubscribe stop mail to the address.")
            .Accepts<List<System.Text.Json.Nodes.JsonObject>>("application/json")
            .Produces<ProviderEventsResult>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapPost(FollowUpRoutes.Unsubscribe, LinksApi.UnsubscribeAsync).WithName("Unsubscribe").WithTags(LinksTag).DisableAntiforgery()
            .WithSummary("Unsubscribe (one click, RFC 8058)")
            .WithDescription("What the confirmation page's button and mail providers' one-click unsubscribe (`List-Unsubscribe-Post`) send. Cancels the customer's pending messages.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .Produces<string>(StatusCodes.Status404NotFound, Html)
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>The public routes: the customers' links and health.</summary>
    public static IEndpointRouteBuilder MapFollowUpPublic(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapFollowUpLinks();
        app.MapGet(FollowUpRoutes.Health, HealthApi.Live).WithName("Health").WithTags(HealthTag)
            .WithSummary("Liveness")
            .WithDescription("200 `{\"status\":\"healthy\"}` whenever the process answers.")
            .Produces<HealthAnswer>(StatusCodes.Status200OK, Json);
        app.MapGet(FollowUpRoutes.HealthReady, HealthApi.ReadyAsync).WithName("HealthReady").WithTags(HealthTag)
            .WithSummary("Readiness")
            .WithDescription("200 when storage answers and the settings are valid; 503 when not, naming the check that failed and nothing more (the reason is in the log).")
            .Produces<HealthAnswer>(StatusCodes.Status200OK, Json)
            .Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable, Json);
        return app;
    }

    /// <summary>What a PUT of a rule or template answers when it does not save: the same for both.</summary>
    private static RouteHandlerBuilder ProducesEditProblems(this RouteHandlerBuilder route) => route
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
