using System.Text;
using System.Text.Json.Nodes;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

/// <summary>
/// A Zalo-shaped webhook body, compact JSON exactly as Zalo sends it, with its signature
/// (<c>X-ZEvent-Signature: mac=...</c>). Build one with <see cref="ZaloEmulator.Events"/> and
/// deliver it with <see cref="ZaloEmulator.PostWebhookAsync(Uri, EmulatedWebhook, CancellationToken)"/>.
/// </summary>
public sealed class EmulatedWebhook
{
    internal EmulatedWebhook(string eventName, string oaId, string userId, string? messageId, string timestamp, string body, string signature, Uri? mediaUrl, EventEffect effect)
    {
        EventName = eventName;
        OaId = oaId;
        UserId = userId;
        MessageId = messageId;
        Timestamp = timestamp;
        Body = body;
        BodyBytes = Encoding.UTF8.GetBytes(body);
        Signature = signature;
        MediaUrl = mediaUrl;
        Effect = effect;
    }

    /// <summary><c>event_name</c>, e.g. <c>user_send_text</c>.</summary>
    public string EventName { get; }

    /// <summary>The Official Account the event is for.</summary>
    public string OaId { get; }

    /// <summary>The user concerned.</summary>
    public string UserId { get; }

    /// <summary><c>message.msg_id</c> for user messages; null for other events.</summary>
    public string? MessageId { get; }

    /// <summary>The body's <c>timestamp</c> (epoch milliseconds as a string), part of the signature.</summary>
    public string Timestamp { get; }

    /// <summary>The body, compact JSON.</summary>
    public string Body { get; }

    /// <summary>The body's UTF-8 bytes, exactly what is posted and signed.</summary>
    public ReadOnlyMemory<byte> BodyBytes { get; }

    /// <summary>The <c>X-ZEvent-Signature</c> header value, <c>mac=&lt;hex&gt;</c>.</summary>
    public string Signature { get; }

    /// <summary>For image, gif, file, video, audio and sticker events: the media URL on the emulator.</summary>
    public Uri? MediaUrl { get; }

    /// <summary>For group chat events: the group.</summary>
    public string? GroupId { get; internal set; }

    internal EventEffect Effect { get; }

    internal bool Applied { get; set; }

    /// <summary>A copy with another signature header value, to test that your app rejects it.</summary>
    public EmulatedWebhook WithSignature(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new EmulatedWebhook(EventName, OaId, UserId, MessageId, Timestamp, Body, signature, MediaUrl, EventEffect.None) { GroupId = GroupId };
    }

    /// <summary>The event name and ids (the body is not shown: it may hold citizens' data).</summary>
    public override string ToString() => $"{EventName} (OA {OaId}, user {UserId}{(GroupId is null ? "" : ", group " + GroupId)}, msg_id {MessageId ?? "-"})";
}

// What delivering an event changes in the emulated OA.
internal sealed record EventEffect(EventEffectKind Kind, DateTimeOffset Time, ConversationEntry? Entry = null, JsonObject? SharedInfo = null)
{
    // Received/Seen/Reacted: the messages concerned.
    public IReadOnlyList<string> MessageIds { get; init; } = [];

    // Reacted: the icon.
    public string? ReactIcon { get; init; }

    // Group events: the group.
    public string? GroupId { get; init; }

    public static readonly EventEffect None = new(EventEffectKind.None, default);
}

internal enum EventEffectKind
{
    None = 0,
    UserMessage,
    Follow,
    Unfollow,
    SubmitInfo,
    Received,
    Seen,
    Reacted,
    GroupMessage,
    GroupJoin,
    GroupJoinRequest,
    GroupLeave,
}

/// <summary>The result of posting a webhook to an app.</summary>
/// <param name="Event">The event posted.</param>
/// <param name="StatusCode">The HTTP status your app answered (Zalo wants 200 within about 2 s).</param>
public sealed record ZaloWebhookDelivery(EmulatedWebhook Event, System.Net.HttpStatusCode StatusCode);

/// <summary>What a user shares with <c>request_user_info</c> (the <c>user_submit_info</c> event's <c>info</c>).</summary>
public sealed class EmulatedUserInfo
{
    /// <summary>Full name.</summary>
    public string Name { get; init; } = "Nguyễn Văn An";

    /// <summary>Phone number, <c>84...</c> form.</summary>
    public string Phone { get; init; } = "84912345678";

    /// <summary>Date of birth, <c>dd/MM/yyyy</c>.</summary>
    public string UserDob { get; init; } = "30/10/1999";

    /// <summary>Gender as Zalo words it (<c>Nam</c> / <c>Nữ</c>).</summary>
    public string Gender { get; init; } = "Nam";

    /// <summary>City or province (<c>full_address.user_city</c>).</summary>
    public string City { get; init; } = "Thành phố Hồ Chí Minh";

    /// <summary>Ward (<c>full_address.user_ward</c>).</summary>
    public string Ward { get; init; } = "Phường Bến Nghé";

    /// <summary>Street address (<c>full_address.user_address</c>).</summary>
    public string Address { get; init; } = "Số 1 Lê Duẩn";
}
