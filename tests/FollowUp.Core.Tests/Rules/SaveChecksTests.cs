using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Core.Tests.Rules;

public class SaveChecksTests
{
    private static readonly MessageTemplate WithoutLinkInText = new()
    {
        Id = "note",
        Locales = new Dictionary<string, TemplateContent>
        {
            ["en"] = new("Hi", "<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>", "Hi, no link"),
        },
    };

    private static RuleInput Sending(MessageCategory category, bool enabled = true) =>
        new() { Trigger = "order.delivered", Delay = "P5D", TemplateId = "note", Category = category, Enabled = enabled };

    [Theory]
    [InlineData(MessageCategory.Feedback)]
    [InlineData(MessageCategory.Marketing)]
    public void CheckRule_EnabledRuleThatMustOfferUnsubscribe_IsRefusedNamingTheParts(MessageCategory category)
    {
        var errors = new FieldErrors();

        var rule = SaveChecks.CheckRule("ask", Sending(category), Only(WithoutLinkInText), new ScriptLimits(), errors);

        Assert.Null(rule);
        Assert.Contains("in en.text:", errors.ToDictionary()["templateId"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRule_ServiceOrDisabledRule_NeedsNoLink()
    {
        Assert.NotNull(SaveChecks.CheckRule("note", Sending(MessageCategory.Service), Only(WithoutLinkInText), new ScriptLimits(), new FieldErrors()));
        Assert.NotNull(SaveChecks.CheckRule("note", Sending(MessageCategory.Feedback, enabled: false), Only(WithoutLinkInText), new ScriptLimits(), new FieldErrors()));
    }

    [Fact]
    public void CheckRule_NoTemplate_IsRefusedAsMissing()
    {
        var errors = new FieldErrors();

        Assert.Null(SaveChecks.CheckRule("ask", Sending(MessageCategory.Service), _ => null, new ScriptLimits(), errors));
        Assert.Equal(["template 'note' does not exist"], errors.ToDictionary()["templateId"]);
    }

    [Fact]
    public void CheckTemplate_DroppingTheLinkAnEnabledFeedbackRuleNeeds_NamesThePartAndTheRule()
    {
        var input = new TemplateInput { Locales = new Dictionary<string, TemplateContentInput?> { ["en"] = new("Hi", "<p>Hi</p>", "Hi {{ unsubscribe_url }}") } };
        var rules = new[]
        {
            RuleValidator.Validate("ask", Sending(MessageCategory.Feedback), _ => true, new ScriptLimits(), new FieldErrors())!,
            RuleValidator.Validate("tell", Sending(MessageCategory.Service), _ => true, new ScriptLimits(), new FieldErrors())!,
        };
        var errors = new FieldErrors();

        var template = SaveChecks.CheckTemplate("note", input, rules, [], errors);

        Assert.Null(template);
        Assert.Equal(["has no unsubscribe link ({{ unsubscribe_url }}), which rule ask (feedback) must give its readers"], errors.ToDictionary()["locales.en.html"]);
        Assert.NotNull(SaveChecks.CheckTemplate("note", input, rules.Skip(1), [], new FieldErrors()));
    }

    private static Func<string, MessageTemplate?> Only(MessageTemplate template) => id => id == template.Id ? template : null;
}
