using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Customers;

/// <summary>
/// Keeps each customer's record current from events. An order is counted by inserting its own row in the same
/// partition and transaction as the profile update, so a replayed or concurrent <c>order.placed</c> never counts twice.
/// </summary>
public sealed class CustomerHistory(FollowUpTables tables, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public async Task<CustomerEntity> RecordAsync(FollowUpEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var partition = TableKey.Encode(@event.Customer.Id);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await tables.Customers
                .GetEntityIfExistsAsync<CustomerEntity>(partition, CustomerEntity.ProfileRowKey, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var now = time.GetUtcNow();
            var profile = existing.HasValue ? existing.Value! : new CustomerEntity
            {
                PartitionKey = partition,
                CustomerId = @event.Customer.Id,
                CreatedAt = now,
            };

            var changed = UpdateContact(profile, @event, now);
            if (existing.HasValue && !changed && @event.Type != EventTypes.OrderPlaced)
            {
                // Nothing new to keep: no write, and no contention with other events of this customer.
                return profile;
            }

            var actions = new List<TableTransactionAction>();
            if (@event.Type == EventTypes.OrderPlaced && @event.Order is { } order)
            {
                var placedAt = @event.Time ?? now;
                var total = order.Total ?? 0m;
                profile.OrderCount++;
                profile.LifetimeSpend = AddSpend(profile.LifetimeSpend, total).ToString(CultureInfo.InvariantCulture);
                profile.Currency = order.Currency ?? profile.Currency;
                profile.FirstOrderAt = profile.FirstOrderAt is { } first && first <= placedAt ? first : placedAt;
                profile.LastOrderAt = profile.LastOrderAt is { } last && last >= placedAt ? last : placedAt;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, OrderRow(order.Id))
                {
                    ["Total"] = total.ToString(CultureInfo.InvariantCulture),
                    ["Currency"] = order.Currency,
                    ["PlacedAt"] = placedAt,

                    // The history as this order left it: a replay of this event sees what the first attempt saw.
                    [nameof(CustomerEntity.OrderCount)] = profile.OrderCount,
                    [nameof(CustomerEntity.LifetimeSpend)] = profile.LifetimeSpend,
                    [nameof(CustomerEntity.FirstOrderAt)] = profile.FirstOrderAt,
                    [nameof(CustomerEntity.LastOrderAt)] = profile.LastOrderAt,
                }));
            }

            actions.Add(existing.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, profile, profile.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, profile));

            try
            {
                var response = await tables.Customers.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                profile.ETag = response.Value[^1].Headers.ETag ?? profile.ETag;
                return profile;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                if (actions.Count == 2 && ex.FailedTransactionActionIndex == 0 && ex.Status == 409)
                {
                    // This order was counted before (a replay after a partial failure): refresh contact details only,
                    // and give the rules the history as it stood after this order, not after later ones.
                    var refreshed = await RefreshContactAsync(@event, partition, cancellationToken).ConfigureAwait(false);
                    return await AsOfOrderAsync(refreshed, partition, @event.Order!.Id, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string OrderRow(string orderId) => "order|" + TableKey.Encode(orderId);

    private async Task<CustomerEntity> AsOfOrderAsync(CustomerEntity profile, string partition, string orderId, CancellationToken cancellationToken)
    {
        var row = await tables.Customers.GetEntityIfExistsAsync<TableEntity>(partition, OrderRow(orderId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value!.GetInt32(nameof(CustomerEntity.OrderCount)) is not { } count)
        {
            return profile;
        }

        profile.OrderCount = count;
        profile.LifetimeSpend = row.Value.GetString(nameof(CustomerEntity.LifetimeSpend)) ?? profile.LifetimeSpend;
        profile.FirstOrderAt = row.Value.GetDateTimeOffset(nameof(CustomerEntity.FirstOrderAt)) ?? profile.FirstOrderAt;
        profile.LastOrderAt = row.Value.GetDateTimeOffset(nameof(CustomerEntity.LastOrderAt)) ?? profile.LastOrderAt;
        return profile;
    }

    private async Task<CustomerEntity> RefreshContactAsync(FollowUpEvent @event, string partition, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var profile = (await tables.Customers.GetEntityAsync<CustomerEntity>(partition, CustomerEntity.ProfileRowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (!UpdateContact(profile, @event, time.GetUtcNow()))
            {
                return profile;
            }

            try
            {
                var response = await tables.Customers.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                profile.ETag = response.Headers.ETag ?? profile.ETag;
                return profile;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>
    /// A customer's lifetime spend, capped far above any real one: each order is at most <see cref="EventParser.MaxAmount"/>,
    /// so the cap only guards against a stored value nobody should have written.
    /// </summary>
    internal static decimal AddSpend(string stored, decimal total)
    {
        const decimal Cap = 1_000_000_000_000_000_000m;
        var spend = decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= Cap ? parsed : 0m;
        return Cap - spend < total ? Cap : spend + total;
    }

    /// <summary>
    /// The contact details of the event with the latest <c>time</c> win, whatever order events arrive in (an event
    /// without a time counts as the latest); a field the event leaves out keeps what we knew.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    private static bool UpdateContact(CustomerEntity profile, FollowUpEvent @event, DateTimeOffset now)
    {
        var before = (profile.Email, profile.Name, profile.Locale, profile.Country, profile.MarketingConsent, profile.TimeZone, profile.ContactAsOf);
        Apply(profile, @event);
        var changed = before != (profile.Email, profile.Name, profile.Locale, profile.Country, profile.MarketingConsent, profile.TimeZone, profile.ContactAsOf);
        if (changed)
        {
            profile.UpdatedAt = now;
        }

        return changed;
    }

    private static void Apply(CustomerEntity profile, FollowUpEvent @event)
    {
        if (@event.Time is { } eventTime && profile.ContactAsOf is { } latest && eventTime < latest && profile.Email.Length > 0)
        {
            profile.Name ??= @event.Customer.Name;
            profile.Locale ??= @event.Customer.Locale;
            profile.Country ??= @event.Customer.Country;
            profile.MarketingConsent ??= @event.Customer.MarketingConsent;
            profile.TimeZone ??= @event.Customer.TimeZone;
            return;
        }

        profile.ContactAsOf = @event.Time ?? profile.ContactAsOf;
        profile.Email = @event.Customer.Email;
        profile.Name = @event.Customer.Name ?? profile.Name;
        profile.Locale = @event.Customer.Locale ?? profile.Locale;
        profile.Country = @event.Customer.Country ?? profile.Country;
        profile.MarketingConsent = @event.Customer.MarketingConsent ?? profile.MarketingConsent;
        profile.TimeZone = @event.Customer.TimeZone ?? profile.TimeZone;
    }
}
