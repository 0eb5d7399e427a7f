using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Tags;

public partial class TagsClient
{
    /// <summary>All tag names of the OA (<c>GET /v2.0/oa/tag/gettagsofoa</c>; <c>data</c> is a flat string array).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<IReadOnlyList<string>> GetAllAsync(CancellationToken cancellationToken = default) =>
        await Connection.SendAsync(OaId, ZaloApiRequest.Get("tags.list", "v2.0/oa/tag/gettagsofoa"), TagsJsonContext.Default.ListString, cancellationToken).ConfigureAwait(false);

    /// <summary>Tags a follower (<c>POST /v2.0/oa/tag/tagfollower</c>); the tag is created if it does not exist.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="tagName">The tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task TagUserAsync(string userId, string tagName, CancellationToken cancellationToken = default)
    {
        var body = new UserTagBody { UserId = ZaloGuard.Required(userId, nameof(userId)), TagName = ZaloGuard.Required(tagName, nameof(tagName)) };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("tags.tag", "v2.0/oa/tag/tagfollower", body, TagsJsonContext.Default.UserTagBody, idempotent: true), cancellationToken);
    }

    /// <summary>Removes a tag from a follower (<c>POST /v2.0/oa/tag/rmfollowerfromtag</c>).</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="tagName">The tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task UntagUserAsync(string userId, string tagName, CancellationToken cancellationToken = default)
    {
        var body = new UserTagBody { UserId = ZaloGuard.Required(userId, nameof(userId)), TagName = ZaloGuard.Required(tagName, nameof(tagName)) };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("tags.untag", "v2.0/oa/tag/rmfollowerfromtag", body, TagsJsonContext.Default.UserTagBody, idempotent: true), cancellationToken);
    }

    /// <summary>Deletes a tag from the OA (<c>POST /v2.0/oa/tag/rmtag</c>).</summary>
    /// <param name="tagName">The tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task DeleteAsync(string tagName, CancellationToken cancellationToken = default)
    {
        var body = new TagBody { TagName = ZaloGuard.Required(tagName, nameof(tagName)) };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("tags.delete", "v2.0/oa/tag/rmtag", body, TagsJsonContext.Default.TagBody, idempotent: true), cancellationToken);
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(UserTagBody))]
[JsonSerializable(typeof(TagBody))]
internal sealed partial class TagsJsonContext : JsonSerializerContext;

internal sealed class UserTagBody
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }

    [JsonPropertyName("tag_name")]
    public required string TagName { get; init; }
}

internal sealed class TagBody
{
    [JsonPropertyName("tag_name")]
    public required string TagName { get; init; }
}
