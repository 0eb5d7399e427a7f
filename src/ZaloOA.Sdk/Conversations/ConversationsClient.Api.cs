using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Conversations;

public partial class ConversationsClient
{
    /// <summary>Most messages per page. [S]</summary>
    public const int MaxCount = 10;

    /// <summary>One page of the conversation with a user, newest first (<c>GET /v2.0/oa/conversation</c>).</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Messages per page, 1 to 10.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<IReadOnlyList<ZaloConversationMessage>> GetMessagesAsync(string userId, int offset = 0, int count = MaxCount, CancellationToken cancellationToken = default)
    {
        var data = new ConversationData
        {
            UserId = ZaloGuard.Required(userId, nameof(userId)),
            Offset = ZaloGuard.Range(offset, nameof(offset), 0, int.MaxValue),
            Count = ZaloGuard.Range(count, nameof(count), 1, MaxCount),
        };
        return await Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("conversations.get", "v2.0/oa/conversation", data, ConversationsJsonContext.Default.ConversationData), ConversationsJsonContext.Default.ListZaloConversationMessage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every message of the conversation with a user, newest first, 10 per request.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<ZaloConversationMessage> GetAllMessagesAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await GetMessagesAsync(userId, offset, MaxCount, cancellationToken).ConfigureAwait(false);
            foreach (var message in page)
            {
                yield return message;
            }

            if (page.Count < MaxCount)
            {
                yield break;
            }

            offset += page.Count;
        }
    }

    /// <summary>The latest message of each recent conversation (<c>GET /v2.0/oa/listrecentchat</c>).</summary>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Conversations per page, 1 to 10.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<IReadOnlyList<ZaloConversationMessage>> GetRecentAsync(int offset = 0, int count = MaxCount, CancellationToken cancellationToken = default)
    {
        var data = new RecentData
        {
            Offset = ZaloGuard.Range(offset, nameof(offset), 0, int.MaxValue),
            Count = ZaloGuard.Range(count, nameof(count), 1, MaxCount),
        };
        return await Connection.SendAsync(OaId, ZaloApiRequest.GetWithData("conversations.recent", "v2.0/oa/listrecentchat", data, ConversationsJsonContext.Default.RecentData), ConversationsJsonContext.Default.ListZaloConversationMessage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every recent conversation's latest message, 10 per request.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<ZaloConversationMessage> GetAllRecentAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await GetRecentAsync(offset, MaxCount, cancellationToken).ConfigureAwait(false);
            foreach (var message in page)
            {
                yield return message;
            }

            if (page.Count < MaxCount)
            {
                yield break;
            }

            offset += page.Count;
        }
    }
}

/// <summary>A message in a conversation listing. Field set from Zalo's documentation; other fields are kept. [S]</summary>
public sealed class ZaloConversationMessage : ZaloModel
{
    /// <summary>0 when the OA sent it, 1 when the user did.</summary>
    [JsonPropertyName("src")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Src { get; set; }

    /// <summary>True when the user sent the message.</summary>
    [JsonIgnore]
    public bool IsFromUser => Src == 1;

    /// <summary>When it was sent (epoch ms on the wire).</summary>
    [JsonPropertyName("time")]
    [JsonConverter(typeof(LenientEpochMillisecondsConverter))]
    public DateTimeOffset? Time { get; set; }

    /// <summary>text, voice, photo, GIF, link, links, sticker, location, ...</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The text (or a description for other types).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>The message id (<c>message_id</c>).</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }

    /// <summary>The message id in older shapes (<c>msg_id</c>).</summary>
    [JsonPropertyName("msg_id")]
    public string? MsgId { get; set; }

    /// <summary>The message id from whichever field Zalo sent.</summary>
    [JsonIgnore]
    public string? Id => MessageId ?? MsgId;

    /// <summary>Sender id.</summary>
    [JsonPropertyName("from_id")]
    public string? FromId { get; set; }

    /// <summary>Recipient id.</summary>
    [JsonPropertyName("to_id")]
    public string? ToId { get; set; }

    /// <summary>Sender name.</summary>
    [JsonPropertyName("from_display_name")]
    public string? FromDisplayName { get; set; }

    /// <summary>Sender avatar.</summary>
    [JsonPropertyName("from_avatar")]
    public string? FromAvatar { get; set; }

    /// <summary>Recipient name.</summary>
    [JsonPropertyName("to_display_name")]
    public string? ToDisplayName { get; set; }

    /// <summary>Recipient avatar.</summary>
    [JsonPropertyName("to_avatar")]
    public string? ToAvatar { get; set; }

    /// <summary>Attachment URL (photo, voice, link).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>Thumbnail URL.</summary>
    [JsonPropertyName("thumb")]
    public string? Thumb { get; set; }

    /// <summary>Link or sticker description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The location of a location message, as sent.</summary>
    [JsonPropertyName("location")]
    public JsonElement? Location { get; set; }

    /// <summary>The links of a <c>links</c> message, as sent.</summary>
    [JsonPropertyName("links")]
    public JsonElement? Links { get; set; }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(List<ZaloConversationMessage>))]
[JsonSerializable(typeof(ConversationData))]
[JsonSerializable(typeof(RecentData))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;

internal sealed class ConversationData
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }

    [JsonPropertyName("offset")]
    public int Offset { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; }
}

internal sealed class RecentData
{
    [JsonPropertyName("offset")]
    public int Offset { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; }
}
