using FollowUp.Defaults;
using FollowUp.Templates;

namespace FollowUp.Core.Tests.Templates;

public class TemplateLintTests
{
    [Theory]
    [InlineData("Hi {{ customer.frist_name }}", 1, 16, "first_name")]
    [InlineData("Hi {{ customer.firstName }}", 1, 16, "first_name")]
    [InlineData("Hi\n\n  {{ custmer.name }}", 3, 6, "customer")]
    [InlineData("{{ for line in order.lines }}{{ line.nmae }}{{ end }}", 1, 38, "name")]
    [InlineData("{{ order.lines.sise }}", 1, 16, "size")]
    [InlineData("{{ deal.owner.emial }}", 1, 15, "email")]
    public void Check_AMisspelledName_IsAWarningWithLineColumnAndTheNearestName(string text, int line, int column, string nearest)
    {
        var warning = Assert.Single(TemplateLint.Check(text, TemplateSyntax.Scriban, "locales.en.html"));

        Assert.Equal(("locales.en.html", line, column, nearest), (warning.Field, warning.Line, warning.Column, warning.Suggestion));
        Assert.Contains($"did you mean `{nearest}`?", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ x = customer.name }}{{ x | string.upcase }}")]
    [InlineData("{{ capture greeting }}Hi{{ end }}{{ greeting }}")]
    [InlineData("{{ for line in order.lines }}{{ line.quantity }} × {{ line.name }} {{ for.index }}{{ end }}")]
    [InlineData("{{ order.lines.size }} {{ order.lines[0].unit_price | money order.currency }}")]
    [InlineData("{{ if order.review_url }}<a href=\"{{ order.review_url }}\">{{ end }}{{ unsubscribe_url }}")]
    [InlineData("{{ answer_url \"price\" \"Pris\" }} {{ nps_url 9 }} {{ message.coupon_code }} {{ sender.name }} {{ date.now }}")]
    [InlineData("{{ func greet(name) }}Hi {{ name }}{{ end }}{{ greet customer.first_name }}")]
    public void Check_WhatTheModelHas_IsQuiet(string text)
    {
        Assert.Empty(TemplateLint.Check(text, TemplateSyntax.Scriban, "text"));
    }

    [Fact]
    public void Check_Liquid_FiltersAndLoopsAreQuiet_ButAMisspellingIsNot()
    {
        Assert.Empty(TemplateLint.Check("{{ customer.first_name | upcase }}{% for line in order.lines %}{{ forloop.index }} {{ line.name }}{% endfor %}", TemplateSyntax.Liquid, "html"));
        Assert.Equal("first_name", Assert.Single(TemplateLint.Check("{{ customer.frist_name | upcase }}", TemplateSyntax.Liquid, "html")).Suggestion);
    }

    [Fact]
    public void Check_EveryDefaultTemplate_IsQuiet()
    {
        var warnings = DefaultTemplates.All.SelectMany(template => template.Locales.SelectMany(locale => new[] { locale.Value.Subject, locale.Value.Html, locale.Value.Text }
            .SelectMany(part => TemplateLint.Check(part, template.Syntax, $"{template.Id}.{locale.Key}")))).ToList();

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("customer.order_cuont == 3", "order_count")]
    [InlineData("order.totl >= 5000", "total")]
    public void Check_AConditionsMisspelling_IsAWarning(string condition, string nearest)
    {
        var warning = Assert.Single(TemplateLint.Check(condition, TemplateSyntax.Scriban, "condition", condition: true));

        Assert.Equal(nearest, warning.Suggestion);
    }

    [Fact]
    public void Check_AConditionUsingWhatOnlyTemplatesHave_SaysSo()
    {
        var warning = Assert.Single(TemplateLint.Check("message.reminder > 0", TemplateSyntax.Scriban, "condition", condition: true));

        Assert.Contains("only in templates", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_DescribesTheEventsFieldsInSnakeCase_AndWhatFollowUpAdds()
    {
        var paths = TemplateModelSchema.Paths().Select(p => p.Path).ToList();

        Assert.Contains("customer.first_name", paths);
        Assert.Contains("customer.time_zone", paths);
        Assert.Contains("order.lines[].unit_price", paths);
        Assert.Contains("order.expected_delivery_at", paths);
        Assert.Contains("deal.owner.email", paths);
        Assert.Contains("event.type", paths);
        Assert.Contains("unsubscribe_url", paths);
    }
}
