namespace FollowUp.Functions.Tests;

public class NcrontabScheduleTests
{
    [Theory]
    [InlineData("*/5 * * * * *")]
    [InlineData("0 */5 * * * *")]
    [InlineData("0 30 9 * * 1-5")]
    [InlineData("0 0 0 1,15 * *")]
    [InlineData("10-50/10 0 12 31 12 0")]
    [InlineData("5/15 * * * * *")]
    public void Parse_ValidExpression_Succeeds(string expression)
    {
        var schedule = NcrontabSchedule.Parse(expression);

        Assert.NotNull(schedule);
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("0 60 * * * *")]
    [InlineData("0 0 24 * * *")]
    [InlineData("0 0 0 0 * *")]
    [InlineData("0 0 0 32 * *")]
    [InlineData("0 0 0 * 13 *")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("*/0 * * * * *")]
    [InlineData("5-1 * * * * *")]
    [InlineData("1,,2 * * * * *")]
    [InlineData("*/5/2 * * * * *")]
    [InlineData("-1 * * * * *")]
    [InlineData("0 0 0 * JAN *")]
    [InlineData("")]
    public void Parse_InvalidExpression_ThrowsFormatException(string expression)
    {
        Assert.Throws<FormatException>(() => NcrontabSchedule.Parse(expression));
    }

    [Theory]
    [InlineData("*/5 * * * * *", true)]
    [InlineData("0 * * * * *", true)]
    [InlineData("0 0-59 0-23 1-31 1-12 0-6", true)]
    [InlineData("0 */2 * * * *", false)]
    [InlineData("0 * 9-17 * * *", false)]
    [InlineData("0 * * * * 1-5", false)]
    public void FiresEveryMinute_Expression_IsTrueOnlyWhenNoMinuteIsSkipped(string expression, bool expected)
    {
        Assert.Equal(expected, NcrontabSchedule.Parse(expression).FiresEveryMinute);
    }
}
