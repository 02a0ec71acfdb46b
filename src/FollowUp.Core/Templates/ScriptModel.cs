using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace FollowUp.Templates;

/// <summary>
/// Turns the JSON model a message carries into Scriban values: object names become snake_case (<c>unitPrice</c> →
/// <c>unit_price</c>), numbers become decimals or longs, and RFC 3339 timestamps become <see cref="DateTime"/>s so that
/// <c>date.to_string</c> works on them.
/// </summary>
public static class ScriptModel
{
    public static ScriptObject FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var result = new ScriptObject();
        foreach (var (name, value) in json)
        {
            result.SetValue(SnakeCase(name), Convert(value), readOnly: false);
        }

        return result;
    }

    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static object? Convert(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                return FromJson(obj);
            case JsonArray array:
                var list = new ScriptArray();
                foreach (var item in array)
                {
                    list.Add(Convert(item));
                }

                return list;
            default:
                var element = node.AsValue().TryGetValue<JsonElement>(out var backing) ? backing : JsonSerializer.SerializeToElement(node);
                return element.ValueKind switch
                {
                    JsonValueKind.String => StringOrDate(element.GetString()!),
                    JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.TryGetDecimal(out var number) ? number : element.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
        }
    }

    private static object StringOrDate(string text) =>
        text.Length is >= 20 and <= 35 && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time.UtcDateTime
            : text;
}
