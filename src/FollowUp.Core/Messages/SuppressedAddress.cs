namespace FollowUp.Messages;

/// <summary>
/// A suppression as the API shows it: the address (or, for an erased customer, only the keyed hash it is kept as),
/// what it stops, what put it there and when, and the changes people made to it.
/// </summary>
public sealed record SuppressedAddress
{
    /// <summary>What names it in <c>/api/suppressions/{address}</c>: the lower-cased address, or <c>h_…</c> for an erased customer's.</summary>
    public required string Key { get; init; }

    /// <summary>The address; null when only its keyed hash is kept.</summary>
    public string? Address { get; init; }

    /// <summary>True for an address kept only as a keyed hash, because its customer was erased: it still gets no mail.</summary>
    public bool ErasedCustomer { get; init; }

    /// <summary>False for an address whose suppression was removed (its history says when and why).</summary>
    public bool Suppressed { get; init; } = true;

    public UnsubscribeScope? Scope { get; init; }

    /// <summary>What put it on the list; <c>unknown</c> for a suppression older than FollowUp's keeping of it.</summary>
    public SuppressionSource? Source { get; init; }

    /// <summary>Why, in words: the choice on the unsubscribe page, the provider's reason, or what the person wrote.</summary>
    public string? Reason { get; init; }

    /// <summary>When it was suppressed (for a provider's event, when the provider saw it).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>For one added by hand: the name of the API key.</summary>
    public string? By { get; init; }

    /// <summary>The message whose link or delivery event suppressed it.</summary>
    public string? MessageId { get; init; }

    /// <summary>The changes people made, newest first; only in the answers about one address.</summary>
    public IReadOnlyList<SuppressionChange>? History { get; init; }
}
