namespace FollowUp.Sending;

public enum SendResult
{
    /// <summary>The provider took the message.</summary>
    Accepted,

    /// <summary>It may work later: throttled, a server error, a timeout, a network fault.</summary>
    Transient,

    /// <summary>It will never work as it is: the provider refused the message itself.</summary>
    Permanent,
}
