using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace FollowUp.Sending;

/// <summary>
/// Used when no SendGrid key is configured: writes each message as an .eml file (open it in any mail program) to
/// the outbox folder, so the whole pipeline runs on a laptop without sending anything.
/// </summary>
public sealed class OutboxMailSender(IOptions<SendGridOptions> options, TimeProvider time) : IMailSender
{
    private readonly string _folder = Path.GetFullPath(options.Value.OutboxPath);

    public string Description => $"not sending: no SendGrid API key is set, so messages are written to {_folder}";

    public string Folder => _folder;

    public async Task<SendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        Directory.CreateDirectory(_folder);
        var now = time.GetUtcNow();
        var boundary = "followup-" + mail.MessageId;
        var eml = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Date: {now:R}\r\n")
            .Append(MailHeaders.Mailbox("From", options.Value.FromEmail, options.Value.FromName)).Append("\r\n")
            .Append(MailHeaders.Mailbox("To", mail.ToEmail, mail.ToName)).Append("\r\n")
            .Append(MailHeaders.Unstructured("Subject", mail.Subject)).Append("\r\n")
            .Append(mail.ReplyToEmail is null ? string.Empty : MailHeaders.Mailbox("Reply-To", mail.ReplyToEmail, mail.ReplyToName) + "\r\n")
            .Append(CultureInfo.InvariantCulture, $"Message-ID: <{(mail.IsAlert ? "alert-" : string.Empty)}{mail.MessageId}@followup.local>\r\n")
            .Append(mail.IsAlert ? string.Empty : $"List-Unsubscribe: <{mail.UnsubscribeUrl}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
            .Append(CultureInfo.InvariantCulture, $"{(mail.IsAlert ? "X-FollowUp-Alert-For" : mail.IsTest ? "X-FollowUp-Test-Send" : "X-FollowUp-Message-Id")}: {mail.MessageId}\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{Base64(mail.Text)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{Base64(mail.Html)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        var path = Path.Combine(_folder, $"{now:yyyyMMdd-HHmmss}-{(mail.IsAlert ? "alert-" : string.Empty)}{mail.RuleId}-{mail.MessageId}.eml");
        await File.WriteAllTextAsync(path, eml.ToString(), cancellationToken).ConfigureAwait(false);
        return SendOutcome.Accepted("outbox:" + Path.GetFileName(path));
    }

    /// <summary>Deletes the files of these messages' mails and of the alerts about them (their customer was erased).</summary>
    public void Forget(IEnumerable<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (!Directory.Exists(_folder))
        {
            return;
        }

        var ids = messageIds.ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_folder, "*.eml"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (ids.Contains(name[(name.LastIndexOf('-') + 1)..]))
            {
                File.Delete(file);
            }
        }
    }

    private static string Base64(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value), Base64FormattingOptions.InsertLineBreaks);
}
