using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Core.Tests.Rules;

public class RuleValidatorTests
{
    private static RuleInput Valid() => new()
    {
        Trigger = "order.placed",
        Delay = "PT1H",
        TemplateId = "thank-you",
        CancelOn = ["order.cancelled"],
        Condition = "customer.order_count >= 2 && order.total > 500",
    };

    [Fact]
    public void Validate_ValidRule_GivesTheRule()
    {
        var errors = new FieldErrors();

        var rule = RuleValidator.Validate("vip-thanks", Valid(), _ => true, new ScriptLimits(), errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal("order.placed", rule!.Trigger);
        Assert.True(rule.Enabled);
    }

    [Fact]
    public void Validate_EveryFieldWrong_NamesEveryField()
    {
        var errors = new FieldErrors();
        var input = new RuleInput
        {
            Trigger = "order.teleported",
            Delay = "1 day",
            TemplateId = "missing",
            CancelOn = ["deal.won", "nope"],
            Coupon = new CouponSettings("lower", 3),
        };

        Assert.Null(RuleValidator.Validate("Bad Id", input, _ => false, new ScriptLimits(), errors));

        Assert.Equal(
            ["cancelOn[1]", "coupon.length", "coupon.prefix", "delay", "id", "templateId", "trigger"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_CancelOnAnotherKindOfSubject_IsRefusedBecauseItCouldNeverApply()
    {
        var errors = new FieldErrors();

        RuleValidator.Validate("r", Valid() with { CancelOn = ["deal.won"] }, _ => true, new ScriptLimits(), errors);

        Assert.Contains("different kind of subject", errors.ToDictionary()["cancelOn[0]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConditionThatDoesNotParse_GivesLineAndColumn()
    {
        var errors = new FieldErrors();

        RuleValidator.Validate("r", Valid() with { Condition = "customer.order_count == (3 +" }, _ => true, new ScriptLimits(), errors);

        Assert.Matches(@"^line 1, column (2[0-9]|3[0-9]): ", errors.ToDictionary()["condition"][0]);
    }

    [Fact]
    public void Validate_ConditionThatFailsOnASampleEvent_IsRefused()
    {
        var errors = new FieldErrors();

        RuleValidator.Validate("r", Valid() with { Condition = "no_such_function(customer)" }, _ => true, new ScriptLimits(), errors);

        Assert.Contains("sample event", errors.ToDictionary()["condition"][0], StringComparison.Ordinal);
    }
}
