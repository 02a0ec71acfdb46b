using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Sending;
using FollowUp.Testing;
using FollowUp.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// Guarantees the README makes that the batched layout must keep, each written during a hostile review of it; each
/// test's summary names the way it was once broken.
/// </summary>
public class SpeedGuaranteeTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Minute = PipelineHarness.Start;

    /// <summary>README: "An unsubscribe holds within a second." A chunk is claimed whole and checked against one
    /// snapshot of the suppression list, so an unsubscribe made while the chunk is being sent does not stop a later
    /// message of the same chunk — not even on the same instance, where the list is updated at once.</summary>
    [Fact]
    public async Task DispatchDueAsync_UnsubscribeWhileTheChunkIsBeingSent_DoesNotSendToThatAddressAfterwards()
    {
        var hooks = new Hooks();
        await using var harness = await CreateAsync(hooks, parallelism: 1);
        hooks.Harness = harness;

        // The victim's earlier mail, whose unsubscribe link they click.
        var old = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "V-old", customerId: "victim", email: "victim@example.com"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.Single(harness.SendGrid.Accepted);

        var (firstOrder, victimOrder) = SameShard("first", "victim");
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, firstOrder, customerId: "first", email: "first@example.com"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var victim = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, victimOrder, customerId: "victim", email: "victim@example.com"))).Scheduled.Single().MessageId!;

        // While the first mail of the chunk is going out, the victim unsubscribes (before their own mail is started).
        hooks.BeforeSend = async mail =>
        {
            if (mail.ToEmail == "first@example.com")
            {
                await hooks.Harness!.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, old, null));
            }
        };
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var message = await harness.MessageAsync(victim);
        output.WriteLine(string.Join("\n", message.GetHistory().Select(e => $"{e.Kind}: {e.Detail}")));
        Assert.False(harness.SendGrid.Accepted.Any(mail => mail.MessageId == victim), "the victim's mail was sent");
        Assert.Equal(MessageStatus.Cancelled, message.GetStatus());
    }

    /// <summary>README: "A cancelling event that meets a message while it is being sent lets that send finish but
    /// stops any retry." A message claimed in a chunk of 100 but not yet started counts as "being sent" for the whole
    /// claim (5 minutes), so an order.cancelled arriving before its send starts no longer stops it.</summary>
    [Fact]
    public async Task DispatchDueAsync_OrderCancelledBeforeItsSendStarts_IsNotSent()
    {
        var hooks = new Hooks();
        await using var harness = await CreateAsync(hooks, parallelism: 1);
        hooks.Harness = harness;
        var (firstOrder, victimOrder) = SameShard("first", "victim");
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, firstOrder, customerId: "first", email: "first@example.com"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var victim = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, victimOrder, customerId: "victim", email: "victim@example.com"))).Scheduled.Single().MessageId!;

        hooks.BeforeSend = async mail =>
        {
            if (mail.ToEmail == "first@example.com")
            {
                await hooks.Harness!.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, victimOrder, customerId: "victim", email: "victim@example.com"));
            }
        };
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var message = await harness.MessageAsync(victim);
        output.WriteLine(string.Join("\n", message.GetHistory().Select(e => $"{e.Kind}: {e.Detail}")));
        Assert.False(harness.SendGrid.Accepted.Any(mail => mail.MessageId == victim), "the victim's mail was sent");
    }

    /// <summary>
    /// ClaimDuration is validated against one attempt (send timeout + render budget), but a chunk of up to 100 is
    /// claimed at once and sent Parallelism at a time. With sends that each stay inside SendGrid's timeout, the tail of
    /// the chunk is left "too little of its claim is left" by a dispatcher that nobody competes with: never tried, held
    /// for the whole claim, and charged an attempt when it is reclaimed.
    /// </summary>
    [Fact]
    public async Task DispatchDueAsync_SlowButInTimeSends_EveryClaimedMessageIsAttemptedInThePass()
    {
        var hooks = new Hooks();
        await using var harness = await CreateAsync(hooks, parallelism: 1);
        hooks.Harness = harness;
        var customers = SameShardCustomers(15);
        foreach (var customer in customers)
        {
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "S-1", customerId: customer, email: customer + "@example.com", eventId: customer + "/S-1"));
        }

        // Each send takes 25 s: inside the 30 s SendGrid timeout the options are validated against.
        hooks.BeforeSend = mail =>
        {
            hooks.Harness!.Time.Advance(TimeSpan.FromSeconds(25));
            return Task.CompletedTask;
        };
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        output.WriteLine($"sent {summary.Sent}, busy {summary.Busy}");
        Assert.Equal(0, summary.Busy);
        Assert.Equal(15, summary.Sent);
    }

    /// <summary>
    /// README: "a claimed attempt runs to its end even while the host stops". When the host stops during a chunk, the
    /// messages claimed with it but not started are left Claimed: they wait out the claim and are charged an attempt
    /// they never made (after MaxAttempts such stops: failed as "outcome unknown", never sent).
    /// </summary>
    [Fact]
    public async Task DispatchDueAsync_HostStopsDuringAChunk_LeavesNoUnstartedMessageClaimed()
    {
        var hooks = new Hooks();
        await using var harness = await CreateAsync(hooks, parallelism: 1);
        hooks.Harness = harness;
        var customers = SameShardCustomers(5);
        var ids = new List<string>();
        foreach (var customer in customers)
        {
            ids.Add((await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "H-1", customerId: customer, email: customer + "@example.com", eventId: customer + "/H-1"))).Scheduled.Single().MessageId!);
        }

        using var stopping = new CancellationTokenSource();
        hooks.BeforeSend = async mail =>
        {
            await stopping.CancelAsync();
        };
        harness.Time.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Dispatcher.DispatchDueAsync(stopping.Token));

        var states = new List<MessageEntity>();
        foreach (var id in ids)
        {
            states.Add(await harness.MessageAsync(id));
        }

        output.WriteLine(string.Join("\n", states.Select(m => $"{m.RowKey}: {m.Status}, attempts {m.Attempts}")));
        Assert.Single(harness.SendGrid.Accepted);
        Assert.DoesNotContain(states, m => m.GetStatus() == MessageStatus.Claimed);
    }

    /// <summary>
    /// DispatchBatchAsync reads "one range query" from the batch's smallest to its largest id. PlanAsync chunks the
    /// due messages in due-time order, which is hash order within a minute, so every batch's range covers nearly the
    /// whole partition: a partition of N due messages in batches of B costs N²/B rows read instead of N.
    /// </summary>
    [Fact]
    public async Task PlanAsync_Batches_AreDisjointKeyRangesSoEachBatchReadsOnlyItsOwnRows()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Dispatch:BatchSize"] = "10");
        foreach (var customer in SameShardCustomers(60))
        {
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "P-1", customerId: customer, eventId: customer + "/P-1"));
            harness.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        harness.Time.Advance(TimeSpan.FromHours(1));
        var batches = await harness.Dispatcher.PlanAsync();
        var rowsRead = 0;
        foreach (var batch in batches)
        {
            var first = batch.Ids.Min(StringComparer.Ordinal)!;
            var last = batch.Ids.Max(StringComparer.Ordinal)!;
            await foreach (var _ in harness.Tables.Messages.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {batch.Partition} and RowKey ge {first} and RowKey le {last}"), select: ["RowKey"]))
            {
                rowsRead++;
            }
        }

        output.WriteLine($"{batches.Count} batches of {batches.Sum(b => b.Ids.Count)} ids read {rowsRead} rows");
        Assert.InRange(rowsRead, 60, 90);
    }

    /// <summary>
    /// README: "no request for the messages waiting for later". A message waiting for its retry stays in the partition
    /// of the minute it first fell due, which stays listed and is read in full by every pass: a pass with nothing due
    /// costs one query per minute that has a retry waiting.
    /// </summary>
    [Fact]
    public async Task DispatchDueAsync_RetriesWaitingForLater_CostNoReadsInAPassWithNothingDue()
    {
        var quiet = await ReadsOfAnIdlePassAsync(waitingRetries: 0);
        var busy = await ReadsOfAnIdlePassAsync(waitingRetries: 30);
        output.WriteLine($"idle pass reads: nothing waiting {quiet}, 30 retries waiting {busy}");
        Assert.Equal(quiet, busy);
    }

    /// <summary>
    /// Concurrent events of one customer serialize on the profile row (every order.placed rewrites it) and give up
    /// after 8 attempts with an InvalidOperationException: a 500 (not a 503 with Retry-After), and in a batch the
    /// whole request's 500 although the other events were taken. The old code had no such limit.
    /// </summary>
    [Fact]
    public async Task IngestAsync_ManyOrdersOfOneCustomerAtOnce_AreAllTaken()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var attempts = Enumerable.Range(0, 32).Select(async n =>
        {
            try
            {
                await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"B2B-{n}", customerId: "b2b"));
                return null;
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        });

        var failures = (await Task.WhenAll(attempts)).OfType<string>().ToList();
        output.WriteLine($"{failures.Count} of 32 failed: {failures.FirstOrDefault()}");
        Assert.Empty(failures);
    }

    /// <summary>
    /// The cancel's "stand-in" row wins when the order and its cancel are in one batch (a backfill): the thank-you's
    /// row in the ledger then has no template, address or event type, a due time of the minute's start, no
    /// "scheduled" entry, and the order.placed's own answer (stored in its marker) says "already scheduled for this
    /// order" with existing: true, for a message it was the first to schedule.
    /// </summary>
    [Fact]
    public async Task IngestBatchAsync_OrderAndItsCancelInOneBatch_LedgerKeepsTheScheduledMessagesDetails()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(
        [
            TestEvents.Order(EventTypes.OrderPlaced, "A-1"),
            TestEvents.Order(EventTypes.OrderCancelled, "A-1"),
        ]));

        var scheduled = outcomes[0].Result!.Scheduled.Single();
        var message = await harness.MessageAsync(scheduled.MessageId!);
        output.WriteLine($"result: existing {scheduled.Existing}, reason '{scheduled.Reason}'; row: template '{message.TemplateId}', email '{message.Email}', event '{message.EventType}', due {message.DueAt:O}, history {string.Join(", ", message.GetHistory().Select(e => e.Kind))}");
        Assert.False(scheduled.Existing);
        Assert.Equal("thank-you", message.TemplateId);
        Assert.Equal("kari@example.com", message.Email);
        Assert.Equal(EventTypes.OrderPlaced, message.EventType);
        Assert.Contains(message.GetHistory(), e => e.Kind == MessageEventKind.Scheduled);
    }

    /// <summary>
    /// Unsubscribe now lists every message the customer ever had (pointers of every order) and reads each one, on
    /// every click (link scanners click more than once): its cost grows with the customer's whole history, where the
    /// old code ran one query for the pending messages to that address.
    /// </summary>
    [Fact]
    public async Task UnsubscribeAsync_CustomerWithLongHistory_CostsAFewRequests()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        string? first = null;
        for (var n = 0; n < 120; n++)
        {
            var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"L-{n}", customerId: "loyal"))).Scheduled.First(s => s.RuleId == "thank-you").MessageId!;
            first ??= id;
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));
        var before = storage.Requests;
        await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, first!, null));
        var requests = storage.Requests - before;

        output.WriteLine($"{requests} storage requests for one unsubscribe click");

        // 10 before reports; a change to a message now also lists its partition for counting, once a minute per partition;
        // and a new suppression is logged again after its row is written, so that a removal racing it cannot have the
        // log's last word.
        Assert.InRange(requests, 1, 13);
    }

    /// <summary>
    /// PlanAsync has no per-partition guard: a storage failure reading one partition throws out of the whole plan,
    /// after the partitions before it were leased. On Functions the timer invocation fails, so no batch is queued,
    /// and the leased partitions' messages are not handed out again until HandOutLease has passed.
    /// </summary>
    [Fact]
    public async Task PlanAsync_OnePartitionUnreadable_TheOthersAreStillHandedOutByTheNextPlan()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        var ids = new List<string>();
        for (var n = 0; n < 40; n++)
        {
            ids.Add((await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"Q-{n}", customerId: $"q-{n}"))).Scheduled.Single().MessageId!);
        }

        Assert.True(ids.Select(MessageIds.PartitionOf).Distinct().Count() > 1);
        harness.Time.Advance(TimeSpan.FromHours(1));

        // The second partition's read fails once: that plan hands out the others, the next one the rest, each once.
        storage.Fail("Messages", "GET", skip: 1, count: 1);
        var first = await harness.Dispatcher.PlanAsync();
        var next = await harness.Dispatcher.PlanAsync();

        output.WriteLine($"first plan hands out {first.Sum(b => b.Ids.Count)}, the next {next.Sum(b => b.Ids.Count)}, of {ids.Count}");
        Assert.NotEmpty(first);
        Assert.Equal(ids.Order(StringComparer.Ordinal), first.Concat(next).SelectMany(b => b.Ids).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Two dispatchers that read a partition at the same moment (a batch delivered twice, a lease running out while
    /// its batch is still being worked) both claim it. The loser's transaction fails on its first row; RowBatches
    /// takes that row out and submits the rest again, one request per row: 100 failing requests for a batch of 100,
    /// where the README says a batch handed out twice "costs a look".
    /// </summary>
    [Fact]
    public async Task ClaimAsync_ChunkAnotherDispatcherJustClaimed_CostsAFewRequests()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        foreach (var customer in SameShardCustomers(100))
        {
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "P-1", customerId: customer, eventId: customer + "/P-1"));
        }

        harness.Time.Advance(TimeSpan.FromHours(1));
        var listed = (await harness.Life.DuePartitionsAsync(harness.Time.GetUtcNow())).Single();
        var due = (await harness.Life.PendingInAsync(listed, harness.Time.GetUtcNow())).Due;
        Assert.Equal(100, due.Count);
        var winner = await harness.Life.ClaimAsync(due, TimeSpan.FromMinutes(5), 5);

        var before = storage.Requests;
        var loser = await harness.Life.ClaimAsync(due, TimeSpan.FromMinutes(5), 5);
        var requests = storage.Requests - before;

        output.WriteLine($"the losing claim of 100 cost {requests} requests");
        Assert.All(winner, claim => Assert.Equal(ClaimOutcome.Claimed, claim.Outcome));
        Assert.All(loser, claim => Assert.Equal(ClaimOutcome.Busy, claim.Outcome));
        Assert.InRange(requests, 1, 5);
    }

    /// <summary>
    /// Unsubscribe writes the suppression row, then its log row; dispatchers and ingest now consult only the list
    /// built from the log. If the log write fails (the click answers 503 and a mailbox provider's one-click POST is not
    /// necessarily retried), the address is suppressed in the table but in nobody's list: its mail keeps going out,
    /// where the old code read the suppression row itself before each send.
    /// </summary>
    [Fact]
    public async Task UnsubscribeAsync_LogWriteFails_TheAddressGetsNoMoreMail()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        var sent = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "U-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        storage.Fail("Suppressions", "PUT", skip: 0, count: 1);
        var click = await Record.ExceptionAsync(() => harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, sent, null)));
        var suppressed = await harness.Services.GetRequiredService<Suppressions>().IsSuppressedAsync("kari@example.com");

        // Whatever the failed click left, an address the table holds gets no mail; and the click the person makes
        // again after the error completes the unsubscribe.
        var next = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "U-2"))).Scheduled.Single().MessageId!;
        if (!suppressed)
        {
            Assert.NotNull(click);
            await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, sent, null));
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));

        output.WriteLine($"click: {click?.GetType().Name}; suppression row written: {suppressed}");
        Assert.False(harness.SendGrid.Accepted.Any(mail => mail.MessageId == next), "mail went to an address that unsubscribed");
    }

    /// <summary>
    /// README: "Every event on an order rewrites the order's head under the ETag it read". It does not: when the head
    /// would not change (the event's type was seen at that time already, its data adds nothing), the transaction holds
    /// only the new pointer's Add, with no condition on the head. Here the same order.placed comes from a second source
    /// after a rule was added, while an order.cancelled lands between its read and its write: the cancel reads no
    /// pointer for the new message and the new message is scheduled — and sent — for a cancelled order.
    /// </summary>
    [Fact]
    public async Task IngestAsync_CancelBetweenTheReadAndTheWriteOfAnEventThatLeavesTheHeadAlone_StillCancelsItsMessage()
    {
        var hook = new BatchHook();
        await using var harness = await PipelineHarness.CreateAsync(services: services => services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = new Azure.Data.Tables.TableClientOptions();
            options.AddPolicy(hook, Azure.Core.HttpPipelinePosition.PerCall);
            return new TableServiceClient(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FollowUp.Storage.StorageOptions>>().Value.ConnectionString, options);
        })));
        var placedAt = harness.Time.GetUtcNow();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: placedAt));
        await harness.Services.GetRequiredService<FollowUp.Rules.RuleBook>().SaveAsync(
            new FollowUp.Rules.Rule { Id = "second-thanks", Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = "thank-you", CancelOn = [EventTypes.OrderCancelled] },
            expectedVersion: null);

        // The same order, as the ERP reports it; its customer-partition write is held until the shop's cancel is in.
        var fromErp = TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: placedAt);
        fromErp["source"] = "/erp/orders";
        hook.Before = () => harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1", time: placedAt.AddMinutes(1)));
        var result = await harness.IngestAsync(fromErp);
        Assert.True(hook.Fired);

        var second = result.Scheduled.Single(s => s.RuleId == "second-thanks").MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));
        output.WriteLine($"second-thanks is {(await harness.MessageAsync(second)).Status}; sent: {harness.SendGrid.Accepted.Count}");
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(second)).GetStatus());
        Assert.Empty(harness.SendGrid.Accepted);
    }

    private static async Task<int> ReadsOfAnIdlePassAsync(int waitingRetries)
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(
            settings =>
            {
                settings["FollowUp:Dispatch:RetryBaseDelay"] = "06:00:00";
                settings["FollowUp:Dispatch:MaxRetryDelay"] = "12:00:00";
            },
            services: storage.InstallIn);
        harness.SendGrid.Default = FakeSendGridResponse.ServerError;
        for (var n = 0; n < waitingRetries; n++)
        {
            // One message a minute, as a shop's orders come in.
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"R-{n}", customerId: $"r-{n}"));
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(10));
        var before = storage.Reads;
        var idle = await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0, idle.Sent + idle.Retrying);
        return storage.Reads - before;
    }

    private static Task<PipelineHarness> CreateAsync(Hooks hooks, int parallelism) =>
        PipelineHarness.CreateAsync(
            settings => settings["FollowUp:Dispatch:Parallelism"] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
            services: services => services.Replace(ServiceDescriptor.Singleton<IMailSender>(provider =>
                new HookedSender(provider.GetRequiredService<SendGridMailSender>(), hooks))));

    private static string Shard(string customerId, string orderId) =>
        MessageIds.PartitionOf(MessageIds.For(Minute, MessageIds.Hash("thank-you", SubjectKind.Order, customerId, orderId)))[^1..];

    /// <summary>Order ids of the two customers whose thank-yous land in the same partition of a minute.</summary>
    private static (string First, string Second) SameShard(string firstCustomer, string secondCustomer)
    {
        var shard = Shard(firstCustomer, "F-0");
        for (var n = 0; ; n++)
        {
            if (Shard(secondCustomer, $"V-{n}") == shard)
            {
                return ("F-0", $"V-{n}");
            }
        }
    }

    /// <summary>Customers whose order S-1/H-1/P-1 thank-yous share a shard (the shard does not depend on the order id chosen here: all use one).</summary>
    private static List<string> SameShardCustomers(int count)
    {
        var found = new List<string>();
        for (var n = 0; found.Count < count; n++)
        {
            var customer = $"s-{n}";
            if (Shard(customer, "S-1") == "0" && Shard(customer, "H-1") == "0" && Shard(customer, "P-1") == "0")
            {
                found.Add(customer);
            }
        }

        return found;
    }

    private static FollowUpEvent[] Parse(IEnumerable<JsonObject> events) => [.. events.Select(PipelineHarness.Parse)];

    /// <summary>Runs <see cref="Before"/> once, before the next entity-group transaction goes out.</summary>
    private sealed class BatchHook : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public Func<Task>? Before { get; set; }

        public bool Fired { get; private set; }

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            if (Before is { } before && message.Request.Method == Azure.Core.RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Before = null;
                Fired = true;
                await before();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    private sealed class Hooks
    {
        public PipelineHarness? Harness { get; set; }

        public Func<OutgoingMail, Task>? BeforeSend { get; set; }
    }

    private sealed class HookedSender(IMailSender inner, Hooks hooks) : IMailSender
    {
        public string Description => inner.Description;

        public async Task<SendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            if (hooks.BeforeSend is { } hook)
            {
                await hook(mail);
            }

            return await inner.SendAsync(mail, cancellationToken);
        }
    }
}
