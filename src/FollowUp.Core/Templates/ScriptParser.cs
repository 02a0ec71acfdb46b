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
            var (line, column) = message.Span.Start.Line >= 0
                ? (message.Span.Start.Line + 1, message.Span.Start.Column + 1)
                : EndOf(text);
            error = $"line {line}, column {column}: {message.Message}";
            return null;
        }

        error = null;
        return template;
    }

    /// <summary>Scriban gives no position for "unexpected end of input"; the end of the text is where the reader should look.</summary>
    private static (int Line, int Column) EndOf(string text)
    {
        var lines = text.Split('\n');
        return (lines.Length, lines[^1].TrimEnd('\r').Length + 1);
    }
}
