using Scriban;
using Scriban.Parsing;

namespace FollowUp.Templates;

/// <summary>The Liquid twin of <see cref="HtmlEscapingContext"/>: Liquid's built-ins, same escaping.</summary>
internal sealed class HtmlEscapingLiquidContext : LiquidTemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, HtmlEscaping.Escape(this, textAsObject));
}
