using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Articles;

/// <summary>One page of <c>GET /v2.0/article/getslice</c>.</summary>
public sealed class ArticleSlice : ZaloModel
{
    /// <summary>The articles on this page (<c>medias</c>).</summary>
    [JsonPropertyName("medias")]
    public IReadOnlyList<ArticleSummary> Medias { get; set; } = [];

    /// <summary>How many articles of this type the OA has (<c>total</c>), when Zalo says.</summary>
    [JsonPropertyName("total")]
    public int? Total { get; set; }
}

/// <summary>An article as listed by <c>getslice</c>. Fields Zalo adds are kept in
/// <see cref="ZaloModel.AdditionalProperties"/>; the listing's field set is [S].</summary>
public sealed class ArticleSummary : ZaloModel
{
    /// <summary>The article id (use it for detail, update, remove and broadcast).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary><c>normal</c> or <c>video</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary><c>show</c> or <c>hide</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The thumbnail URL.</summary>
    [JsonPropertyName("thumb")]
    public string? Thumb { get; set; }

    /// <summary>The public link of the article.</summary>
    [JsonPropertyName("link")]
    public string? Link { get; set; }
}

/// <summary>An article as returned by <c>GET /v2.0/article/getdetail</c>. The cover and body are
/// kept as raw JSON (<see cref="Cover"/>, <see cref="Body"/>) because their read shape is [S].</summary>
public sealed class ArticleDetail : ZaloModel
{
    /// <summary>The article id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary><c>normal</c> or <c>video</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The author (normal articles).</summary>
    [JsonPropertyName("author")]
    public string? Author { get; set; }

    /// <summary>The description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary><c>show</c> or <c>hide</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Whether comments are shown: <c>show</c> or <c>hide</c>.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>The public link.</summary>
    [JsonPropertyName("link")]
    public string? Link { get; set; }

    /// <summary>The video id (video articles).</summary>
    [JsonPropertyName("video_id")]
    public string? VideoId { get; set; }

    /// <summary>The poster image (video articles).</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>The cover object as Zalo sent it.</summary>
    [JsonPropertyName("cover")]
    public JsonElement? Cover { get; set; }

    /// <summary>The body blocks as Zalo sent them.</summary>
    [JsonPropertyName("body")]
    public JsonElement? Body { get; set; }
}

/// <summary>
/// The processing state of an uploaded article video (<c>status</c> of
/// <c>upload_video/verify</c>). An open set: unknown codes are kept as they are.
/// </summary>
[JsonConverter(typeof(ArticleVideoStateConverter))]
public readonly struct ArticleVideoState : IEquatable<ArticleVideoState>
{
    /// <summary>Wraps a numeric state.</summary>
    public ArticleVideoState(int value) => Value = value;

    /// <summary>The numeric state as Zalo sent it.</summary>
    public int Value { get; }

    /// <summary>0: unknown.</summary>
    public static ArticleVideoState Unknown { get; } = new(0);

    /// <summary>1: ready; use the <c>video_id</c> in an article.</summary>
    public static ArticleVideoState Ready { get; } = new(1);

    /// <summary>2: locked.</summary>
    public static ArticleVideoState Locked { get; } = new(2);

    /// <summary>3: still converting; poll again.</summary>
    public static ArticleVideoState Converting { get; } = new(3);

    /// <summary>4: conversion failed; upload again.</summary>
    public static ArticleVideoState Failed { get; } = new(4);

    /// <summary>5: deleted.</summary>
    public static ArticleVideoState Deleted { get; } = new(5);

    /// <inheritdoc />
    public bool Equals(ArticleVideoState other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ArticleVideoState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value;

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        0 => "Unknown",
        1 => "Ready",
        2 => "Locked",
        3 => "Converting",
        4 => "Failed",
        5 => "Deleted",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Compares two states.</summary>
    public static bool operator ==(ArticleVideoState left, ArticleVideoState right) => left.Equals(right);

    /// <summary>Compares two states.</summary>
    public static bool operator !=(ArticleVideoState left, ArticleVideoState right) => !left.Equals(right);
}

/// <summary>Reads <see cref="ArticleVideoState"/> from a JSON number or numeric string.</summary>
internal sealed class ArticleVideoStateConverter : JsonConverter<ArticleVideoState>
{
    public override ArticleVideoState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var n) => new ArticleVideoState(n),
            JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => new ArticleVideoState(n),
            _ => ArticleVideoState.Unknown,
        };

    public override void Write(Utf8JsonWriter writer, ArticleVideoState value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}

/// <summary>The answer of <c>GET /v2.0/article/upload_video/verify</c>.</summary>
public sealed class ArticleVideoStatus : ZaloModel
{
    /// <summary>The video id, once known; use it in <see cref="VideoArticle.VideoId"/> or a video block.</summary>
    [JsonPropertyName("video_id")]
    public string? VideoId { get; set; }

    /// <summary>The processing state.</summary>
    [JsonPropertyName("status")]
    public ArticleVideoState Status { get; set; }

    /// <summary>How far conversion got, 0 to 100.</summary>
    [JsonPropertyName("convert_percent")]
    public int? ConvertPercent { get; set; }

    /// <summary>Zalo's explanation of the state.</summary>
    [JsonPropertyName("status_message")]
    public string? StatusMessage { get; set; }
}

/// <summary><c>data</c> of create, update and preparevideo: <c>{"token":"…"}</c>.</summary>
internal sealed class ArticleTokenData : ZaloModel
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }
}

/// <summary><c>data</c> of verify: <c>{"id":"…"}</c> once processed.</summary>
internal sealed class ArticleIdData : ZaloModel
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }
}

/// <summary>Body of verify/remove: <c>{"token":"…"}</c> or <c>{"id":"…"}</c>.</summary>
internal sealed record ArticleTokenBody([property: JsonPropertyName("token")] string Token);

/// <summary>Body of remove: <c>{"id":"…"}</c>.</summary>
internal sealed record ArticleIdBody([property: JsonPropertyName("id")] string Id);

/// <summary>Source-generated JSON metadata for articles (options copied from ZaloJsonContext).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ArticleSlice))]
[JsonSerializable(typeof(ArticleDetail))]
[JsonSerializable(typeof(ArticleVideoStatus))]
[JsonSerializable(typeof(ArticleTokenData))]
[JsonSerializable(typeof(ArticleIdData))]
[JsonSerializable(typeof(ArticleTokenBody))]
[JsonSerializable(typeof(ArticleIdBody))]
internal sealed partial class ArticlesJsonContext : JsonSerializerContext;
