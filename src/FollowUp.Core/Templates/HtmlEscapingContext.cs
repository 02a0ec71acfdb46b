using Scriban;
using Scriban.Parsing;

namespace FollowUp.Templates;

/// <summary>
/// Escapes every value a template writes into an HTML body, so a customer named <c>&lt;b&gt;</c> cannot change the
/// markup; the template's own literal HTML is written as is, and <c>| raw</c> opts a value out.
/// </summary>
internal sealed class HtmlEscapingContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, HtmlEscaping.Escape(this, textAsObject));
}
