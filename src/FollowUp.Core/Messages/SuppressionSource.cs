namespace FollowUp.Messages;

/// <summary>What put an address on the suppression list.</summary>
public enum SuppressionSource
{
    /// <summary>A row written before suppressions kept their source.</summary>
    Unknown,

    /// <summary>The unsubscribe link of a message: its page, or a mail client's RFC 8058 one-click.</summary>
    UnsubscribeLink,

    /// <summary>The provider reported a hard bounce.</summary>
    HardBounce,

    /// <summary>The provider dropped a mail because of the address (it bounced, complained or unsubscribed there before, or is invalid).</summary>
    Dropped,

    /// <summary>The recipient marked a mail as spam.</summary>
    SpamReport,

    /// <summary>The recipient unsubscribed through the provider's own link.</summary>
    ProviderUnsubscribe,

    /// <summary>Added through the API by a person (<see cref="SuppressedAddress.By"/> names the key).</summary>
    Manual,
}
