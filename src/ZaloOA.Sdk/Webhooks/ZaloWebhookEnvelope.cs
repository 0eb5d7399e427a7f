using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// The few top-level fields verification and dispatch need, read in one forward-only
/// <see cref="Utf8JsonReader"/> pass over the raw bytes (never re-serialised, independent of
/// property order). The pass also validates the whole document and its depth. The signed
/// <c>timestamp</c> is kept as where its bytes are in the body (decoded only when escaped), since
/// the signature covers exactly those bytes.
/// </summary>
internal readonly record struct ZaloWebhookEnvelope(string? EventName, string? AppId, int TimestampStart, int TimestampLength, string? EscapedTimestamp, bool HasZnsDeliveryFields)
{
    /// <summary>True when the body has a non-empty string or number <c>timestamp</c>.</summary>
    public bool HasTimestamp => TimestampLength > 0 || !string.IsNullOrEmpty(EscapedTimestamp);

    /// <summary>The timestamp's text as UTF-8, the way the signature covers it: the token's bytes
    /// in <paramref name="body"/>, or the UTF-8 of an escaped string's value.</summary>
    public ReadOnlySpan<byte> Timestamp(ReadOnlySpan<byte> body) =>
        EscapedTimestamp is { } text ? Encoding.UTF8.GetBytes(text) : body.Slice(TimestampStart, TimestampLength);

    public static bool TryRead(ReadOnlySpan<byte> body, out ZaloWebhookEnvelope envelope, out string? error)
    {
        envelope = default;
        error = null;
        string? eventName = null, appId = null, escapedTimestamp = null;
        int timestampStart = 0, timestampLength = 0;
        var zns = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = ZaloWebhookParser.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The body is not a JSON object.";
                return false;
            }

            string? inMessage = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    inMessage = null;
                    if (reader.ValueTextEquals("event_name"u8))
                    {
                        reader.Read();
                        eventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("app_id"u8))
                    {
                        reader.Read();
                        appId = ScalarText(ref reader);
                    }
                    else if (reader.ValueTextEquals("timestamp"u8))
                    {
                        reader.Read();
                        (timestampStart, timestampLength, escapedTimestamp) = (0, 0, null);
                        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                        {
                            escapedTimestamp = reader.GetString();
                        }
                        else if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                        {
                            // Whether the value is valid UTF-8 is checked as decoding it would.
                            if (!Utf8.IsValid(reader.ValueSpan))
                            {
                                throw new InvalidOperationException("The timestamp is not valid UTF-8.");
                            }

                            timestampStart = (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
                            timestampLength = reader.ValueSpan.Length;
                        }
                    }
                    else if (reader.ValueTextEquals("message"u8))
                    {
                        inMessage = "message";
                    }
                }
                else if (reader.CurrentDepth == 2 && inMessage is not null
                    && (reader.ValueTextEquals("delivery_time"u8) || reader.ValueTextEquals("tracking_id"u8)))
                {
                    zns = true;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 cannot be transcoded.
            error = "The body is not valid JSON: " + ex.Message;
            return false;
        }

        envelope = new ZaloWebhookEnvelope(eventName, appId, timestampStart, timestampLength, escapedTimestamp, zns);
        return true;
    }

    /// <summary>A string's value or a number's exact text; null for other tokens.</summary>
    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => null,
    };
}
