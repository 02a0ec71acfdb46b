using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Core.Tests.Rules;

/// <summary>The timing fields of a rule: send window, category, expiresAfter and maxEventAge, each refused with its field named.</summary>
public class RuleTimingValidationTests
{
    private static RuleInput Valid() => new()
    {
        Trigger = "order.delivered",
        Delay = "P5D",
        TemplateId = "review-request",
    };

    private static (Rule? Rule, IDictionary<string, string[]> Errors) Validate(RuleInput input)
    {
        var errors = new FieldErrors();
        var rule = RuleValidator.Validate("reviews", input, _ => true, new ScriptLimits(), errors);
        return (rule, errors.ToDictionary());
    }

    [Fact]
    public void Validate_WindowWithDaysOutOfOrderAndTwice_IsKeptInWeekOrderOnce()
    {
        var (rule, errors) = Validate(Valid() with { SendWindow = new RuleSendWindow { Days = ["fri", "mon", "fri"], From = "09:00", To = "20:00" } });

        Assert.Empty(errors);
        Assert.Equal(["mon", "fri"], rule!.SendWindow!.Days);
        Assert.False(rule.SendWindow.SkipHolidays);
    }

    [Fact]
    public void Validate_NoCategory_IsFeedback()
    {
        var (rule, _) = Validate(Valid());

        Assert.Equal(MessageCategory.Feedback, rule!.Category);
        Assert.Null(rule.SendWindow);
    }

    [Theory]
    [InlineData("9:00", "20:00", "sendWindow.from")]
    [InlineData("09:00", "24:00", "sendWindow.to")]
    [InlineData("09:00", "09:00", "sendWindow.to")]
    [InlineData(null, "20:00", "sendWindow.from")]
    [InlineData("09:00", "20:00:00", "sendWindow.to")]
    public void Validate_BadWindowTimes_NameTheField(string? from, string to, string field)
    {
        var (rule, errors) = Validate(Valid() with { SendWindow = new RuleSendWindow { From = from, To = to } });

        Assert.Null(rule);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Validate_UnknownAndEmptyDays_NameTheDay()
    {
        var (_, unknown) = Validate(Valid() with { SendWindow = new RuleSendWindow { Days = ["mon", "Tuesday"], From = "09:00", To = "17:00" } });
        var (_, empty) = Validate(Valid() with { SendWindow = new RuleSendWindow { Days = [], From = "09:00", To = "17:00" } });

        Assert.Contains("'Tuesday' is not one of mon, tue", unknown["sendWindow.days[1]"][0], StringComparison.Ordinal);
        Assert.Equal(["sendWindow.days"], empty.Keys);
    }

    [Theory]
    [InlineData("PT30S", "expiresAfter")]
    [InlineData("P1M", "expiresAfter")]
    [InlineData("soon", "expiresAfter")]
    public void Validate_BadExpiresAfter_IsRefused(string value, string field)
    {
        var (rule, errors) = Validate(Valid() with { ExpiresAfter = value });

        Assert.Null(rule);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Validate_BadMaxEventAge_IsRefused()
    {
        var (_, errors) = Validate(Valid() with { MaxEventAge = "P0D" });

        Assert.Equal(["maxEventAge"], errors.Keys);
    }

    [Fact]
    public void Validate_UndefinedCategory_IsRefused()
    {
        var (_, errors) = Validate(Valid() with { Category = (MessageCategory)7 });

        Assert.Equal(["category"], errors.Keys);
    }

    [Theory]
    [InlineData(new[] { "P1D", "P2D", "P3D", "P4D" }, "reminders")]
    [InlineData(new[] { "P4D", "P2D" }, "reminders[1]")]
    [InlineData(new[] { "PT30M" }, "reminders[0]")]
    [InlineData(new[] { "P4D", "soon" }, "reminders[1]")]
    public void Validate_BadReminders_NameTheOne(string[] reminders, string field)
    {
        var (rule, errors) = Validate(Valid() with { Reminders = reminders });

        Assert.Null(rule);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("1/P14D", null)]
    [InlineData("none", null)]
    [InlineData("0/P7D", "frequencyCap")]
    [InlineData("1/P100D", "frequencyCap")]
    [InlineData("one a week", "frequencyCap")]
    public void Validate_FrequencyCap_IsCountPerDurationOrNone(string cap, string? field)
    {
        var (_, errors) = Validate(Valid() with { FrequencyCap = cap });

        Assert.Equal(field is null ? [] : [field], errors.Keys);
    }

    [Fact]
    public void Validate_PriorityOutOfRange_IsRefused()
    {
        var (_, errors) = Validate(Valid() with { Priority = 101 });

        Assert.Equal(["priority"], errors.Keys);
    }
}
