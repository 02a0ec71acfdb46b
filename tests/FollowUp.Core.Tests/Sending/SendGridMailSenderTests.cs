using System.Text.Json.Nodes;
using FollowUp.Sending;
using FollowUp.Testing;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Sending;

public class SendGridMailSenderTests
{
    [Fact]
    public async Task SendAsync_LineBreaksInSubjectAndNames_SendsThemAsOneLine()
    {
        var mail = TestMail.Create(toName: "Kari\r\nBcc: x@evil.example", subject: "Hi\r\nBcc: x@evil.example\t", replyToEmail: "ola@tebutikken.example", replyToName: "Åse\nBcc: y@evil.example");

        var sent = await SendAsync(mail, fromName: "Tebutikken\r\n");

        Assert.Equal("Hi Bcc: x@evil.example", sent.Subject);
        Assert.Equal("Kari Bcc: x@evil.example", Recipient(sent)["name"]?.GetValue<string>());
        Assert.Equal("Åse Bcc: y@evil.example", sent.Body["reply_to"]?["name"]?.GetValue<string>());
        Assert.Equal("Tebutikken", sent.Body["from"]?["name"]?.GetValue<string>());
    }

    // SendGrid handles such names itself; quoting them here as well would show the quotes to the recipient.
    [Fact]
    public async Task SendAsync_NameWithAnAddressAndAComma_SendsItUnquotedAsTheIntendedRecipientsName()
    {
        var sent = await SendAsync(TestMail.Create(toName: "Eve <attacker@evil.example>, Bob"));

        var to = Recipient(sent);
        Assert.Equal(TestMail.To, to["email"]?.GetValue<string>());
        Assert.Equal("Eve <attacker@evil.example>, Bob", to["name"]?.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" \r\n")]
    public async Task SendAsync_BlankName_SendsNoName(string? name)
    {
        var sent = await SendAsync(TestMail.Create(toName: name));

        Assert.Null(Recipient(sent)["name"]);
    }

    [Fact]
    public async Task SendAsync_NonAsciiNameAndSubject_SendsThemAsTheyAre()
    {
        var sent = await SendAsync(TestMail.Create(toName: "Kari 😀 Ødegård", subject: "Takk for handelen – æøå"));

        Assert.Equal("Takk for handelen – æøå", sent.Subject);
        Assert.Equal("Kari 😀 Ødegård", Recipient(sent)["name"]?.GetValue<string>());
    }

    private static JsonObject Recipient(SentMail sent) =>
        Assert.Single(sent.Body["personalizations"]!.AsArray().SelectMany(p => p!["to"]!.AsArray()))!.AsObject();

    private static async Task<SentMail> SendAsync(OutgoingMail mail, string fromName = "Tebutikken")
    {
        await using var server = await FakeSendGridServer.StartAsync();
        using var http = new HttpClient();
        var sender = new SendGridMailSender(http, Options.Create(new SendGridOptions
        {
            ApiKey = FakeSendGridServer.ApiKey,
            BaseUrl = server.BaseUrl,
            FromEmail = "hei@tebutikken.example",
            FromName = fromName,
        }));

        var outcome = await sender.SendAsync(mail);

        Assert.Equal(SendResult.Accepted, outcome.Result);
        return Assert.Single(server.Received);
    }
}
