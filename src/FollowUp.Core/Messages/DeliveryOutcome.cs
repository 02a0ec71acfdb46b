namespace FollowUp.Messages;

/// <summary>What became of one delivery event from the provider.</summary>
public enum DeliveryOutcome
{
    Recorded,

    /// <summary>Recorded before: the provider sent it again.</summary>
    Duplicate,

    /// <summary>No such message (another system's mail on the same account, or a message erased).</summary>
    UnknownMessage,
}
