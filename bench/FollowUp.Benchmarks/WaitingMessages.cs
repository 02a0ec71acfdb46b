using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Customers;
using FollowUp.Defaults;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Benchmarks;

/// <summary>
/// Thank-yous waiting for next month, written straight into the Messages and Schedule tables of their own table prefix
/// as the scheduler would have left them, but in entity-group transactions instead of one event at a time, so that
/// 100,000 take seconds rather than many minutes: each row a real scheduled message (id from its due minute and hash,
/// the render model <see cref="MessageModel"/> builds, a one-entry history), each Messages partition listed in the
/// directory. Figures 5 and 6 share one seeding; disposing deletes the tables.
/// </summary>
internal sealed class WaitingMessages : IAsyncDisposable
{
    /// <summary>About as many as fall due in a busy minute; fewer messages take fewer minutes.</summary>
    private const int PerMinute = 100;

    private const int MaxMinutes = 1_000;

    /// <summary>Rows of one partition per entity-group transaction, the service's maximum.</summary>
    private const int RowLimit = 100;

    private const string Run = "wait";

    private readonly FollowUpTables _tables;

    private WaitingMessages(FollowUpTables tables, string tablePrefix, int count, int partitions, string firstId, DateTimeOffset firstDue, DateTimeOffset lastDue, TimeSpan elapsed)
    {
        _tables = tables;
        TablePrefix = tablePrefix;
        FirstId = firstId;
        Count = count;
        Partitions = partitions;
        FirstDue = firstDue;
        LastDue = lastDue;
        Elapsed = elapsed;
    }

    public string TablePrefix { get; }

    public int Count { get; }

    /// <summary>Messages partitions written, each listed in the directory.</summary>
    public int Partitions { get; }

    /// <summary>The id of the message due first.</summary>
    public string FirstId { get; }

    public DateTimeOffset FirstDue { get; }

    public DateTimeOffset LastDue { get; }

    /// <summary>How long the seeding took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Writes <paramref name="count"/> scheduled thank-yous due from 09:00 UTC on the first of next month, about
    /// <see cref="PerMinute"/> a minute over up to <see cref="MaxMinutes"/> minutes, from <paramref name="writers"/>
    /// concurrent writers.
    /// </summary>
    public static async Task<WaitingMessages> SeedAsync(string connectionString, int count, int writers, CancellationToken cancellationToken)
    {
        var prefix = "benchwait" + Guid.NewGuid().ToString("N")[..10];
        var tables = new FollowUpTables(new TableServiceClient(connectionString), prefix);
        var started = Stopwatch.GetTimestamp();
        await tables.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var now = TimeProvider.System.GetUtcNow();
            var start = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(1);
            var minutes = Math.Clamp(count / PerMinute, 1, MaxMinutes);
            var rows = Enumerable.Range(0, count).Select(index => Place(index, start, minutes)).ToList();
            var byPartition = rows.GroupBy(row => row.Partition, StringComparer.Ordinal).ToList();

            // Listed before their messages are written, as the product does.
            var directory = byPartition
                .Select(partition => new TableEntity("due", partition.Key) { ["TouchedAt"] = now })
                .Chunk(RowLimit)
                .ToList();
            var messages = byPartition.SelectMany(partition => partition.Chunk(RowLimit)).ToList();
            var thankYou = DefaultRules.All.Single(rule => rule.Id == "thank-you");
            await Parallel.ForEachAsync(
                directory,
                new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken },
                async (batch, token) => await tables.Schedule.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), token));
            await Parallel.ForEachAsync(
                messages,
                new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken },
                async (batch, token) => await tables.Messages.SubmitTransactionAsync(
                    batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, Message(row, thankYou, now))),
                    token));

            var first = rows.MinBy(row => row.DueAt)!;
            return new WaitingMessages(tables, prefix, count, byPartition.Count, first.Id, first.DueAt, rows.Max(row => row.DueAt), Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            await tables.DeleteAllAsync(CancellationToken.None);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _tables.DeleteAllAsync(CancellationToken.None);

    /// <summary>Where message <paramref name="index"/> goes: minute index mod minutes, a few seconds into it.</summary>
    private static Placement Place(int index, DateTimeOffset start, int minutes)
    {
        var dueAt = MessageIds.Truncate(start + TimeSpan.FromMinutes(index % minutes) + TimeSpan.FromSeconds(index / minutes % 60));
        var number = index.ToString(CultureInfo.InvariantCulture);
        var customerId = $"{Run}-c{number}";
        var orderId = $"{Run}-o{number}";
        var id = MessageIds.For(dueAt, MessageIds.Hash("thank-you", SubjectKind.Order, customerId, orderId));
        return new Placement(index, id, MessageIds.PartitionOf(id), dueAt);
    }

    /// <summary>The row <see cref="MessageScheduler"/> writes for a customer's first order.</summary>
    private static MessageEntity Message(Placement row, Rules.Rule rule, DateTimeOffset now)
    {
        var cloudEvent = BenchEvents.OrderPlaced(Run, row.Index, now);
        var errors = new FieldErrors();
        var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(cloudEvent), errors)
            ?? throw new InvalidOperationException("Invalid benchmark event: " + JsonSerializer.Serialize(errors.ToDictionary()));
        var profile = new CustomerEntity
        {
            CustomerId = parsed.Customer.Id,
            Email = parsed.Customer.Email,
            Name = parsed.Customer.Name,
            Locale = parsed.Customer.Locale,
            TimeZone = parsed.Customer.TimeZone,
            OrderCount = 1,
            LifetimeSpend = parsed.Order!.Total?.ToString(CultureInfo.InvariantCulture) ?? "0",
            Currency = parsed.Order.Currency,
            FirstOrderAt = now,
            LastOrderAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var model = MessageModel.Create(parsed, profile, now);
        var history = new List<MessageEvent> { new(now, MessageEventKind.Scheduled, $"by rule {rule.Id} on {parsed.Type}, due {row.DueAt:O}") };
        return new MessageEntity
        {
            PartitionKey = row.Partition,
            RowKey = row.Id,
            CustomerId = parsed.Customer.Id,
            RuleId = rule.Id,
            TemplateId = rule.TemplateId,
            SubjectKind = parsed.SubjectKind.ToString(),
            SubjectId = parsed.SubjectId,
            EventType = parsed.Type,
            EventTime = parsed.Time,
            CancelOn = string.Join(',', rule.CancelOn),
            Email = parsed.Customer.Email,
            Locale = parsed.Customer.Locale,
            TimeZone = parsed.Customer.TimeZone,
            Status = nameof(MessageStatus.Scheduled),
            CreatedAt = now,
            DueAt = row.DueAt,
            Model = model.ToJsonString(FollowUpJson.Storage),
            History = JsonSerializer.Serialize(history, FollowUpJson.Storage),
        };
    }

    private sealed record Placement(int Index, string Id, string Partition, DateTimeOffset DueAt);
}
