using System.Text;
using System.Text.Json;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Turns a webhook body into its typed event. First a <see cref="Utf8JsonReader"/> pass finds
/// <c>event_name</c> wherever it sits (Zalo's property order varies) and validates the document;
/// then the concrete type is deserialised with source-generated metadata. Unknown names give an
/// <see cref="UnknownZaloEvent"/>. An event that lacks a field Zalo's contract guarantees for it
/// (the user and OA of a user message, the text of a text message, ...) is refused, so those
/// properties are non-nullable; fields Zalo is not known to always send stay nullable. The body is
/// kept in <see cref="ZaloWebhookEvent.RawBody"/>.
/// </summary>
/// <remarks>Parsing does not verify the signature: use <see cref="ZaloWebhookVerifier.VerifyAndParse"/>
/// (both in one pass), or <see cref="ZaloWebhookVerifier"/> first.</remarks>
public static class ZaloWebhookParser
{
    /// <summary>The deepest JSON nesting accepted (Zalo's events nest 4 levels at most).</summary>
    public const int MaxDepth = 32;

    /// <summary>Parses a body given as UTF-8 bytes exactly as received.</summary>
    /// <exception cref="ZaloWebhookParseException">The body is not a Zalo event (see the exception's docs).</exception>
    public static ZaloWebhookEvent Parse(ReadOnlyMemory<byte> body)
    {
        if (!ZaloWebhookEnvelope.TryRead(body.Span, out var envelope, out var error))
        {
            throw new ZaloWebhookParseException(error!);
        }

        return Parse(body, envelope);
    }

    /// <summary>Parses a body given as text (encoded as UTF-8; <see cref="ZaloWebhookEvent.RawBody"/>
    /// holds those bytes).</summary>
    /// <exception cref="ZaloWebhookParseException">The body is not a Zalo event.</exception>
    public static ZaloWebhookEvent Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Parses without throwing; false (and the reason) when the body is not a Zalo event.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out ZaloWebhookEvent? webhookEvent, out string? error)
    {
        try
        {
            webhookEvent = Parse(body);
            error = null;
            return true;
        }
        catch (ZaloWebhookParseException ex)
        {
            webhookEvent = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Builds the typed event of a body whose envelope was already read (the one pass of
    /// <see cref="ZaloWebhookVerifier.VerifyAndParse"/>).</summary>
    internal static ZaloWebhookEvent Parse(ReadOnlyMemory<byte> body, in ZaloWebhookEnvelope envelope)
    {
        if (string.IsNullOrEmpty(envelope.EventName))
        {
            throw new ZaloWebhookParseException("The body has no string event_name.");
        }

        var name = envelope.EventName;
        var row = ZaloWebhookEventRegistry.Find(name, envelope);
        ZaloWebhookEvent? result;
        try
        {
            result = row.Deserialize(body.Span);
        }
        catch (JsonException ex)
        {
            throw new ZaloWebhookParseException($"The {name} event has a field of an unexpected shape: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            // The serializer reports some malformed values with these; the contract is one exception type.
            throw new ZaloWebhookParseException($"The {name} event could not be read: {ex.Message}", ex);
        }

        if (result is null)
        {
            throw new ZaloWebhookParseException("The body is JSON null.");
        }

        if (result.FindMissingField() is { } missing)
        {
            throw new ZaloWebhookParseException($"The {name} event lacks {missing}, which Zalo always sends with it.");
        }

        result.RawBody = body;
        return result;
    }
}
