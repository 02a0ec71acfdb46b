using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp;

/// <summary>
/// Enums as the contract writes them (camelCase names) and nothing else. The framework's reader also takes a
/// comma list of names ("service,marketing", read as the two values' bits together, which may be a third value or
/// none), a name in another case or with spaces around it: each would be saved as something nobody wrote.
/// </summary>
internal sealed class ExactEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert))!;

    private sealed class Named<T> : JsonConverter<T>
        where T : struct, Enum
    {
        // In the order they are declared: the refusal lists them as the API description does.
        private static readonly (T Value, string Name)[] Declared =
            [.. Enum.GetValues<T>().Distinct().Select(value => (value, JsonNamingPolicy.CamelCase.ConvertName(value.ToString())))];

        private static readonly FrozenDictionary<T, string> Names = Declared.ToFrozenDictionary(pair => pair.Value, pair => pair.Name);

        private static readonly FrozenDictionary<string, T> Values = Declared.ToFrozenDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);

        private static readonly string OneOf = "must be one of " + string.Join(", ", Declared.Select(pair => $"\"{pair.Name}\""));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && Values.TryGetValue(text, out var value))
            {
                return value;
            }

            throw new JsonValueException(OneOf);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}"));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && Values.TryGetValue(text, out var value) ? value : throw new JsonValueException(OneOf);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}"));
    }
}
