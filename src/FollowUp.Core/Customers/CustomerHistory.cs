using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Customers;

/// <summary>
/// What an event does to a customer's record: the contact details of the latest event win, and an
/// <c>order.placed</c> is counted once, keeping the history as that order left it on the order's own head — so a
/// replayed or concurrent <c>order.placed</c> never counts twice, and a replay sees what the first attempt saw. Decides
/// only; the customer's rows are written by their owner, in one transaction with the rest of the event's changes.
/// </summary>
public static class CustomerHistory
{
    /// <summary>The customer's record after <paramref name="event"/>, and what must be written for it.</summary>
    /// <param name="stored">The profile as read, or null for a new customer.</param>
    /// <param name="counted">The history as this event's order left it, if the order was counted before.</param>
    /// <param name="event">The event.</param>
    /// <param name="partition">The customer's partition.</param>
    /// <param name="rowKey">The profile's row.</param>
    /// <param name="now">The time now.</param>
    /// <returns>The history the event's rules see; the profile to write (null: unchanged); the order's count to keep (null: none new).</returns>
    public static (CustomerEntity Seen, CustomerEntity? Write, CountedOrder? Count) Apply(CustomerEntity? stored, CountedOrder? counted, FollowUpEvent @event, string partition, string rowKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var profile = stored?.Copy() ?? new CustomerEntity
        {
            PartitionKey = partition,
            RowKey = rowKey,
            CustomerId = @event.Customer.Id,
            CreatedAt = now,
        };

        var changed = UpdateContact(profile, @event, now) || stored is null;
        if (@event.Type != EventTypes.OrderPlaced || @event.Order is not { } order)
        {
            return (profile, changed ? profile : null, null);
        }

        if (counted is not null)
        {
            // Counted before (a replay, or the same order from two sources): the history as it stood after this order.
            var seen = profile.Copy();
            seen.OrderCount = counted.OrderCount;
            seen.LifetimeSpend = counted.LifetimeSpend;
            seen.FirstOrderAt = counted.FirstOrderAt ?? seen.FirstOrderAt;
            seen.LastOrderAt = counted.LastOrderAt ?? seen.LastOrderAt;
            return (seen, changed ? profile : null, null);
        }

        var placedAt = @event.Time ?? now;
        var total = order.Total ?? 0m;
        profile.OrderCount++;
        profile.LifetimeSpend = AddSpend(profile.LifetimeSpend, total).ToString(CultureInfo.InvariantCulture);
        profile.Currency = order.Currency ?? profile.Currency;
        profile.FirstOrderAt = profile.FirstOrderAt is { } first && first <= placedAt ? first : placedAt;
        profile.LastOrderAt = profile.LastOrderAt is { } last && last >= placedAt ? last : placedAt;
        return (profile, profile, new CountedOrder(profile.OrderCount, profile.LifetimeSpend, profile.FirstOrderAt, profile.LastOrderAt));
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
