using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Builds webhook events for the unit tests of your handlers and processors (their properties are
/// read-only outside the SDK). Every event is built the way a delivery is: as Zalo's JSON body,
/// read by <see cref="ZaloWebhookParser"/>. So it has the concrete type a delivery would have, its
/// <see cref="ZaloWebhookEvent.RawBody"/> and <see cref="ZaloWebhookEvent.DeduplicationKey"/>, and
/// the fields Zalo always sends are checked as on a delivery.
/// </summary>
/// <remarks>
/// <see cref="Create{TEvent}"/> builds any event, including ones added to the SDK later, from the
/// fields of its body; the other methods are shortcuts for the events handlers meet most.
/// <code>
/// var text = ZaloWebhookModelFactory.UserSendText(oaId, userId, "Xin chào");
/// var location = ZaloWebhookModelFactory.Create&lt;UserSendLocationEvent&gt;(ZaloEventName.UserSendLocation, new JsonObject
/// {
///     ["sender"] = new JsonObject { ["id"] = userId },
///     ["recipient"] = new JsonObject { ["id"] = oaId },
///     ["message"] = new JsonObject
///     {
///         ["msg_id"] = "m-1",
///         ["attachments"] = new JsonArray(new JsonObject
///         {
///             ["type"] = "location",
///             ["payload"] = new JsonObject { ["coordinates"] = new JsonObject { ["latitude"] = "10.77", ["longitude"] = "106.70" } },
///         }),
///     },
/// });
/// await handler.HandleAsync(text, CancellationToken.None);
/// </code>
/// </remarks>
public static class ZaloWebhookModelFactory
{
    /// <summary>
    /// Builds the event of <paramref name="eventName"/> from the fields of its body as Zalo sends
    /// them (the names in the event type's XML docs: <c>sender</c>, <c>recipient</c>,
    /// <c>message</c>, <c>oa_id</c>, <c>follower</c>, ...). <c>event_name</c> is set for you,
    /// <c>timestamp</c> too unless <paramref name="fields"/> has it, and <c>app_id</c> when given.
    /// </summary>
    /// <typeparam name="TEvent">The type the event name maps to (or one of its base types).</typeparam>
    /// <param name="eventName">The <c>event_name</c>, e.g. <see cref="ZaloEventName.UserSendLocation"/>.</param>
    /// <param name="fields">The other fields of the body. Not changed (a copy is used).</param>
    /// <param name="timestamp">The event's <c>timestamp</c>; now when null.</param>
    /// <param name="appId">The <c>app_id</c>; left out when null.</param>
    /// <exception cref="ArgumentException">The fields lack something Zalo always sends with this
    /// event (the message names it), have a field of the wrong shape, or the event name maps to
    /// another type than <typeparamref name="TEvent"/>.</exception>
    public static TEvent Create<TEvent>(ZaloEventName eventName, JsonObject fields, DateTimeOffset? timestamp = null, string? appId = null)
        where TEvent : ZaloWebhookEvent
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.IsNullOrEmpty(eventName.Value))
        {
            throw new ArgumentException("eventName is required, e.g. ZaloEventName.UserSendText.", nameof(eventName));
        }

        var body = (JsonObject)fields.DeepClone();
        body["event_name"] = eventName.Value;
        if (!body.ContainsKey("timestamp"))
        {
            // As Zalo sends it: epoch milliseconds as a string.
            var when = timestamp ?? TimeProvider.System.GetUtcNow();
            body["timestamp"] = when.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        if (appId is not null)
        {
            body["app_id"] = appId;
        }

        ZaloWebhookEvent parsed;
        try
        {
            parsed = ZaloWebhookParser.Parse(Serialize(body));
        }
        catch (ZaloWebhookParseException ex)
        {
            throw new ArgumentException($"The fields do not make a {eventName.Value} event: {ex.Message}", nameof(fields), ex);
        }

        return parsed as TEvent
            ?? throw new ArgumentException($"event_name \"{eventName.Value}\" makes a {parsed.GetType().Name}, not a {typeof(TEvent).Name}.", nameof(eventName));
    }

    /// <summary>A <c>user_send_text</c>: the user wrote <paramref name="text"/> to the OA.</summary>
    /// <param name="oaId">The OA written to (<c>recipient.id</c>).</param>
    /// <param name="userId">The user who wrote (<c>sender.id</c>).</param>
    /// <param name="text">The text (a tap on a query button arrives as its payload).</param>
    /// <param name="messageId">The <c>msg_id</c>; a new unique id when null, so that two events are
    /// never taken for a redelivery of one.</param>
    /// <param name="timestamp">The event's time; now when null.</param>
    public static UserSendTextEvent UserSendText(string oaId, string userId, string text, string? messageId = null, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Create<UserSendTextEvent>(ZaloEventName.UserSendText, UserMessage(oaId, userId, messageId, new JsonObject { ["text"] = text }), timestamp);
    }

    /// <summary>A <c>user_send_image</c>: the user sent an image, with an optional caption.</summary>
    /// <param name="oaId">The OA written to (<c>recipient.id</c>).</param>
    /// <param name="userId">The user who wrote (<c>sender.id</c>).</param>
    /// <param name="imageUrl">The image's URL on Zalo's servers (the attachment's <c>url</c> and <c>thumbnail</c>).</param>
    /// <param name="caption">The caption (<c>message.text</c>), when any.</param>
    /// <param name="messageId">The <c>msg_id</c>; a new unique id when null.</param>
    /// <param name="timestamp">The event's time; now when null.</param>
    public static UserSendImageEvent UserSendImage(string oaId, string userId, Uri imageUrl, string? caption = null, string? messageId = null, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(imageUrl);
        var message = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["type"] = "image",
                ["payload"] = new JsonObject { ["url"] = imageUrl.AbsoluteUri, ["thumbnail"] = imageUrl.AbsoluteUri },
            }),
        };
        if (caption is not null)
        {
            message["text"] = caption;
        }

        return Create<UserSendImageEvent>(ZaloEventName.UserSendImage, UserMessage(oaId, userId, messageId, message), timestamp);
    }

    /// <summary>A <c>follow</c>: the user followed the OA (scanned its QR code, tapped Follow).</summary>
    /// <param name="oaId">The OA followed (<c>oa_id</c>).</param>
    /// <param name="userId">The new follower (<c>follower.id</c>).</param>
    /// <param name="source">Where from, e.g. <c>oa_profile</c> or <c>qr_code</c>; left out when null.</param>
    /// <param name="timestamp">The event's time; now when null.</param>
    public static FollowEvent Follow(string oaId, string userId, string? source = null, DateTimeOffset? timestamp = null) =>
        Create<FollowEvent>(ZaloEventName.Follow, Follower(oaId, userId, source), timestamp);

    /// <summary>An <c>unfollow</c>: the user stopped following the OA.</summary>
    /// <param name="oaId">The OA unfollowed (<c>oa_id</c>).</param>
    /// <param name="userId">The former follower (<c>follower.id</c>).</param>
    /// <param name="timestamp">The event's time; now when null.</param>
    public static UnfollowEvent Unfollow(string oaId, string userId, DateTimeOffset? timestamp = null) =>
        Create<UnfollowEvent>(ZaloEventName.Unfollow, Follower(oaId, userId, source: null), timestamp);

    private static JsonObject UserMessage(string oaId, string userId, string? messageId, JsonObject message)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        message["msg_id"] = messageId ?? Guid.NewGuid().ToString("N");
        return new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = userId },
            ["recipient"] = new JsonObject { ["id"] = oaId },
            ["message"] = message,
        };
    }

    private static JsonObject Follower(string oaId, string userId, string? source)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var fields = new JsonObject { ["oa_id"] = oaId, ["follower"] = new JsonObject { ["id"] = userId } };
        if (source is not null)
        {
            fields["source"] = source;
        }

        return fields;
    }

    private static byte[] Serialize(JsonObject body)
    {
        // Vietnamese text kept as UTF-8, as Zalo sends it (the default encoder would escape it).
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ZaloJsonEncoder.Instance }))
        {
            body.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
