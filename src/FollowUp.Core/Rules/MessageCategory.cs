namespace FollowUp.Rules;

/// <summary>
/// What kind of message a rule sends, which decides the frequency caps it counts against, whether it needs marketing
/// consent, and what an unsubscribe stops.
/// </summary>
public enum MessageCategory
{
    /// <summary>About something the customer did or is waiting for: a thank-you, a word while the parcel is on its way.</summary>
    Service,

    /// <summary>Asks for the customer's view: review requests, surveys.</summary>
    Feedback,

    /// <summary>Offers and rewards: needs the customer's consent.</summary>
    Marketing,
}
