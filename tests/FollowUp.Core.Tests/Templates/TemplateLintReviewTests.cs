using FollowUp.Templates;

namespace FollowUp.Core.Tests.Templates;

/// <summary>Valid templates the lint must stay quiet about: a warning on what is right teaches marketers to ignore warnings.</summary>
public class TemplateLintReviewTests
{
    private static void AssertQuiet(string text, TemplateSyntax syntax = TemplateSyntax.Scriban)
    {
        var warnings = TemplateLint.Check(text, syntax, "locales.en.html");
        Assert.True(warnings.Count == 0, string.Join("; ", warnings.Select(w => $"{w.Line}:{w.Column} {w.Message}")));
    }

    [Theory]
    [InlineData("{{ x = { a: 1, b: customer.first_name } }}{{ x.a }} {{ x.b }}")]
    [InlineData("{{ greeting = { text: \"Hei\", name: customer.first_name } }}{{ greeting.text }} {{ greeting.name }}")]
    public void Check_TheKeysOfAnObjectLiteral_AreQuiet(string text) => AssertQuiet(text);

    [Theory]
    [InlineData("{{ for line in order.lines limit:2 }}{{ line.name }}{{ end }}")]
    [InlineData("{{ for line in order.lines offset:1 }}{{ line.name }}{{ end }}")]
    [InlineData("{{ for line in order.lines reversed }}{{ line.name }}{{ end }}")]
    public void Check_TheOptionsOfAForLoop_AreQuiet(string text) => AssertQuiet(text);

    [Theory]
    [InlineData("{% for line in order.lines limit:2 %}{{ line.name }}{% endfor %}")]
    [InlineData("{% for line in order.lines offset:1 %}{{ line.name }}{% endfor %}")]
    [InlineData("{% for line in order.lines reversed %}{{ line.name }}{% endfor %}")]
    public void Check_TheOptionsOfALiquidForLoop_AreQuiet(string text) => AssertQuiet(text, TemplateSyntax.Liquid);

    [Theory]
    [InlineData("{{ customer.name | string.truncate length: 10 }}")]
    public void Check_ANamedArgument_IsQuiet(string text) => AssertQuiet(text);

    [Theory]
    [InlineData("{% increment visits %}")]
    [InlineData("{% decrement visits %}")]
    public void Check_LiquidIncrementAndDecrement_AreQuiet(string text) => AssertQuiet(text, TemplateSyntax.Liquid);

    [Theory]
    [InlineData("{{ with customer }}{{ first_name }}{{ end }}")]
    [InlineData("{{ with order }}{{ id }} {{ total }}{{ end }}")]
    public void Check_NamesInsideAWithBlock_AreQuiet(string text) => AssertQuiet(text);
}
