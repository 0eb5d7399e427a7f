using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Reads Zalo's <c>"dd/MM/yyyy"</c> dates (<c>user_last_interaction_date</c>, <c>user_dob</c>) into
/// a <see cref="DateOnly"/>. An empty string or an unparseable value reads as null rather than
/// failing the whole response: these are informative fields.
/// </summary>
public sealed class ZaloDateConverter : JsonConverter<DateOnly?>
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DateOnly? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var text = reader.GetString();
        return DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateOnly? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }
    }
}
