using System.Text.Json;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Testing;

/// <summary>What kind of OA→user message the emulator recorded.</summary>
public enum EmulatedMessageKind
{
    /// <summary>A consultation (CS) message sent to <c>POST /v3.0/oa/message/cs</c>.</summary>
    Consultation = 0,

    /// <summary>A reaction (<c>sender_action</c>) sent to <c>POST /v2.0/oa/message</c>.</summary>
    Reaction,

    /// <summary>A message to an anonymous user (<c>anonymous_id</c> + <c>conversation_id</c>) on <c>POST /v2.0/oa/message</c>.</summary>
    Anonymous,

    /// <summary>A transaction template sent to <c>POST /v3.0/oa/message/transaction</c>.</summary>
    Transaction,

    /// <summary>A promotion template sent to <c>POST /v3.0/oa/message/promotion</c>.</summary>
    Promotion,

    /// <summary>A ZBS template by user id sent to <c>POST /v3.0/oa/message/template</c> [S].</summary>
    Template,

    /// <summary>A post into a group chat (GMF) sent to <c>POST /v3.0/oa/group/message</c> [S];
    /// <see cref="EmulatedSentMessage.GroupId"/> names the group.</summary>
    Group,
}

/// <summary>A message the app sent and the emulator accepted.</summary>
/// <param name="OaId">The sending Official Account.</param>
/// <param name="UserId">The recipient user id (resolved from <c>recipient.message_id</c> when the
/// app replied to an inbound message); null for anonymous recipients and group posts.</param>
/// <param name="Kind">What kind of message it is.</param>
/// <param name="Path">The request path, e.g. <c>/v3.0/oa/message/cs</c>.</param>
/// <param name="RequestJson">The request body exactly as the app sent it.</param>
/// <param name="Json">The parsed request body.</param>
/// <param name="MessageId">The <c>message_id</c> the emulator answered with.</param>
/// <param name="SentAt">When it was accepted (emulator clock).</param>
public sealed record EmulatedSentMessage(
    string OaId,
    string? UserId,
    EmulatedMessageKind Kind,
    string Path,
    string RequestJson,
    JsonElement Json,
    string MessageId,
    DateTimeOffset SentAt)
{
    /// <summary>The group posted into, for <see cref="EmulatedMessageKind.Group"/>; null otherwise.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>message.text</c>, when the message has one.</summary>
    public string? Text =>
        Json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
        && m.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}

/// <summary>What an upload endpoint received.</summary>
public enum EmulatedUploadKind
{
    /// <summary><c>/v2.0/oa/upload/image</c> (answers <c>attachment_id</c>).</summary>
    Image = 0,

    /// <summary><c>/v2.0/oa/upload/gif</c> (answers <c>attachment_id</c>).</summary>
    Gif,

    /// <summary><c>/v2.0/oa/upload/file</c> (answers <c>token</c>).</summary>
    File,

    /// <summary><c>/v2.0/article/upload_video/preparevideo</c> (answers <c>token</c>).</summary>
    Video,
}

/// <summary>A file the app uploaded.</summary>
/// <param name="OaId">The uploading Official Account.</param>
/// <param name="Kind">Which upload endpoint.</param>
/// <param name="Id">The <c>attachment_id</c> (image, gif) or <c>token</c> (file, video) answered.</param>
/// <param name="FileName">The multipart file name.</param>
/// <param name="ContentType">The multipart content type, if any.</param>
/// <param name="Content">The bytes received.</param>
/// <param name="UploadedAt">When (emulator clock).</param>
/// <param name="MediaUrl">Where the emulator serves the bytes (as Zalo's CDN serves a sent
/// image or file to the user); messages that use the upload show this URL.</param>
public sealed record EmulatedUpload(
    string OaId,
    EmulatedUploadKind Kind,
    string Id,
    string FileName,
    string? ContentType,
    ReadOnlyMemory<byte> Content,
    DateTimeOffset UploadedAt,
    Uri MediaUrl);

/// <summary>An article the app created (its latest version).</summary>
/// <param name="OaId">The owning Official Account.</param>
/// <param name="Id">The article id (what <c>verify</c> answers once processed).</param>
/// <param name="Token">The latest <c>create</c>/<c>update</c> token.</param>
/// <param name="Type"><c>normal</c> or <c>video</c>.</param>
/// <param name="RequestJson">The latest create/update body exactly as sent.</param>
/// <param name="Json">The parsed body.</param>
/// <param name="CreatedAt">When it was created (emulator clock).</param>
/// <param name="IsProcessed">Whether <c>verify</c> has handed out the id yet.</param>
/// <param name="IsRemoved">Whether it was removed.</param>
public sealed record EmulatedArticle(
    string OaId,
    string Id,
    string Token,
    string Type,
    string RequestJson,
    JsonElement Json,
    DateTimeOffset CreatedAt,
    bool IsProcessed,
    bool IsRemoved);

/// <summary>An article broadcast the app sent to <c>POST /v2.0/oa/message</c>.</summary>
/// <param name="OaId">The sending Official Account.</param>
/// <param name="MessageId">The <c>message_id</c> answered.</param>
/// <param name="RequestJson">The body exactly as sent.</param>
/// <param name="Json">The parsed body.</param>
/// <param name="ArticleIds">The article ids broadcast.</param>
/// <param name="SentAt">When (emulator clock).</param>
public sealed record EmulatedBroadcast(
    string OaId,
    string MessageId,
    string RequestJson,
    JsonElement Json,
    IReadOnlyList<string> ArticleIds,
    DateTimeOffset SentAt);

/// <summary>A snapshot of a user as the emulated OA knows them.</summary>
/// <param name="OaId">The Official Account.</param>
/// <param name="UserId">The user id (per OA).</param>
/// <param name="UserIdByApp">The user's id for the app (<c>user_id_by_app</c>).</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="IsFollower">Whether the user follows the OA.</param>
/// <param name="LastInteraction">The user's last interaction, which opens the 7-day CS window.</param>
/// <param name="Tags">The OA's tags on the user.</param>
public sealed record EmulatedFollower(
    string OaId,
    string UserId,
    string UserIdByApp,
    string DisplayName,
    bool IsFollower,
    DateTimeOffset? LastInteraction,
    IReadOnlyList<string> Tags);

/// <summary>A token pair the emulator issued.</summary>
/// <param name="OaId">The Official Account the tokens act for.</param>
/// <param name="AccessToken">The access token (header <c>access_token</c>).</param>
/// <param name="RefreshToken">The single-use refresh token.</param>
/// <param name="IssuedAt">When (emulator clock).</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
public sealed record EmulatedTokens(
    string OaId,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset IssuedAt,
    DateTimeOffset AccessTokenExpiresAt)
{
    /// <summary>The pair as the SDK's token-endpoint answer, e.g. for
    /// <see cref="IZaloTokenManager.SaveAuthorizationAsync"/>.</summary>
    public ZaloTokenResponse ToTokenResponse() => new()
    {
        AccessToken = AccessToken,
        RefreshToken = RefreshToken,
        ExpiresInSeconds = (long)(AccessTokenExpiresAt - IssuedAt).TotalSeconds,
    };

    /// <summary>The pair as a token-store entry, to seed an <see cref="IZaloTokenStore"/> directly.</summary>
    public ZaloTokenSet ToTokenSet() => new()
    {
        AccessToken = AccessToken,
        RefreshToken = RefreshToken,
        AccessTokenExpiresAt = AccessTokenExpiresAt,
        IssuedAt = IssuedAt,
        Version = 1,
    };

    /// <summary>Describes the pair without the token values.</summary>
    public override string ToString() => $"EmulatedTokens(OA {OaId}, expires {AccessTokenExpiresAt:O})";
}
