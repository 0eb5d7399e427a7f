using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Reads Zalo's epoch-millisecond timestamps, sent as a JSON string (<c>"1700000000000"</c>, in
/// webhooks) or a number (conversation <c>time</c>), into a UTC <see cref="DateTimeOffset"/>. Writes
/// them back as a string of milliseconds, the way webhooks carry them.
/// </summary>
public sealed class EpochMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long ms;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out ms))
            {
                // A fraction or an exponent: accept it when it is a finite value in range.
                if (!reader.TryGetDouble(out var d) || !double.IsFinite(d) || d < long.MinValue || d > long.MaxValue)
                {
                    throw new JsonException("Expected epoch milliseconds, found a number out of range.");
                }

                ms = (long)d;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            // Every webhook carries one: read the digits in place when they need no unescaping.
            if (!reader.HasValueSequence && !reader.ValueIsEscaped
                && long.TryParse(reader.ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
            {
                return InRange(ms);
            }

            var text = reader.GetString();
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
            {
                throw new JsonException($"Expected epoch milliseconds, found \"{text}\".");
            }
        }
        else
        {
            throw new JsonException($"Expected epoch milliseconds as a string or number, found {reader.TokenType}.");
        }

        return InRange(ms);
    }

    private static DateTimeOffset InRange(long ms) =>
        ms < MinMilliseconds || ms > MaxMilliseconds
            ? throw new JsonException($"Epoch milliseconds {ms} are outside the dates .NET can represent.")
            : DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    internal static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }
}
