using Scriban;
using Scriban.Parsing;

namespace FollowUp.Templates;

/// <summary>Parses Scriban or Liquid text and reports the first error with a 1-based line and column.</summary>
public static class ScriptParser
{
    public static Template? Parse(string text, TemplateSyntax syntax, out string? error, bool expressionOnly = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new LexerOptions
        {
            Mode = expressionOnly ? ScriptMode.ScriptOnly : ScriptMode.Default,
            Lang = syntax == TemplateSyntax.Liquid && !expressionOnly ? ScriptLang.Liquid : ScriptLang.Default,
        };
        var template = Template.Parse(text, sourceFilePath: null, parserOptions: null, lexerOptions: lexer);
        if (template.HasErrors)
        {
            var message = template.Messages.First(m => m.Type == ParserMessageType.Error);
            error = $"line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1}: {message.Message}";
            return null;
        }

        error = null;
        return template;
    }
}
