using System.Text;
using System.Text.RegularExpressions;
using FollowUp.Sending;

namespace FollowUp.Core.Tests.Sending;

public class MailHeadersTests
{
    [Fact]
    public void Clean_LineBreaksTabsAndControlCharacters_BecomeSingleSpaces() =>
        Assert.Equal("Hi Bcc: x@evil.example end", MailHeaders.Clean(" \r\n Hi\r\nBcc: x@evil.example\t\u0000\u0085\u2028end\u007f "));

    [Fact]
    public void Clean_LongerThanTheLimit_KeepsWholeCharactersUpToTheLimit()
    {
        var start = new string('a', MailHeaders.MaxLength - 1);

        // The emoji is two UTF-16 units and would straddle the limit; half of it must not be kept.
        Assert.Equal(start, MailHeaders.Clean(start + "😀 and more"));
        Assert.Equal(start + "b", MailHeaders.Clean(start + "bc"));
    }

    [Theory]
    [InlineData("Kari Nordmann", "To: Kari Nordmann <kari@example.no>")]
    [InlineData("O'Brien & Sons", "To: O'Brien & Sons <kari@example.no>")]
    [InlineData("Nordmann, Kari", "To: \"Nordmann, Kari\" <kari@example.no>")]
    [InlineData("Dr. \"K\" \\ N", "To: \"Dr. \\\"K\\\" \\\\ N\" <kari@example.no>")]
    [InlineData("Kari\r\n  Nordmann ", "To: Kari Nordmann <kari@example.no>")]
    [InlineData("", "To: <kari@example.no>")]
    [InlineData(" \r\n\t", "To: <kari@example.no>")]
    [InlineData(null, "To: <kari@example.no>")]
    public void Mailbox_AsciiName_IsAtomsAQuotedStringOrNothing(string? name, string expected) =>
        Assert.Equal(expected, MailHeaders.Mailbox("To", TestMail.To, name));

    [Theory]
    [InlineData("Eve <attacker@evil.example>, Bob")]
    [InlineData("Eve; attacker@evil.example")]

    // System.Net.Mail.MailAddress.ToString() writes this one as three recipients: it escapes the quote, not the backslash.
    [InlineData("x\\\", attacker@evil.example, \"")]
    public void Mailbox_NameWithAddressesInIt_IsOneMailboxForTheIntendedAddress(string name)
    {
        var address = Eml.SingleMailbox(Eml.Value(MailHeaders.Mailbox("To", TestMail.To, name), "To"));

        Assert.Equal(TestMail.To, address.Address);
    }

    [Theory]
    [InlineData("Kari Ødegård", 1)]
    [InlineData("Ådne 😀 Ødegård-Æsebø 👩‍👩‍👧", 1)]
    [InlineData("Kari Ødegård – æøå 😀", 8)]
    public void Mailbox_NonAsciiName_RoundTripsThroughEncodedWords(string part, int times)
    {
        var name = string.Join(' ', Enumerable.Repeat(part, times));

        var field = MailHeaders.Mailbox("Reply-To", TestMail.To, name);

        AssertEncodedWordLimits(field);
        var address = Eml.SingleMailbox(Eml.Value(field, "Reply-To"));
        Assert.Equal(TestMail.To, address.Address);
        Assert.Equal(name, Eml.DecodeWords(address.DisplayName));
    }

    [Fact]
    public void Mailbox_AsciiNameThatLooksLikeAnEncodedWord_IsEncodedSoItReadsAsWritten()
    {
        const string name = "=?utf-8?B?RXZl?=";

        var address = Eml.SingleMailbox(Eml.Value(MailHeaders.Mailbox("To", TestMail.To, name), "To"));

        Assert.NotEqual(name, address.DisplayName);
        Assert.Equal(name, Eml.DecodeWords(address.DisplayName));
    }

    [Theory]
    [InlineData("kari@example.no\r\nBcc: x@evil.example")]
    [InlineData("kari@example.no> , <x@evil.example")]
    [InlineData("kari@example.no\u0085")]
    public void Mailbox_AddressThatCouldLeaveTheAngleBrackets_Throws(string address) =>
        Assert.Throws<ArgumentException>(() => MailHeaders.Mailbox("To", address, "Kari"));

    [Fact]
    public void Mailbox_QuotedLocalPartWithASpace_IsKept() =>
        Assert.Equal("\"kari nordmann\"@example.no", Eml.SingleMailbox(Eml.Value(MailHeaders.Mailbox("To", "\"kari nordmann\"@example.no", "Kari"), "To")).Address);

    [Theory]
    [InlineData("Thanks for your order", "Subject: Thanks for your order")]
    [InlineData("Hi\r\nBcc: x@evil.example", "Subject: Hi Bcc: x@evil.example")]
    [InlineData("\r\n", "Subject: ")]
    public void Unstructured_AsciiText_IsWrittenOnOneLine(string subject, string expected) =>
        Assert.Equal(expected, MailHeaders.Unstructured("Subject", subject));

    [Theory]
    [InlineData("Takk for handelen – æøå", 1)]
    [InlineData("Takk for handelen – æøå 🎉🍵", 12)]
    [InlineData("😀", 100)]
    public void Unstructured_NonAsciiText_FoldsIntoWholeCharacterWordsThatRoundTrip(string part, int times)
    {
        var subject = string.Join(' ', Enumerable.Repeat(part, times));

        var field = MailHeaders.Unstructured("Subject", subject);

        AssertEncodedWordLimits(field);
        Assert.Equal(MailHeaders.Clean(subject), Eml.DecodeWords(Eml.Value(field, "Subject")));
    }

    // RFC 2047: a line holding encoded-words is at most 76 characters, an encoded-word at most 75, and each word decodes
    // to whole characters on its own.
    private static void AssertEncodedWordLimits(string field)
    {
        Assert.True(Ascii.IsValid(field), "the field is ASCII");
        Assert.All(field.Split("\r\n"), line => Assert.InRange(line.Length, 1, 76));
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var words = Regex.Matches(field, @"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=");
        Assert.NotEmpty(words);
        Assert.All(words, word =>
        {
            Assert.InRange(word.Length, 1, 75);
            strict.GetString(Convert.FromBase64String(word.Groups[1].Value));
        });
    }
}
