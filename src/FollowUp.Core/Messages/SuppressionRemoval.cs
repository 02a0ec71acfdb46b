namespace FollowUp.Messages;

/// <summary>How a removal from the suppression list ended.</summary>
public enum SuppressionRemoval
{
    Removed,

    /// <summary>The address was not on the list.</summary>
    NotFound,

    /// <summary>The address was suppressed again (an unsubscribe, a bounce) while it was being removed: it stays.</summary>
    SuppressedAgain,
}
