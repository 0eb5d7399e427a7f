using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Users;

/// <summary>A follower's profile from <c>GET /v3.0/oa/user/detail</c>.</summary>
public sealed class ZaloUserProfile : ZaloModel
{
    /// <summary>The user id for this OA.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    /// <summary>The user's id for the app (differs from <see cref="UserId"/>).</summary>
    [JsonPropertyName("user_id_by_app")]
    public string? UserIdByApp { get; set; }

    /// <summary>An id the OA assigned to the user, if any.</summary>
    [JsonPropertyName("user_external_id")]
    public string? UserExternalId { get; set; }

    /// <summary>The Zalo display name.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; set; }

    /// <summary>The alias the OA gave the user.</summary>
    [JsonPropertyName("user_alias")]
    public string? UserAlias { get; set; }

    /// <summary>Whether the account is flagged sensitive.</summary>
    [JsonPropertyName("is_sensitive")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? IsSensitive { get; set; }

    /// <summary>The last interaction day (<c>dd/MM/yyyy</c> on the wire; only the day is known).</summary>
    [JsonPropertyName("user_last_interaction_date")]
    [JsonConverter(typeof(ZaloDateConverter))]
    public DateOnly? UserLastInteractionDate { get; set; }

    /// <summary>Whether the user follows the OA.</summary>
    [JsonPropertyName("user_is_follower")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? UserIsFollower { get; set; }

    /// <summary>The avatar URL.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>Avatar URLs by size (<c>"120"</c>, <c>"240"</c>).</summary>
    [JsonPropertyName("avatars")]
    public Dictionary<string, string>? Avatars { get; set; }

    /// <summary>The parameter passed when the user followed through a link, if any.</summary>
    [JsonPropertyName("dynamic_param")]
    public string? DynamicParam { get; set; }

    /// <summary>The OA's tags and notes on this user.</summary>
    [JsonPropertyName("tags_and_notes_info")]
    public ZaloTagsAndNotes? TagsAndNotesInfo { get; set; }

    /// <summary>What the user shared with the OA (personal data: do not log).</summary>
    [JsonPropertyName("shared_info")]
    public ZaloSharedInfo? SharedInfo { get; set; }
}

/// <summary>The OA's tags and notes on a user.</summary>
public sealed class ZaloTagsAndNotes : ZaloModel
{
    /// <summary>Notes.</summary>
    [JsonPropertyName("notes")]
    public List<string>? Notes { get; set; }

    /// <summary>Tag names.</summary>
    [JsonPropertyName("tag_names")]
    public List<string>? TagNames { get; set; }
}

/// <summary>Information the user shared with the OA (personal data: do not log).</summary>
public sealed class ZaloSharedInfo : ZaloModel
{
    /// <summary>Address.</summary>
    [JsonPropertyName("address")]
    public string? Address { get; set; }

    /// <summary>City.</summary>
    [JsonPropertyName("city")]
    public string? City { get; set; }

    /// <summary>District.</summary>
    [JsonPropertyName("district")]
    public string? District { get; set; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Phone number; Zalo has sent it both as a string and as a number, read here as text.</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; set; }

    /// <summary>Date of birth as sent (usually <c>dd/MM/yyyy</c>).</summary>
    [JsonPropertyName("user_dob")]
    public string? UserDob { get; set; }
}

/// <summary>A follower's profile from the legacy <c>GET /v2.0/oa/getprofile</c>.</summary>
public sealed class ZaloLegacyUserProfile : ZaloModel
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    /// <summary>The user's id for the app.</summary>
    [JsonPropertyName("user_id_by_app")]
    public string? UserIdByApp { get; set; }

    /// <summary>The display name.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; set; }

    /// <summary>Gender code as sent (1 male, 2 female in Zalo's examples).</summary>
    [JsonPropertyName("user_gender")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? UserGender { get; set; }

    /// <summary>Birth date as sent.</summary>
    [JsonPropertyName("birth_date")]
    public string? BirthDate { get; set; }

    /// <summary>The avatar URL.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>Avatar URLs by size.</summary>
    [JsonPropertyName("avatars")]
    public Dictionary<string, string>? Avatars { get; set; }

    /// <summary>Tags and notes.</summary>
    [JsonPropertyName("tags_and_notes_info")]
    public ZaloTagsAndNotes? TagsAndNotesInfo { get; set; }

    /// <summary>Shared information (personal data: do not log).</summary>
    [JsonPropertyName("shared_info")]
    public ZaloSharedInfo? SharedInfo { get; set; }
}

/// <summary>One page of <c>GET /v3.0/oa/user/getlist</c>.</summary>
public sealed class ZaloUserListPage : ZaloModel
{
    /// <summary>Users matching the filter in all pages.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }

    /// <summary>The page size Zalo reports.</summary>
    [JsonPropertyName("count")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Count { get; set; }

    /// <summary>The offset of this page.</summary>
    [JsonPropertyName("offset")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Offset { get; set; }

    /// <summary>The users on this page.</summary>
    [JsonPropertyName("users")]
    public List<ZaloUserListItem> Users { get; set; } = [];
}

/// <summary>One page of the legacy <c>GET /v2.0/oa/getfollowers</c>.</summary>
public sealed class ZaloFollowerPage : ZaloModel
{
    /// <summary>All followers.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }

    /// <summary>The followers on this page.</summary>
    [JsonPropertyName("followers")]
    public List<ZaloUserListItem> Followers { get; set; } = [];
}

/// <summary>A user in a list.</summary>
public sealed class ZaloUserListItem : ZaloModel
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }
}

/// <summary>Filter and page of <c>GET /v3.0/oa/user/getlist</c>.</summary>
public sealed class ZaloUserListRequest
{
    /// <summary>Most users per page.</summary>
    public const int MaxCount = 50;

    /// <summary>Where the page starts (0-based).</summary>
    public int Offset { get; init; }

    /// <summary>Users per page, 1 to 50.</summary>
    public int Count { get; init; } = MaxCount;

    /// <summary>Only users with this tag, or null.</summary>
    public string? TagName { get; init; }

    /// <summary>Only users who interacted in this period, or null; see <see cref="ZaloInteractionPeriod"/>.</summary>
    public string? LastInteractionPeriod { get; init; }

    /// <summary>Only followers (true) or only non-followers (false), or null for both.</summary>
    public bool? IsFollower { get; init; }
}

/// <summary>Values of <see cref="ZaloUserListRequest.LastInteractionPeriod"/>.</summary>
public static class ZaloInteractionPeriod
{
    /// <summary><c>TODAY</c>.</summary>
    public const string Today = "TODAY";

    /// <summary><c>YESTERDAY</c>.</summary>
    public const string Yesterday = "YESTERDAY";

    /// <summary><c>L7D</c>: the last 7 days.</summary>
    public const string Last7Days = "L7D";

    /// <summary><c>L30D</c>: the last 30 days.</summary>
    public const string Last30Days = "L30D";

    /// <summary>A custom range: <c>yyyy_MM_dd:yyyy_MM_dd</c>.</summary>
    public static string Between(DateOnly from, DateOnly to) =>
        from.ToString("yyyy_MM_dd", System.Globalization.CultureInfo.InvariantCulture) + ":" + to.ToString("yyyy_MM_dd", System.Globalization.CultureInfo.InvariantCulture);
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloUserProfile))]
[JsonSerializable(typeof(ZaloLegacyUserProfile))]
[JsonSerializable(typeof(ZaloUserListPage))]
[JsonSerializable(typeof(ZaloFollowerPage))]
[JsonSerializable(typeof(UserIdData))]
[JsonSerializable(typeof(UserListData))]
[JsonSerializable(typeof(PageData))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;

internal sealed class UserIdData
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }
}

internal sealed class UserListData
{
    [JsonPropertyName("offset")]
    public int Offset { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; }

    [JsonPropertyName("tag_name")]
    public string? TagName { get; init; }

    [JsonPropertyName("last_interaction_period")]
    public string? LastInteractionPeriod { get; init; }

    [JsonPropertyName("is_follower")]
    public string? IsFollower { get; init; }
}

internal sealed class PageData
{
    [JsonPropertyName("offset")]
    public int Offset { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; }
}
