using FollowUp.Links;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Links;

public class LinkSignerTests
{
    private static LinkSigner Signer(string key = "a-signing-key-that-is-long-enough-0123456789") =>
        new(Options.Create(new FollowUpOptions { SigningKey = key, PublicBaseUrl = "https://f.test/" }));

    [Fact]
    public void TryRead_SignedAnswer_GivesItBack()
    {
        var signer = Signer();
        var url = signer.AnswerUrl("abc123", "product-fit");

        Assert.StartsWith("https://f.test/r/", url, StringComparison.Ordinal);
        Assert.True(signer.TryRead(url["https://f.test/r/".Length..], out var token));
        Assert.Equal(new LinkToken(LinkKind.Answer, "abc123", "product-fit"), token);
    }

    [Fact]
    public void TryRead_TamperedPayloadOrSignature_IsRefused()
    {
        var signer = Signer();
        var token = signer.Create(new LinkToken(LinkKind.Answer, "abc123", "price"));
        var forged = Signer("another-key-that-is-also-long-enough-012345").Create(new LinkToken(LinkKind.Answer, "abc123", "timing"));
        var swapped = forged.Split('.')[0] + "." + token.Split('.')[1];
        var flipped = (token[0] == 'A' ? "B" : "A") + token[1..];

        Assert.False(signer.TryRead(forged, out _));
        Assert.False(signer.TryRead(swapped, out _));
        Assert.False(signer.TryRead(flipped, out _));
        Assert.False(signer.TryRead(token[..^2], out _));
        Assert.False(signer.TryRead("not-a-token", out _));
        Assert.False(signer.TryRead(string.Empty, out _));
    }

    [Fact]
    public void TryRead_UnsubscribeToken_IsNotAnAnswer()
    {
        var signer = Signer();

        Assert.True(signer.TryRead(signer.Create(new LinkToken(LinkKind.Unsubscribe, "abc123", null)), out var token));
        Assert.Equal(LinkKind.Unsubscribe, token!.Kind);
        Assert.Null(token.Answer);
    }
}
