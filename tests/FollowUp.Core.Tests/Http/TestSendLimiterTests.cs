using FollowUp.Http;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Core.Tests.Http;

public class TestSendLimiterTests
{
    [Fact]
    public void TryTake_TenInAMinute_RefusesTheEleventhUntilTheFirstIsAMinuteOld()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var limiter = new TestSendLimiter(time);
        for (var n = 0; n < TestSendLimiter.PerMinute; n++)
        {
            Assert.True(limiter.TryTake("alice", out _));
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.False(limiter.TryTake("alice", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.True(limiter.TryTake("bob", out _));

        time.Advance(wait);
        Assert.True(limiter.TryTake("alice", out _));
        Assert.False(limiter.TryTake("alice", out _));
    }
}
