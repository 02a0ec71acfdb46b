using System.Text;
using FollowUp.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Core.Tests.Sending;

public sealed class OutboxMailSenderTests : IDisposable
{
    private const string Hostile = "Hi\r\nBcc: x@evil.example";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("followup-outbox-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task SendAsync_NameWithAnAddressAndAComma_WritesExactlyOneRecipient()
    {
        var headers = await SendAsync(TestMail.Create(toName: "Eve <attacker@evil.example>, Bob"));

        var to = Eml.SingleMailbox(Field(headers, "To"));
        Assert.Equal(TestMail.To, to.Address);
        Assert.Equal("Eve <attacker@evil.example>, Bob", to.DisplayName);
    }

    [Fact]
    public async Task SendAsync_LineBreaksInSubjectAndNames_AddNoHeaderLines()
    {
        // Non-ASCII text is encoded, and a line break inside an encoded-word would come back when it is decoded.
        var mail = TestMail.Create(toName: Hostile, subject: Hostile, replyToEmail: "ola@tebutikken.example", replyToName: "Åse\nBcc: y@evil.example\r");

        var headers = await SendAsync(mail, fromName: "Tebutikken\r\nBcc: z@evil.example");

        Assert.Equal(
            ["Date", "From", "To", "Subject", "Reply-To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "X-FollowUp-Message-Id", "MIME-Version", "Content-Type"],
            headers.Select(h => h.Name));
        Assert.Equal("Hi Bcc: x@evil.example", Field(headers, "Subject"));
        Assert.Equal(("Tebutikken Bcc: z@evil.example", "hei@tebutikken.example"), Mailbox(headers, "From"));
        Assert.Equal(("Hi Bcc: x@evil.example", TestMail.To), Mailbox(headers, "To"));
        var replyTo = Eml.SingleMailbox(Field(headers, "Reply-To"));
        Assert.Equal("ola@tebutikken.example", replyTo.Address);
        Assert.Equal("Åse Bcc: y@evil.example", Eml.DecodeWords(replyTo.DisplayName));
    }

    [Theory]
    [InlineData("Kari Ødegård", "Takk for handelen – æøå")]
    [InlineData("Kari 😀 Ødegård", "Takk for handelen – æøå 🎉 Velkommen tilbake til Tebutikken neste gang du trenger mer te 🍵")]
    public async Task SendAsync_NonAsciiNamesAndSubject_RoundTripThroughEncodedWords(string name, string subject)
    {
        var headers = await SendAsync(TestMail.Create(toName: name, subject: subject, replyToEmail: "ola@tebutikken.example", replyToName: name), fromName: "Tebutikken Ålesund");

        Assert.All(headers, h => Assert.True(Ascii.IsValid(h.Value), $"{h.Name} is ASCII"));

        // RFC 2047: a line that holds an encoded-word is at most 76 characters.
        Assert.All(headers.Where(h => h.Value.Contains("=?", StringComparison.Ordinal)), h => Assert.All(
            (h.Name + ": " + h.Value).Split("\r\n"),
            line => Assert.True(line.Length <= 76, $"{h.Name} line '{line}' is at most 76 characters")));
        Assert.Equal(subject, Eml.DecodeWords(Field(headers, "Subject")));
        Assert.Equal(name, Eml.DecodeWords(Eml.SingleMailbox(Field(headers, "To")).DisplayName));
        Assert.Equal(name, Eml.DecodeWords(Eml.SingleMailbox(Field(headers, "Reply-To")).DisplayName));
        Assert.Equal("Tebutikken Ålesund", Eml.DecodeWords(Eml.SingleMailbox(Field(headers, "From")).DisplayName));
    }

    private static string Field(IReadOnlyList<(string Name, string Value)> headers, string name) =>
        Assert.Single(headers, h => h.Name == name).Value;

    private static (string Name, string Address) Mailbox(IReadOnlyList<(string Name, string Value)> headers, string name)
    {
        var address = Eml.SingleMailbox(Field(headers, name));
        return (address.DisplayName, address.Address);
    }

    private async Task<IReadOnlyList<(string Name, string Value)>> SendAsync(OutgoingMail mail, string fromName = "Tebutikken")
    {
        var options = Options.Create(new SendGridOptions { OutboxPath = _folder.FullName, FromEmail = "hei@tebutikken.example", FromName = fromName });
        var sender = new OutboxMailSender(options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));

        var outcome = await sender.SendAsync(mail);

        Assert.Equal(SendResult.Accepted, outcome.Result);
        var file = Path.Combine(_folder.FullName, outcome.ProviderMessageId!["outbox:".Length..]);
        return Eml.Headers(await File.ReadAllTextAsync(file));
    }
}
