using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// The few top-level fields verification and dispatch need, read in one forward-only
/// <see cref="Utf8JsonReader"/> pass over the raw bytes (never re-serialised, independent of
/// property order). The pass also validates the whole document and its depth.
/// </summary>
internal readonly record struct ZaloWebhookEnvelope(string? EventName, string? AppId, string? Timestamp, bool HasZnsDeliveryFields)
{
    public static bool TryRead(ReadOnlySpan<byte> body, out ZaloWebhookEnvelope envelope, out string? error)
    {
        envelope = default;
        error = null;
        string? eventName = null, appId = null, timestamp = null;
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
                        timestamp = ScalarText(ref reader);
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

        envelope = new ZaloWebhookEnvelope(eventName, appId, timestamp, zns);
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
