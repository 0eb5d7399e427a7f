using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Reads an optional count (<c>remain</c>, <c>total</c>, <c>num_follower</c>) sent as a JSON number,
/// a numeric string, an empty string or null. Anything that is not a whole number reads as null
/// instead of failing the whole response: these fields are informative and their type varies
/// between Zalo endpoints and versions.
/// </summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // 1e400 and other numbers beyond a long read as null like any other odd value.
                return reader.TryGetInt64(out var n) ? n
                    : reader.TryGetDouble(out var d) && double.IsFinite(d) && d >= long.MinValue && d <= long.MaxValue ? (long)d
                    : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}

/// <summary>
/// Reads an optional epoch-millisecond timestamp sent as a number or a numeric string; an empty
/// string, zero, null or text that is not a number reads as null.
/// </summary>
internal sealed class LenientEpochMillisecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long ms;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out ms))
                {
                    if (!reader.TryGetDouble(out var d) || !double.IsFinite(d) || d < long.MinValue || d > long.MaxValue)
                    {
                        return null;
                    }

                    ms = (long)d;
                }

                break;
            case JsonTokenType.String:
                if (!long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
                {
                    return null;
                }

                break;
            default:
                reader.Skip();
                return null;
        }

        return ms <= 0 || ms > EpochMillisecondsConverter.MaxMilliseconds ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Reads a boolean sent as <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c>, or 0/1; anything else reads as null.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) ? n != 0 : null;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (bool.TryParse(text, out var b))
                {
                    return b;
                }

                return text switch { "1" => true, "0" => false, _ => null };
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBooleanValue(value.Value);
        }
    }
}
