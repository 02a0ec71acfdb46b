using System.Net;
using Scriban;

namespace FollowUp.Templates;

/// <summary>What the escaping contexts write for a value: <see cref="RawHtml"/> as is, anything else HTML-encoded.</summary>
internal static class HtmlEscaping
{
    public static string Escape(TemplateContext context, object? value) =>
        value is RawHtml raw ? raw.Value : WebUtility.HtmlEncode(context.ObjectToString(value)) ?? string.Empty;
}
