using System.Text.Json;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// The parts of Zalo's <c>{"error", "message", "data"}</c> envelope, found in one forward pass
/// over the body so the typed <c>data</c> can be deserialised straight from its byte range without
/// building a DOM. Property order does not matter.
/// </summary>
internal readonly struct ZaloEnvelope
{
    private ZaloEnvelope(int? error, string? message, int dataStart, int dataLength)
    {
        Error = error;
        Message = message;
        DataStart = dataStart;
        DataLength = dataLength;
    }

    /// <summary>The numeric <c>error</c>; null when the body had none (then treated as 0 only if
    /// the body is otherwise an envelope).</summary>
    public int? Error { get; }

    public string? Message { get; }

    public int DataStart { get; }

    /// <summary>Length in bytes of the <c>data</c> value; 0 when absent or null.</summary>
    public int DataLength { get; }

    public bool HasData => DataLength > 0;

    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> body) => body.Slice(DataStart, DataLength);

    /// <summary>Reads the envelope. Throws <see cref="JsonException"/> when the body is not a JSON
    /// object or is malformed anywhere, including inside <c>data</c>.</summary>
    public static ZaloEnvelope Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        int? error = null;
        string? message = null;
        int dataStart = 0, dataLength = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Unexpected token in envelope.");
            }

            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ReadCode(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                // Zalo's success message is always "Success": no string per call for it.
                message = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals("Success"u8) ? "Success"
                    : reader.GetString();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
                dataLength = (int)reader.BytesConsumed - dataStart;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Drive the reader to the end so trailing garbage or truncation is reported.
        while (reader.Read())
        {
        }

        return new ZaloEnvelope(error, message, dataStart, dataLength);
    }

    private static int? ReadCode(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var n):
                return n;
            case JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s):
                return s;
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                throw new JsonException("The envelope's error field is not an integer.");
        }
    }
}
