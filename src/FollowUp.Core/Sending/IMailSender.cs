namespace FollowUp.Sending;

/// <summary>Where rendered messages go: SendGrid in production, a folder of .eml files when no SendGrid key is set.</summary>
public interface IMailSender
{
    /// <summary>Said at start-up, so that nobody wonders where their messages went.</summary>
    string Description { get; }

    Task<SendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
