namespace FollowUp.Rules;

/// <summary>Where in the customer's journey a rule's messages go out: what reports group them by.</summary>
public enum JourneyPhase
{
    /// <summary>Right after the purchase: the thank-you.</summary>
    Purchase,

    /// <summary>While the order is on its way.</summary>
    Waiting,

    /// <summary>Once it is in use: the review request, the NPS question.</summary>
    Use,

    /// <summary>A customer who comes back: the loyalty reward.</summary>
    Repeat,

    /// <summary>A deal that was lost: the survey that asks why.</summary>
    LostSale,
}
