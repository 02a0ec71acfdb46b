using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp;

/// <summary>The one JSON shape of the public contract: camelCase names, enums as camelCase strings, no nulls written; unknown or repeated names are refused.</summary>
public static class FollowUpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// For JSON kept in Table Storage: text as it is (Norwegian letters stay one character, not six), so that what
    /// was measured at ingest is what is stored. Never for HTML.
    /// </summary>
    public static JsonSerializerOptions Storage { get; } = CreateStorage();

    private static JsonSerializerOptions CreateStorage()
    {
        var options = new JsonSerializerOptions(Options);
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Answers are JSON for people and programs, never HTML: a condition such as order.total > 5000 && "x"
            // reads as written instead of \u003E and \u0022. Browsers do not render application/json as HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowDuplicateProperties = false,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            MaxDepth = 32,
        };
        options.Converters.Add(new ExactEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
