using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace FollowUp.Templates;

/// <summary>
/// Scriban's template loader over the partials a template uses, read from storage before the render (rendering is
/// synchronous): a name is a partial's id, its text the partial's part (subject, HTML or text) in the message's locale.
/// </summary>
internal sealed class PieceLoader(IReadOnlyDictionary<string, MessageTemplate> pieces, string locale, string part) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        pieces.TryGetValue(templateName, out var piece) && piece.Kind == TemplateKind.Partial
            ? templateName
            : throw new ScriptRuntimeException(callerSpan, $"include \"{templateName}\": there is no partial '{templateName}'");

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => TextOf(pieces[templatePath], locale, part);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    /// <summary>A piece's text for the part, in the locale nearest the message's.</summary>
    public static string TextOf(MessageTemplate piece, string locale, string part)
    {
        var chosen = LocaleFallback.Resolve(locale, piece.Locales.Keys)
            ?? throw new TemplateRenderException($"'{piece.Id}' has no content for '{locale}' nor for '{LocaleFallback.Last}'.");
        var content = piece.Locales[chosen];
        return part switch
        {
            "subject" => content.Subject,
            "html" => content.Html,
            _ => content.Text,
        };
    }
}
