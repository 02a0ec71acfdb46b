using FollowUp.Dispatch;

namespace FollowUp.Core.Tests.Dispatch;

public class BackoffTests
{
    private static readonly Backoff Standard = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    [Fact]
    public void For_SuccessiveAttempts_DoubleWithinAFifthOfSpread()
    {
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var expected = 30 * Math.Pow(2, attempt - 1);
            Assert.InRange(Standard.For("m-1", attempt).TotalSeconds, expected, expected * 1.2);
        }
    }

    [Fact]
    public void For_ManyAttempts_NeverExceedsTheCapPlusSpreadAndNeverOverflows()
    {
        Assert.InRange(Standard.For("m-1", 40).TotalHours, 1, 1.2);
        Assert.InRange(Standard.For("m-1", int.MaxValue).TotalHours, 1, 1.2);
    }

    [Fact]
    public void For_RetryAfterLongerThanTheBackoff_WaitsTheRetryAfter()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Standard.For("m-1", 1, TimeSpan.FromMinutes(10)));
        Assert.True(Standard.For("m-1", 1, TimeSpan.FromSeconds(1)) >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void For_SameMessage_WaitsTheSameAndMessagesSpreadOut()
    {
        Assert.Equal(Standard.For("m-1", 3), Standard.For("m-1", 3));
        var waits = Enumerable.Range(0, 50).Select(n => Standard.For($"m-{n}", 1)).Distinct().Count();
        Assert.True(waits > 10, $"only {waits} distinct waits for 50 messages");
    }

    [Fact]
    public void For_AbsurdRetryAfter_WaitsAtMostADay()
    {
        Assert.Equal(TimeSpan.FromDays(1), Standard.For("m-1", 1, TimeSpan.FromSeconds(int.MaxValue)));
    }
}
