namespace FollowUp.Messages;

/// <summary>What an unsubscribe stops, widest last.</summary>
public enum UnsubscribeScope
{
    /// <summary>Offers and rewards; order notes and questions about a purchase still come.</summary>
    Marketing,

    /// <summary>Offers, rewards and requests for reviews or answers; only notes about the customer's own orders come.</summary>
    MarketingAndFeedback,

    /// <summary>Every message.</summary>
    Everything,
}
