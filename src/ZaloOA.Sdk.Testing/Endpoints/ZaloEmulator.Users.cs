using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// Users (v3 detail, getlist), tags, OA info and conversations.
public sealed partial class ZaloEmulator
{
    private void MapUsers()
    {
        Map("GET", "/v3.0/oa/user/detail", UserDetail);
        Map("GET", "/v3.0/oa/user/getlist", UserList);
        Map("GET", "/v2.0/oa/getoa", GetOa);
        Map("GET", "/v2.0/oa/tag/gettagsofoa", GetTags);
        Map("POST", "/v2.0/oa/tag/tagfollower", TagFollower);
        Map("POST", "/v2.0/oa/tag/rmfollowerfromtag", UntagFollower);
        Map("POST", "/v2.0/oa/tag/rmtag", RemoveTag);
        Map("GET", "/v2.0/oa/listrecentchat", RecentChat);
        Map("GET", "/v2.0/oa/conversation", Conversation);
    }

    // Every user and OA shares one generated avatar served by the emulator.
    private string AvatarUrl() => _avatarUrl.AbsoluteUri;

    private static JsonObject? DataParameter(IRequestMessage request) => Wire.ParseObject(Wire.QueryValue(request, "data"));

    // GET /v3.0/oa/user/detail?data={"user_id":"..."}.
    private IResponseMessage UserDetail(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var avatar = AvatarUrl();
        lock (_gate)
        {
            if (Wire.Str(DataParameter(request), "user_id") is not { } userId || !oa.Users.TryGetValue(userId, out var user))
            {
                return Wire.Invalid("user_id");
            }

            var data = new JsonObject
            {
                ["user_id"] = user.UserId,
                ["user_id_by_app"] = user.UserIdByApp,
                ["user_external_id"] = string.Empty,
                ["display_name"] = user.DisplayName,
                ["user_alias"] = string.Empty,
                ["is_sensitive"] = false,
                ["user_last_interaction_date"] = user.LastInteraction is { } last ? Wire.VietnamDate(last) : string.Empty,
                ["user_is_follower"] = user.IsFollower,
                ["avatar"] = avatar,
                ["avatars"] = new JsonObject { ["120"] = avatar, ["240"] = avatar },
                ["dynamic_param"] = string.Empty,
                ["tags_and_notes_info"] = new JsonObject
                {
                    ["notes"] = new JsonArray(),
                    ["tag_names"] = new JsonArray([.. user.Tags.Select(t => (JsonNode?)t)]),
                },
            };
            if (user.SharedInfo is not null)
            {
                data["shared_info"] = user.SharedInfo.DeepClone();
            }

            return Wire.Success(data, dataFirst: true);
        }
    }

    // GET /v3.0/oa/user/getlist?data={"offset","count","tag_name","last_interaction_period","is_follower"}:
    // count ≤ 50, offset ≤ 9951 (else -201); filters by tag, follower flag and period
    // (TODAY, YESTERDAY, L7D, L30D or yyyy_MM_dd:yyyy_MM_dd, in Vietnam time). count in the
    // answer is the number of users returned.
    private IResponseMessage UserList(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var query = DataParameter(request);
        var offset = Wire.Int(query, "offset") ?? 0;
        var count = Wire.Int(query, "count") ?? 15;
        if (offset is < 0 or > 9951)
        {
            return Wire.Invalid("offset");
        }

        if (count is < 1 or > 50)
        {
            return Wire.Invalid("count");
        }

        var tag = Wire.Str(query, "tag_name");
        var isFollower = Wire.Str(query, "is_follower");
        var period = Wire.Str(query, "last_interaction_period");
        if (period is not null && !TryParsePeriod(period, out _, out _))
        {
            return Wire.Invalid("last_interaction_period");
        }

        lock (_gate)
        {
            var matches = oa.UserOrder
                .Select(id => oa.Users[id])
                .Where(u => tag is null || u.Tags.Contains(tag))
                .Where(u => isFollower is null || u.IsFollower == string.Equals(isFollower, "true", StringComparison.OrdinalIgnoreCase))
                .Where(u => period is null || InPeriod(u.LastInteraction, period))
                .ToList();
            var page = matches.Skip(offset).Take(count).ToList();
            return Wire.Success(
                new JsonObject
                {
                    ["total"] = matches.Count,
                    ["count"] = page.Count,
                    ["offset"] = offset,
                    ["users"] = new JsonArray([.. page.Select(u => (JsonNode?)new JsonObject { ["user_id"] = u.UserId })]),
                },
                dataFirst: true);
        }
    }

    private bool InPeriod(DateTimeOffset? lastInteraction, string period)
    {
        if (lastInteraction is not { } last || !TryParsePeriod(period, out var from, out var to))
        {
            return false;
        }

        var day = DateOnly.FromDateTime(last.ToOffset(Wire.VietnamOffset).DateTime);
        return day >= from && day <= to;
    }

    private bool TryParsePeriod(string period, out DateOnly from, out DateOnly to)
    {
        var today = DateOnly.FromDateTime(Now.ToOffset(Wire.VietnamOffset).DateTime);
        (from, to) = (today, today);
        switch (period)
        {
            case "TODAY":
                return true;
            case "YESTERDAY":
                (from, to) = (today.AddDays(-1), today.AddDays(-1));
                return true;
            case "L7D":
                from = today.AddDays(-6);
                return true;
            case "L30D":
                from = today.AddDays(-29);
                return true;
        }

        var parts = period.Split(':');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy_MM_dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && DateOnly.TryParseExact(parts[1], "yyyy_MM_dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to);
    }

    // GET /v2.0/oa/getoa: the OA profile (field list per the docs' transcription [S]).
    private IResponseMessage GetOa(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var avatar = AvatarUrl();
        lock (_gate)
        {
            return Wire.Success(
                new JsonObject
                {
                    ["oa_id"] = oa.OaId,
                    ["name"] = oa.Name,
                    ["description"] = oa.Name,
                    ["oa_alias"] = string.Empty,
                    ["is_verified"] = true,
                    ["oa_type"] = 2,
                    ["cate_name"] = "Cơ quan nhà nước",
                    ["num_follower"] = oa.Users.Values.Count(u => u.IsFollower),
                    ["avatar"] = avatar,
                    ["cover"] = avatar,
                    ["package_name"] = string.Empty,
                    ["package_valid_through_date"] = string.Empty,
                    ["package_auto_renew_date"] = string.Empty,
                    ["linked_ZCA"] = string.Empty,
                },
                dataFirst: true);
        }
    }

    // GET /v2.0/oa/tag/gettagsofoa: data is a flat array of tag names.
    private IResponseMessage GetTags(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        lock (_gate)
        {
            return Wire.Success(new JsonArray([.. oa.Tags.Select(t => (JsonNode?)t)]), dataFirst: true);
        }
    }

    // POST /v2.0/oa/tag/tagfollower {"user_id","tag_name"}; the tag is created if new.
    private IResponseMessage TagFollower(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "user_id") is not { } userId || !oa.Users.TryGetValue(userId, out var user))
            {
                return Wire.Invalid("user_id");
            }

            if (!user.IsFollower)
            {
                return Wire.Error(-213, "User has not followed OA");
            }

            if (Wire.Str(body, "tag_name") is not { Length: > 0 } tag)
            {
                return Wire.Invalid("tag_name");
            }

            if (!oa.Tags.Contains(tag))
            {
                oa.Tags.Add(tag);
            }

            if (!user.Tags.Contains(tag))
            {
                user.Tags.Add(tag);
            }

            return Wire.Success(null);
        }
    }

    // POST /v2.0/oa/tag/rmfollowerfromtag {"user_id","tag_name"}.
    private IResponseMessage UntagFollower(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "user_id") is not { } userId || !oa.Users.TryGetValue(userId, out var user))
            {
                return Wire.Invalid("user_id");
            }

            if (Wire.Str(body, "tag_name") is not { } tag || !oa.Tags.Contains(tag))
            {
                return Wire.Invalid("tag_name");
            }

            user.Tags.Remove(tag);
            return Wire.Success(null);
        }
    }

    // POST /v2.0/oa/tag/rmtag {"tag_name"}: deletes the tag from the OA and every user.
    private IResponseMessage RemoveTag(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "tag_name") is not { } tag || !oa.Tags.Remove(tag))
            {
                return Wire.Invalid("tag_name");
            }

            foreach (var user in oa.Users.Values)
            {
                user.Tags.Remove(tag);
            }

            return Wire.Success(null);
        }
    }

    // GET /v2.0/oa/listrecentchat?data={"offset","count"} (count ≤ 10): the latest
    // message of each conversation, newest first, built from recorded traffic (webhooks posted by
    // the emulator and messages the app sent). data is a bare array.
    private IResponseMessage RecentChat(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var query = DataParameter(request);
        if (!TryPage(query, out var offset, out var count, out var invalid))
        {
            return invalid;
        }

        var avatar = AvatarUrl();
        lock (_gate)
        {
            var latest = oa.Conversation
                .GroupBy(e => e.UserId)
                .Select(g => g.MaxBy(e => e.Time)!)
                .OrderByDescending(e => e.Time)
                .Skip(offset).Take(count);
            return Wire.Success(new JsonArray([.. latest.Select(e => (JsonNode?)ChatItem(oa, e, avatar))]), dataFirst: true);
        }
    }

    // GET /v2.0/oa/conversation?data={"user_id","offset","count"} (count ≤ 10), newest first.
    private IResponseMessage Conversation(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var query = DataParameter(request);
        if (!TryPage(query, out var offset, out var count, out var invalid))
        {
            return invalid;
        }

        var avatar = AvatarUrl();
        lock (_gate)
        {
            if (Wire.Str(query, "user_id") is not { } userId || !oa.Users.ContainsKey(userId))
            {
                return Wire.Invalid("user_id");
            }

            var items = oa.Conversation.Where(e => e.UserId == userId).OrderByDescending(e => e.Time).Skip(offset).Take(count);
            return Wire.Success(new JsonArray([.. items.Select(e => (JsonNode?)ChatItem(oa, e, avatar))]), dataFirst: true);
        }
    }

    private static bool TryPage(JsonObject? query, out int offset, out int count, out IResponseMessage invalid)
    {
        offset = Wire.Int(query, "offset") ?? 0;
        count = Wire.Int(query, "count") ?? 10;
        invalid = null!;
        if (offset < 0)
        {
            invalid = Wire.Invalid("offset");
            return false;
        }

        if (count is < 1 or > 10)
        {
            invalid = Wire.Invalid("count");
            return false;
        }

        return true;
    }

    // One conversation item: src 0 = OA, 1 = user; time in ms (number).
    private static JsonObject ChatItem(OaState oa, ConversationEntry entry, string avatar)
    {
        var user = oa.Users[entry.UserId];
        var fromOa = entry.Src == 0;
        var item = new JsonObject
        {
            ["src"] = entry.Src,
            ["time"] = entry.Time.ToUnixTimeMilliseconds(),
            ["type"] = entry.Type,
            ["message"] = entry.Message ?? string.Empty,
            ["message_id"] = entry.MessageId,
            ["from_id"] = fromOa ? oa.OaId : user.UserId,
            ["to_id"] = fromOa ? user.UserId : oa.OaId,
            ["from_display_name"] = fromOa ? oa.Name : user.DisplayName,
            ["from_avatar"] = avatar,
            ["to_display_name"] = fromOa ? user.DisplayName : oa.Name,
            ["to_avatar"] = avatar,
        };
        if (entry.Url is not null)
        {
            item["url"] = entry.Url;
        }

        if (entry.Thumb is not null)
        {
            item["thumb"] = entry.Thumb;
        }

        if (entry.Location is not null)
        {
            item["location"] = entry.Location;
        }

        return item;
    }
}
