using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Reads a JSON string, number or boolean into a <see cref="string"/>. Zalo sends ids (18-19
/// digits, beyond JavaScript's 2^53) and counters sometimes as strings and sometimes as numbers;
/// the number's exact text is kept so no digit is lost. Writes ordinary JSON strings.
/// </summary>
public sealed class ZaloStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                // The raw token text keeps every digit of a 19-digit id.
                return reader.HasValueSequence
                    ? System.Text.Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
                    : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Expected a string or a number, found {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    // Registered globally, this converter also serves string dictionary keys (the token file is a
    // Dictionary<string, ZaloTokenSet>); without these overrides every such dictionary throws.

    /// <inheritdoc />
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? string.Empty;

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value);
    }
}
