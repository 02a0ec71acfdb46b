using FollowUp.Validation;

namespace FollowUp.Core.Tests.Validation;

public class Iso8601DurationTests
{
    [Theory]
    [InlineData("PT1H", 60)]
    [InlineData("P5D", 5 * 24 * 60)]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("P2DT12H30M", (2 * 24 * 60) + (12 * 60) + 30)]
    [InlineData("PT90M", 90)]
    public void TryParse_ValidDuration_GivesMinutes(string text, int minutes)
    {
        Assert.True(Iso8601Duration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("1 hour", "not an ISO 8601 duration")]
    [InlineData("P1M", "months")]
    [InlineData("P1Y", "months")]
    [InlineData("PT", "not an ISO 8601 duration")]
    [InlineData("", "required")]
    [InlineData("P\u0663D", "not an ISO 8601 duration")]
    [InlineData("PT99999999999999999999H", "not an ISO 8601 duration")]
    [InlineData("P99999D", "longer than ten years")]
    public void TryParse_InvalidDuration_SaysWhy(string text, string reason)
    {
        Assert.False(Iso8601Duration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
