using System.Text.Json.Nodes;

namespace ZaloOA.Sdk.Testing.Internal;

internal sealed class OaState(string oaId, string name)
{
    public string OaId { get; } = oaId;

    public string Name { get; set; } = name;

    // Followers (and users who messaged without following), in insertion order.
    public Dictionary<string, UserState> Users { get; } = [];

    public List<string> UserOrder { get; } = [];

    public List<string> Tags { get; } = [];

    public List<ConversationEntry> Conversation { get; } = [];

    // Inbound msg_id → user, for replies addressed by recipient.message_id.
    public Dictionary<string, string> InboundMessages { get; } = [];
}

internal sealed class UserState(string userId, string userIdByApp, string displayName)
{
    public string UserId { get; } = userId;

    public string UserIdByApp { get; } = userIdByApp;

    public string DisplayName { get; set; } = displayName;

    public bool IsFollower { get; set; }

    public DateTimeOffset? LastInteraction { get; set; }

    // CS messages sent since the last interaction (the "reply" quota of 8 per 48 h).
    public int RepliesSinceInteraction { get; set; }

    public List<string> Tags { get; } = [];

    // What the user shared through user_submit_info (flat, user/detail shape).
    public JsonObject? SharedInfo { get; set; }
}

// One message of a conversation between an OA and a user: what listrecentchat/conversation
// return (the positional fields) and what the chat simulator renders (Content, state, order).
internal sealed record ConversationEntry(
    string UserId,
    int Src,
    DateTimeOffset Time,
    string Type,
    string? Message,
    string MessageId,
    string? Url = null,
    string? Thumb = null,
    string? Location = null)
{
    // The Zalo message object: the API request's "message" for OA messages (the broadcast's for
    // articles), the webhook's "message" for user messages. Never changed after creation.
    public JsonObject? Content { get; init; }

    // Who sent it: api (the app, through the Open API), oa_manager (Zalo's own OA tools),
    // broadcast (an article broadcast), user.
    public string Origin { get; init; } = Src == 0 ? "api" : "user";

    // True for an oa.query.hide tap: the OA receives the payload, the chat does not show it.
    public bool Hidden { get; set; }

    // Global order of creation: the order the conversation is shown in, whatever the clocks say.
    public long Seq { get; set; }

    // Bumped on every change (creation, delivery state), so a live view sends only what changed.
    public long Version { get; set; }

    // OA messages: sent → received → seen. User messages: sending → delivered | failed.
    public string State { get; set; } = Src == 0 ? "sent" : "sending";

    // User messages: the HTTP status the app's webhook answered (0 when it could not be reached).
    public int? WebhookStatus { get; set; }

    // The user's reaction icon on an OA message, or the OA's on a user message.
    public string? Reaction { get; set; }

    // request_user_info: set once the user submitted the form.
    public bool Answered { get; set; }
}

internal sealed class AccessTokenState(string oaId, DateTimeOffset expiresAt)
{
    public string OaId { get; } = oaId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Revoked { get; set; }
}

internal sealed class RefreshTokenState(string oaId, string accessToken, DateTimeOffset expiresAt)
{
    public string OaId { get; } = oaId;

    public string AccessToken { get; } = accessToken;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Used { get; set; }
}

internal sealed class AuthorizationCodeState(string oaId, string? codeChallenge, DateTimeOffset expiresAt)
{
    public string OaId { get; } = oaId;

    public string? CodeChallenge { get; } = codeChallenge;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Used { get; set; }
}

internal sealed class ArticleState(string oaId, string id, DateTimeOffset createdAt)
{
    public string OaId { get; } = oaId;

    public string Id { get; } = id;

    public string Token { get; set; } = string.Empty;

    public string Type { get; set; } = "normal";

    public string RequestJson { get; set; } = "{}";

    public JsonObject Body { get; set; } = [];

    public int PollsRemaining { get; set; }

    public bool Processed { get; set; }

    public bool Removed { get; set; }

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
}

internal sealed class VideoState(string oaId, string token, string videoId, int polls)
{
    public string OaId { get; } = oaId;

    public string Token { get; } = token;

    public string VideoId { get; } = videoId;

    public int PollsRemaining { get; set; } = polls;
}

internal sealed record MediaItem(byte[] Content, string ContentType);
