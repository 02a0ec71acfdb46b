namespace FollowUp.Templates;

/// <summary>
/// Picks the template locale for a customer's BCP 47 tag: the exact tag, then its language, then the language's
/// neighbour (Nynorsk and plain Norwegian read Bokmål), then English.
/// </summary>
public static class LocaleFallback
{
    public const string Last = "en";

    private static readonly Dictionary<string, string> Neighbours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nn"] = "nb",
        ["no"] = "nb",
    };

    public static IEnumerable<string> Chain(string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            yield return locale;
            var language = locale.Split('-')[0];
            if (!language.Equals(locale, StringComparison.OrdinalIgnoreCase))
            {
                yield return language;
            }

            if (Neighbours.TryGetValue(language, out var neighbour))
            {
                yield return neighbour;
            }
        }

        yield return Last;
    }

    public static string? Resolve(string? locale, IEnumerable<string> available)
    {
        var set = new HashSet<string>(available, StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in Chain(locale))
        {
            if (set.Contains(candidate))
            {
                return set.First(tag => tag.Equals(candidate, StringComparison.OrdinalIgnoreCase));
            }
        }

        return null;
    }
}
