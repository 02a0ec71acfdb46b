using FollowUp.Links;

namespace FollowUp.Core.Tests.Links;

public class AnswerScoreTests
{
    [Theory]
    [InlineData("nps:0", "nps", 0)]
    [InlineData("nps:10", "nps", 10)]
    [InlineData("csat:1", "csat", 1)]
    [InlineData("csat:5", "csat", 5)]
    [InlineData("rating-3", "csat", 3)]
    public void Of_AScoreAnswer_IsItsScaleAndNumber(string answer, string scale, int value) =>
        Assert.Equal(new AnswerScore(scale, value), AnswerScore.Of(answer));

    [Theory]
    [InlineData("nps:11")]
    [InlineData("nps:-1")]
    [InlineData("nps:+5")]
    [InlineData("nps:05x")]
    [InlineData("nps:")]
    [InlineData("csat:0")]
    [InlineData("csat:6")]
    [InlineData("rating-6")]
    [InlineData("price")]
    [InlineData("NPS:5")]
    [InlineData(null)]
    public void Of_AnythingElse_IsNoScore(string? answer) => Assert.Null(AnswerScore.Of(answer));
}
