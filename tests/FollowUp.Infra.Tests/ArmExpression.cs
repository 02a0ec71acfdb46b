using System.Text;

namespace FollowUp.Infra.Tests;

/// <summary>Just enough of ARM's template-expression syntax to read the app settings Bicep compiles to createObject(...) calls.</summary>
internal static class ArmExpression
{
    /// <summary>Every key/value pair of every <c>createObject(...)</c> in the expression; values are left as expression text.</summary>
    public static IEnumerable<(string Key, string Value)> CreateObjectPairs(string expression)
    {
        const string Call = "createObject(";
        for (var at = expression.IndexOf(Call, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(Call, at + 1, StringComparison.Ordinal))
        {
            var arguments = Arguments(expression, at + Call.Length);
            for (var i = 0; i + 1 < arguments.Count; i += 2)
            {
                yield return (arguments[i].Trim().Trim('\''), arguments[i + 1].Trim());
            }
        }
    }

    /// <summary>The value as a literal when it is one (<c>'text'</c>), else null.</summary>
    public static string? Literal(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' && !value[1..^1].Contains('\'', StringComparison.Ordinal) ? value[1..^1] : null;

    private static List<string> Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                arguments.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            arguments.Add(current.ToString());
        }

        return arguments;
    }
}
