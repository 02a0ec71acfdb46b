using FollowUp.Sending;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>The real sender, except that mail to one address throws as a bug in a sender would.</summary>
internal sealed class FaultyMailSender(IMailSender inner, string poisonAddress) : IMailSender
{
    public string Description => inner.Description;

    public Task<SendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) =>
        mail.ToEmail == poisonAddress
            ? throw new InvalidOperationException($"the sender choked on {mail.ToEmail}")
            : inner.SendAsync(mail, cancellationToken);
}
