using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Alerts;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Privacy;

/// <summary>
/// A customer's right of access and to be forgotten (GDPR articles 15 and 17): everything held about them as JSON, and
/// its erasure — pending messages cancelled, messages' personal data erased, the customer's records deleted, an
/// unsubscribe kept as a keyed hash of the address so that it is still honoured, and an audit entry without personal
/// data. Also the owner of the Audit table.
/// </summary>
public sealed partial class CustomerErasure(
    CustomerRecords customers,
    MessageLife life,
    Suppressions suppressions,
    WebhookSubscriptions subscriptions,
    WebhookOutbox webhooks,
    AlertOutbox alerts,
    Sending.OutboxMailSender outboxFiles,
    FollowUpTables tables,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<CustomerErasure> logger)
{
    public const string Reason = "the customer asked to be forgotten";

    private const int Page = 200;

    /// <summary>Everything held about the customer; null when nothing is.</summary>
    public async Task<JsonObject?> ExportAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var records = await customers.RowsAsync(customerId, cancellationToken).ConfigureAwait(false);
        var messages = new JsonArray();
        var addresses = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in await MessageIdsAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            if (await life.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } message)
            {
                continue;
            }

            var view = System.Text.Json.JsonSerializer.SerializeToNode(MessageView.From(message), FollowUpJson.Options)!.AsObject();
            view["model"] = JsonNode.Parse(message.Model);
            messages.Add(view);
            if (message.Email.Length > 0)
            {
                addresses.Add(message.Email);
            }
        }

        if (records.Count == 0 && messages.Count == 0)
        {
            return null;
        }

        var suppressed = new JsonArray();
        foreach (var address in addresses)
        {
            if (await suppressions.ScopeOfAsync(address, cancellationToken).ConfigureAwait(false) is { } scope)
            {
                suppressed.Add(new JsonObject { ["email"] = address, ["unsubscribedFrom"] = Suppressions.Words(scope) });
            }
        }

        return new JsonObject
        {
            ["customerId"] = customerId,
            ["exportedAt"] = time.GetUtcNow(),
            ["records"] = new JsonArray([.. records.Select(Record)]),
            ["messages"] = messages,
            ["suppressions"] = suppressed,
        };
    }

    /// <summary>
    /// Erases the customer. Idempotent: a second erasure finds nothing more to erase. Safe against a dispatcher
    /// sending at the same moment: a message being sent is erased under its ETag like any change, its send goes ahead
    /// and no further attempt is made, and the sent record is written onto the erased row.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var ids = await MessageIdsAsync(customerId, cancellationToken).ConfigureAwait(false);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (await customers.ProfileAsync(customerId, cancellationToken).ConfigureAwait(false) is { Email: { Length: > 0 } profileEmail })
        {
            addresses.Add(profileEmail);
        }

        var subscribed = (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Id).ToList();
        var pseudonym = "erased:" + Pseudonym(customerId)[..24];
        int erased = 0, cancelled = 0;
        foreach (var id in ids)
        {
            // The address first, for its unsubscribe; then the message.
            if (await life.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Email.Length: > 0 } message)
            {
                addresses.Add(message.Email);
            }

            var (found, wasCancelled) = await life.EraseAsync(id, Reason, pseudonym, cancellationToken).ConfigureAwait(false);
            erased += found ? 1 : 0;
            cancelled += wasCancelled ? 1 : 0;
            await alerts.ForgetAsync(id, cancellationToken).ConfigureAwait(false);
            await webhooks.ForgetMessageAsync(subscribed, id, cancellationToken).ConfigureAwait(false);
        }

        var kept = 0;
        foreach (var address in addresses)
        {
            kept += await suppressions.KeepAsHashAsync(address, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var records = await customers.EraseAsync(customerId, cancellationToken).ConfigureAwait(false);

        // Without a SendGrid key, the mails were written as files: theirs go too.
        outboxFiles.Forget(ids);
        var result = new ErasureResult(erased, cancelled, records, kept);
        await AuditAsync(customerId, result, cancellationToken).ConfigureAwait(false);
        LogErased(logger, erased, cancelled, records);
        return result;
    }

    /// <summary>The audit entry: when, a keyed hash of the customer id (to answer "was X erased?" for whoever has the id), and the counts.</summary>
    private async Task AuditAsync(string customerId, ErasureResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customer = Pseudonym(customerId);
        await tables.Audit.UpsertEntityAsync(
            new TableEntity("erasure", $"{now.UtcTicks:D19}|{customer[..16]}")
            {
                ["At"] = now,
                ["Action"] = "customer erased",
                ["CustomerHash"] = customer,
                ["Messages"] = result.Messages,
                ["Cancelled"] = result.Cancelled,
                ["Records"] = result.Records,
                ["SuppressionsKept"] = result.SuppressionsKept,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A keyed hash of the customer id: who has the id can tell it was erased, nobody else can tell whose it was.</summary>
    private string Pseudonym(string customerId)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("followup-audit|" + options.Value.SigningKey));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(customerId)));
    }

    private async Task<IReadOnlyList<string>> MessageIdsAsync(string customerId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var key = TableKey.Encode(customerId);
        string? continuation = null;
        do
        {
            (var page, continuation) = await customers.ListMessagesAsync(key, Page, continuation, cancellationToken).ConfigureAwait(false);
            ids.AddRange(page.Where(MessageIds.IsWellFormed));
        }
        while (continuation is not null);

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    private static JsonObject Record(TableEntity row)
    {
        var json = new JsonObject
        {
            ["kind"] = row.RowKey.Contains("|profile", StringComparison.Ordinal) ? "profile"
                : row.RowKey.Contains("|s|", StringComparison.Ordinal) ? "order or deal"
                : row.RowKey.Contains("|e|", StringComparison.Ordinal) ? "event kept for replays"
                : "message pointer",
        };
        foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag")))
        {
            json[name] = value switch
            {
                string text when text.StartsWith('{') || text.StartsWith('[') => TryParse(text),
                null => null,
                _ => JsonValue.Create(value),
            };
        }

        return json;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A customer was erased: {Messages} messages ({Cancelled} cancelled), {Records} records")]
    private static partial void LogErased(ILogger logger, int messages, int cancelled, int records);
}
