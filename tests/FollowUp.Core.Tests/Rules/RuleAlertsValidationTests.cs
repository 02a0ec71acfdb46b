using FollowUp.Events;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Core.Tests.Rules;

public class RuleAlertsValidationTests
{
    private static RuleInput Valid() => new()
    {
        Trigger = EventTypes.DealLost,
        Delay = "P2D",
        TemplateId = "lost-sale-survey",
    };

    private static (Rule? Rule, IDictionary<string, string[]> Errors) Validate(RuleInput input)
    {
        var errors = new FieldErrors();
        var rule = RuleValidator.Validate("survey", input, _ => true, new ScriptLimits(), errors);
        return (rule, errors.ToDictionary());
    }

    [Fact]
    public void Validate_AlertsWithAnAddressAndAnswers_KeepsEachAnswerOnce()
    {
        var (rule, errors) = Validate(Valid() with { Alerts = new RuleAlerts { To = "salg@example.com", Answers = ["service", "product-fit", "service"] } });

        Assert.Empty(errors);
        Assert.Equal("salg@example.com", rule!.Alerts!.To);
        Assert.Equal(["service", "product-fit"], rule.Alerts.Answers!);
    }

    [Theory]
    [InlineData("not an address", "service", "alerts.to")]
    [InlineData(null, "no such answer!", "alerts.answers[0]")]
    [InlineData(null, "", "alerts.answers[0]")]
    public void Validate_BadAlerts_NameTheField(string? to, string answer, string field)
    {
        var (rule, errors) = Validate(Valid() with { Alerts = new RuleAlerts { To = to, Answers = [answer] } });

        Assert.Null(rule);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Validate_MoreAlertAnswersThanAMailOffers_IsRefused()
    {
        var (_, errors) = Validate(Valid() with { Alerts = new RuleAlerts { Answers = [.. Enumerable.Range(0, 25).Select(i => $"a{i}")] } });

        Assert.Equal(["alerts.answers"], errors.Keys);
    }
}
