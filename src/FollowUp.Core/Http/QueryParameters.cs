using System.Globalization;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary>
/// Reading a list's query string as the contract reads every query: a name it does not know, or one given twice, is an
/// error naming it, and each value is bounded before anything uses it.
/// </summary>
internal static class QueryParameters
{
    /// <summary>Names each parameter that is not one of <paramref name="known"/>, or is given more than once.</summary>
    public static void Check(IQueryCollection query, IReadOnlyList<string> known, FieldErrors errors, string of = "list")
    {
        foreach (var name in query.Keys.Where(name => !known.Contains(name, StringComparer.Ordinal)))
        {
            errors.Add(name, $"is not a parameter of this {of}; use {string.Join(", ", known)}");
        }

        foreach (var name in known.Where(name => query.TryGetValue(name, out var values) && values.Count > 1))
        {
            errors.Add(name, "must be given at most once");
        }
    }

    /// <summary>The value, or null when it is absent or blank.</summary>
    public static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.Count == 1 && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    /// <summary>The value when it is at most <paramref name="max"/> characters of text on one line; else an error naming it.</summary>
    public static string? Text(IQueryCollection query, string name, int max, FieldErrors errors)
    {
        var value = Value(query, name);
        if (value is not null && (value.Length > max || value.Any(char.IsControl) || !IsValidText(value)))
        {
            errors.Add(name, $"must be at most {max} characters of text on one line");
            return null;
        }

        return value;
    }

    /// <summary>A page size from 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static int Limit(IQueryCollection query, int fallback, int max, FieldErrors errors)
    {
        if (Value(query, "limit") is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 || limit > max)
        {
            errors.Add("limit", $"must be a whole number from 1 to {max}");
            return fallback;
        }

        return limit;
    }

    /// <summary>An ISO 8601 date-time with its offset, or a UTC date (its start).</summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name, FieldErrors errors)
    {
        if (Text(query, name, 40, errors) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            return at.ToUniversalTime();
        }

        errors.Add(name, $"{Formats.Quote(text, 40)} is not a date (2026-11-01) or an ISO 8601 date-time with its offset (2026-11-01T08:00:00Z)");
        return null;
    }

    /// <summary>No lone surrogate: such text cannot be written to storage, nor echoed back as UTF-8.</summary>
    public static bool IsValidText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
