using System.Net;

namespace FollowUp.Testing;

/// <summary>What the fake SendGrid answers to one request.</summary>
public sealed record FakeSendGridResponse(HttpStatusCode Status, TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
{
    public static FakeSendGridResponse Accepted { get; } = new(HttpStatusCode.Accepted);

    public static FakeSendGridResponse TooManyRequests(TimeSpan retryAfter) => new((HttpStatusCode)429, retryAfter);

    public static FakeSendGridResponse ServerError { get; } = new(HttpStatusCode.InternalServerError);

    public static FakeSendGridResponse BadRequest { get; } = new(HttpStatusCode.BadRequest);
}
