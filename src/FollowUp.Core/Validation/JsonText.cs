using System.Text.Json;

namespace FollowUp.Validation;

/// <summary>
/// JSON as FollowUp accepts it: no duplicate names (two readers could otherwise see two different documents), a
/// bounded depth, and only text that is valid Unicode. <see cref="JsonDocument"/> checks the first two as it parses;
/// an escaped lone surrogate or invalid UTF-8 inside a string only fails when the string is read, so
/// <see cref="CheckStrings"/> reads every one up front and names the field, before anything is stored.
/// </summary>
public static class JsonText
{
    public const int MaxDepth = 32;

    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>
    /// Names the objects holding a field name that is not valid Unicode. Needed because <see cref="DocumentOptions"/>
    /// fails on such a name while comparing names for duplicates, before any path is known.
    /// </summary>
    public static void CheckNames(ReadOnlyMemory<byte> json, string path, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            CheckStrings(document.RootElement, path, errors);
        }
        catch (JsonException)
        {
        }

        if (errors.IsEmpty)
        {
            errors.Add(path.Length == 0 ? "body" : path, "holds a field name that is not valid Unicode text (invalid UTF-8, or a lone surrogate escape such as \\ud800)");
        }
    }

    /// <summary>Adds an error for every name or string in <paramref name="element"/> that is not valid Unicode text.</summary>
    public static void CheckStrings(JsonElement element, string path, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        errors.Add(path.Length == 0 ? "body" : path, "holds a field name that is not valid Unicode text");
                        continue;
                    }

                    CheckStrings(property.Value, Join(path, name), errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    errors.Add(path, "is not valid Unicode text (invalid UTF-8, or a lone surrogate escape such as \\ud800)");
                }

                break;
        }
    }

    private static string Join(string path, string name)
    {
        var shown = name.Length <= 64 ? name : name[..64] + "…";
        return path.Length == 0 || path == "$" ? shown : path + "." + shown;
    }
}
