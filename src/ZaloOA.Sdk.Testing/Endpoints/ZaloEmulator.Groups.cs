using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// Group chats (GMF) [S]: the quota of GMF assets, groups created with the OA, their members,
// invitations and admins, settings, deletion, and posts into a group. The shapes follow the
// secondary sources of api-reference.md §3.9; where they are silent the emulator picks one
// plausible behaviour, documented on the member concerned. A group belongs to one OA: another OA
// asking about it (or the OA after RemoveOaFromGroup) gets -403; posting into a disabled group
// (DisableGroup, an expired asset) gets -237.
public sealed partial class ZaloEmulator
{
    private const int DefaultGroupPageSize = 5;
    private const int MaxInitialGroupMembers = 99;
    private static readonly TimeSpan AutoDeleteAfter = TimeSpan.FromDays(45);

    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _groupOrder = [];
    private readonly Dictionary<string, GroupAssetState> _groupAssets = new(StringComparer.Ordinal);
    private readonly List<string> _groupAssetOrder = [];

    // ---- Set-up and snapshots -------------------------------------------------------------

    /// <summary>Gives an OA a GMF asset (what a GMF package purchase does) and returns its id; the
    /// quota call lists it and <c>creategroupwithoa</c> takes it.</summary>
    /// <param name="oaId">An OA added with <see cref="AddOfficialAccount"/>.</param>
    /// <param name="productType"><c>gmf10</c>, <c>gmf50</c>, <c>gmf100</c> or <c>gmf1000</c> (the member ceiling).</param>
    /// <param name="validThrough">Until when it is valid; null for a year from now.</param>
    /// <param name="quotaType"><c>sub_quota</c>, <c>purchase_quota</c> or <c>reward_quota</c>.</param>
    public string AddGroupAsset(string oaId, string productType = "gmf10", DateTimeOffset? validThrough = null, string quotaType = "sub_quota")
    {
        ArgumentException.ThrowIfNullOrEmpty(productType);
        ArgumentException.ThrowIfNullOrEmpty(quotaType);
        lock (_gate)
        {
            return AddGroupAssetLocked(RequireOa(oaId), productType, quotaType, validThrough ?? Now.AddYears(1)).AssetId;
        }
    }

    /// <summary>
    /// Creates a group of an OA directly (as <c>creategroupwithoa</c> would, on a fresh
    /// <c>gmf100</c> asset) and returns its id. Members must be followers of the OA.
    /// </summary>
    /// <param name="oaId">The OA that manages the group.</param>
    /// <param name="name">The group's name.</param>
    /// <param name="memberUserIds">Followers of the OA who are members from the start.</param>
    /// <param name="description">The description, or null.</param>
    /// <param name="groupId">The group's id (letters and digits), e.g. to keep it across restarts;
    /// null for a fresh one.</param>
    /// <exception cref="InvalidOperationException">A member is not a follower of the OA, or the id is taken.</exception>
    public string AddGroup(string oaId, string name, IEnumerable<string>? memberUserIds = null, string? description = null, string? groupId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (groupId is not null && (groupId.Length is 0 or > 64 || !groupId.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("A group id is 1 to 64 letters or digits.", nameof(groupId));
        }

        lock (_gate)
        {
            var oa = RequireOa(oaId);
            if (groupId is not null && _groups.ContainsKey(groupId))
            {
                throw new InvalidOperationException($"Group {groupId} already exists.");
            }

            var members = (memberUserIds ?? []).Distinct(StringComparer.Ordinal).ToList();
            foreach (var userId in members)
            {
                if (!oa.Users.TryGetValue(userId, out var user) || !user.IsFollower)
                {
                    throw new InvalidOperationException($"User {userId} does not follow OA {oaId}; call AddFollower first (group members come from the OA's followers).");
                }
            }

            var asset = AddGroupAssetLocked(oa, "gmf100", "sub_quota", Now.AddYears(1));
            return CreateGroupLocked(oa, name, description, asset, members, groupId).GroupId;
        }
    }

    /// <summary>Disables a group as Zalo does when its GMF asset expires: posting into it answers
    /// -237 until <c>updateasset</c> moves it onto a valid asset.</summary>
    public void DisableGroup(string groupId)
    {
        lock (_gate)
        {
            RequireGroup(groupId).Disabled = true;
            TouchAccountsLocked();
        }
    }

    /// <summary>Takes the OA out of one of its groups (as a member with the rights to do so can):
    /// every call about the group then answers -403 "OA is not in group".</summary>
    public void RemoveOaFromGroup(string groupId)
    {
        lock (_gate)
        {
            RequireGroup(groupId).OaRemoved = true;
            TouchAccountsLocked();
        }
    }

    /// <summary>A snapshot of a group, or null when unknown.</summary>
    public EmulatedGroup? GetGroup(string groupId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(groupId, out var group) ? Snapshot(group) : null;
        }
    }

    /// <summary>Snapshots of an OA's groups (dissolved ones too), in creation order.</summary>
    public IReadOnlyList<EmulatedGroup> GetGroups(string oaId)
    {
        lock (_gate)
        {
            RequireOa(oaId);
            return [.. _groupOrder.Select(id => _groups[id]).Where(g => g.OaId == oaId).Select(Snapshot)];
        }
    }

    // ---- Endpoints ------------------------------------------------------------------------

    private void MapGroups()
    {
        Map("POST", "/v3.0/oa/quota/group", GroupQuota);
        Map("POST", "/v3.0/oa/group/creategroupwithoa", CreateGroup);
        Map("GET", "/v3.0/oa/group/getgroup", GetGroupInfo);
        Map("GET", "/v3.0/oa/group/getgroupsofoa", ListGroups);
        Map("GET", "/v3.0/oa/group/listmember", r => GroupMemberPage(r, pending: false));
        Map("GET", "/v3.0/oa/group/listpendinginvite", r => GroupMemberPage(r, pending: true));
        Map("POST", "/v3.0/oa/group/invite", r => GroupMembersCall(r, InviteLocked));
        Map("POST", "/v3.0/oa/group/acceptpendinginvite", r => GroupMembersCall(r, AcceptPendingLocked));
        Map("POST", "/v3.0/oa/group/rejectpendinginvite", r => GroupMembersCall(r, RejectPendingLocked));
        Map("POST", "/v3.0/oa/group/removemembers", r => GroupMembersCall(r, RemoveMembersLocked));
        Map("POST", "/v3.0/oa/group/addadmins", r => GroupMembersCall(r, AddAdminsLocked));
        Map("POST", "/v3.0/oa/group/removeadmins", r => GroupMembersCall(r, RemoveAdminsLocked));
        Map("POST", "/v3.0/oa/group/updateinfo", UpdateGroupInfo);
        Map("POST", "/v3.0/oa/group/updateasset", UpdateGroupAsset);
        Map("POST", "/v3.0/oa/group/delete", DeleteGroup);
        Map("POST", "/v3.0/oa/group/message", SendGroupMessage);
    }

    // POST /v3.0/oa/quota/group {quota_owner, product_type, quota_type} [U]: the OA's assets of
    // that package (and origin, when given) as a bare array of {asset_id, product_type, quota_type,
    // valid_through (epoch ms), auto_renew, status available|used|expired, used_id?}. APP-owned
    // quota is not emulated (an empty list).
    private IResponseMessage GroupQuota(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        if (Wire.Str(body, "product_type") is not { Length: > 0 } productType)
        {
            return Wire.Invalid("product_type");
        }

        var quotaType = Wire.Str(body, "quota_type");
        var owner = Wire.Str(body, "quota_owner") ?? "OA";
        lock (_gate)
        {
            var assets = _groupAssetOrder.Select(id => _groupAssets[id])
                .Where(a => owner.Equals("OA", StringComparison.OrdinalIgnoreCase) && a.OaId == oa.OaId && a.ProductType == productType && (quotaType is null || a.QuotaType == quotaType))
                .Select(a =>
                {
                    var json = new JsonObject
                    {
                        ["asset_id"] = a.AssetId,
                        ["product_type"] = a.ProductType,
                        ["quota_type"] = a.QuotaType,
                        ["valid_through"] = a.ValidThrough.ToUnixTimeMilliseconds(),
                        ["auto_renew"] = false,
                        ["status"] = a.UsedBy is not null ? "used" : Now > a.ValidThrough ? "expired" : "available",
                    };
                    if (a.UsedBy is { } used)
                    {
                        json["used_id"] = used;
                    }

                    return (JsonNode?)json;
                });
            return Wire.Success(new JsonArray([.. assets]));
        }
    }

    // POST /v3.0/oa/group/creategroupwithoa {group_name, group_description?, asset_id, member_user_ids}.
    // Checks: a non-blank name (-201), an available asset of the OA (-201 unknown, -241 used, -238
    // expired), 1 to 99 members (-201), each a follower of the OA or a user who interacted in the
    // last 7 days (-213). Answers the group's id and link at the top level and its full description
    // (group_info, asset_info, group_setting) beside them: the sources report both shapes.
    private IResponseMessage CreateGroup(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        if (Wire.Str(body, "group_name") is not { } name || string.IsNullOrWhiteSpace(name))
        {
            return Wire.Invalid("group_name");
        }

        lock (_gate)
        {
            if (Wire.Str(body, "asset_id") is not { } assetId || !_groupAssets.TryGetValue(assetId, out var asset) || asset.OaId != oa.OaId)
            {
                return Wire.Invalid("asset_id");
            }

            if (asset.UsedBy is not null)
            {
                return Wire.Error(-241, "asset_id is already used");
            }

            if (Now > asset.ValidThrough)
            {
                return Wire.Error(-238, "asset_id is already used / disabled");
            }

            if (!TryMemberIds(body, out var members) || members.Count > MaxInitialGroupMembers)
            {
                return Wire.Invalid("member_user_ids");
            }

            if (members.Any(id => !CanJoinGroupsOf(oa, id)))
            {
                return Wire.Error(-213, "User has not followed OA");
            }

            var group = CreateGroupLocked(oa, name.Trim(), Wire.Str(body, "group_description"), asset, members);
            var data = GroupDetailJson(oa, group);
            data["group_id"] = group.GroupId;
            data["group_link"] = group.Link;
            return Wire.Success(data);
        }
    }

    // GET /v3.0/oa/group/getgroup?group_id=… → {group_info, asset_info, group_setting}.
    private IResponseMessage GetGroupInfo(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        lock (_gate)
        {
            return FindGroupLocked(oa, Wire.QueryValue(request, "group_id"), out var group, out var error)
                ? Wire.Success(GroupDetailJson(oa, group))
                : error;
        }
    }

    // GET /v3.0/oa/group/getgroupsofoa?offset=&count= (default 0 and 5) → {offset, count, total,
    // groups:[group_info]}: the OA's groups it is still in, dissolved ones left out.
    private IResponseMessage ListGroups(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        if (!TryPage(request, out var offset, out var count, out var invalid))
        {
            return invalid;
        }

        lock (_gate)
        {
            var groups = _groupOrder.Select(id => _groups[id]).Where(g => g.OaId == oa.OaId && !g.Deleted && !g.OaRemoved).ToList();
            return Wire.Success(new JsonObject
            {
                ["offset"] = offset,
                ["count"] = count,
                ["total"] = groups.Count,
                ["groups"] = new JsonArray([.. groups.Skip(offset).Take(count).Select(g => (JsonNode?)GroupInfoJson(g))]),
            });
        }
    }

    // GET listmember / listpendinginvite ?group_id=&offset=&count= → {offset, count, total,
    // member_count, members:[…]}: the OA first ({oa_id, name, avatar}), then users ({user_id, name, avatar}).
    private IResponseMessage GroupMemberPage(IRequestMessage request, bool pending)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        if (!TryPage(request, out var offset, out var count, out var invalid))
        {
            return invalid;
        }

        var avatar = AvatarUrl();
        lock (_gate)
        {
            if (!FindGroupLocked(oa, Wire.QueryValue(request, "group_id"), out var group, out var error))
            {
                return error;
            }

            var entries = new List<JsonNode?>();
            if (!pending)
            {
                entries.Add(new JsonObject { ["oa_id"] = oa.OaId, ["name"] = oa.Name, ["avatar"] = avatar });
            }

            entries.AddRange((pending ? group.Pending : group.Members).Select(id => (JsonNode?)new JsonObject
            {
                ["user_id"] = id,
                ["name"] = oa.Users.TryGetValue(id, out var user) ? user.DisplayName : id,
                ["avatar"] = avatar,
            }));
            return Wire.Success(new JsonObject
            {
                ["offset"] = offset,
                ["count"] = count,
                ["total"] = entries.Count,
                ["member_count"] = group.Members.Count + 1,
                ["members"] = new JsonArray([.. entries.Skip(offset).Take(count)]),
            });
        }
    }

    // POST invite, acceptpendinginvite, rejectpendinginvite, removemembers, addadmins, removeadmins
    // with {group_id, member_user_ids}: a bare success envelope, or the change's refusal.
    private IResponseMessage GroupMembersCall(IRequestMessage request, Func<OaState, GroupState, List<string>, IResponseMessage?> change) =>
        GroupCall(request, (oa, group, body) =>
        {
            if (!TryMemberIds(body, out var ids))
            {
                return Wire.Invalid("member_user_ids");
            }

            if (change(oa, group, ids) is { } refused)
            {
                return refused;
            }

            TouchAccountsLocked();
            return Wire.Success(null);
        });

    // Invited users must follow the OA or have interacted in 7 days (-213); they join when they
    // accept (EmulatedCitizen.JoinGroupAsync). Members are left as they are.
    private IResponseMessage? InviteLocked(OaState oa, GroupState group, List<string> ids)
    {
        if (ids.Any(id => !CanJoinGroupsOf(oa, id)))
        {
            return Wire.Error(-213, "User has not followed OA");
        }

        group.Invited.AddRange(ids.Where(id => !group.Members.Contains(id) && !group.Invited.Contains(id)));
        return null;
    }

    private static IResponseMessage? AcceptPendingLocked(OaState oa, GroupState group, List<string> ids)
    {
        if (ids.Any(id => !group.Pending.Contains(id)))
        {
            return Wire.Invalid("member_user_ids");
        }

        foreach (var id in ids)
        {
            group.Pending.Remove(id);
            group.Members.Add(id);
        }

        return null;
    }

    private static IResponseMessage? RejectPendingLocked(OaState oa, GroupState group, List<string> ids) =>
        ids.Any(id => !group.Pending.Contains(id)) ? Wire.Invalid("member_user_ids") : RemoveAll(group.Pending, ids);

    private static IResponseMessage? RemoveMembersLocked(OaState oa, GroupState group, List<string> ids)
    {
        if (ids.Any(id => !group.Members.Contains(id)))
        {
            return Wire.Invalid("member_user_ids");
        }

        group.Admins.ExceptWith(ids);
        return RemoveAll(group.Members, ids);
    }

    private static IResponseMessage? AddAdminsLocked(OaState oa, GroupState group, List<string> ids)
    {
        if (ids.Any(id => !group.Members.Contains(id)))
        {
            return Wire.Invalid("member_user_ids");
        }

        group.Admins.UnionWith(ids);
        return null;
    }

    private static IResponseMessage? RemoveAdminsLocked(OaState oa, GroupState group, List<string> ids)
    {
        if (ids.Any(id => !group.Admins.Contains(id)))
        {
            return Wire.Invalid("member_user_ids");
        }

        group.Admins.ExceptWith(ids);
        return null;
    }

    private static IResponseMessage? RemoveAll(List<string> list, List<string> ids)
    {
        list.RemoveAll(ids.Contains);
        return null;
    }

    // POST /v3.0/oa/group/updateinfo {group_id, group_name?, group_avatar?, group_description?,
    // lock_send_msg?, join_appr?, enable_msg_history?, enable_link_join?} → the group's description.
    private IResponseMessage UpdateGroupInfo(IRequestMessage request) =>
        GroupCall(request, (oa, group, body) =>
        {
            if (body.ContainsKey("group_name") && string.IsNullOrWhiteSpace(Wire.Str(body, "group_name")))
            {
                return Wire.Invalid("group_name");
            }

            group.Name = Wire.Str(body, "group_name")?.Trim() ?? group.Name;
            group.AvatarUrl = Wire.Str(body, "group_avatar") ?? group.AvatarUrl;
            group.Description = Wire.Str(body, "group_description") ?? group.Description;
            group.LockSendMessage = Flag(body, "lock_send_msg") ?? group.LockSendMessage;
            group.JoinApproval = Flag(body, "join_appr") ?? group.JoinApproval;
            group.EnableMessageHistory = Flag(body, "enable_msg_history") ?? group.EnableMessageHistory;
            group.EnableLinkJoin = Flag(body, "enable_link_join") ?? group.EnableLinkJoin;
            TouchAccountsLocked();
            return Wire.Success(GroupDetailJson(oa, group));
        });

    // POST /v3.0/oa/group/updateasset {group_id, asset_id}: moves the group onto an available asset
    // of the OA (-201 unknown, -241 used, -238 expired), frees the old one and re-enables the group.
    private IResponseMessage UpdateGroupAsset(IRequestMessage request) =>
        GroupCall(request, (oa, group, body) =>
        {
            if (Wire.Str(body, "asset_id") is not { } assetId || !_groupAssets.TryGetValue(assetId, out var asset) || asset.OaId != oa.OaId)
            {
                return Wire.Invalid("asset_id");
            }

            if (asset.UsedBy is not null && asset.UsedBy != group.GroupId)
            {
                return Wire.Error(-241, "asset_id is already used");
            }

            if (Now > asset.ValidThrough)
            {
                return Wire.Error(-238, "asset_id is already used / disabled");
            }

            if (_groupAssets.TryGetValue(group.AssetId, out var old) && old.UsedBy == group.GroupId)
            {
                old.UsedBy = null;
            }

            asset.UsedBy = group.GroupId;
            group.AssetId = asset.AssetId;
            group.Disabled = false;
            TouchAccountsLocked();
            return Wire.Success(null);
        });

    // POST /v3.0/oa/group/delete {group_id}: dissolves the group and frees its asset.
    private IResponseMessage DeleteGroup(IRequestMessage request) =>
        GroupCall(request, (_, group, _) =>
        {
            group.Deleted = true;
            if (_groupAssets.TryGetValue(group.AssetId, out var asset) && asset.UsedBy == group.GroupId)
            {
                asset.UsedBy = null;
            }

            TouchAccountsLocked();
            return Wire.Success(null);
        });

    // A POST about one group ({group_id, …}): the token, then the group as this OA may use it,
    // then the change, under the lock.
    private IResponseMessage GroupCall(IRequestMessage request, Func<OaState, GroupState, JsonObject, IResponseMessage> change)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request)) ?? [];
        lock (_gate)
        {
            return FindGroupLocked(oa, Wire.Str(body, "group_id"), out var group, out var error) ? change(oa, group, body) : error;
        }
    }

    // POST /v3.0/oa/group/message {recipient:{group_id}, message}: the consultation message checks
    // (text ≤ 2,000 after NFC, media shapes, uploaded ids), but only text, media (image, gif,
    // sticker) and file (-233 for buttons, lists, forms); the group must be the OA's (-201 unknown,
    // -403 another OA's) and enabled (-237). No 7-day window and no quota: group messages are free.
    // Answers {message_id, group_id}; the post enters the group's conversation, and the app gets
    // the oa_send_group_* echo when SendEchoEvents is on.
    private IResponseMessage SendGroupMessage(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var text = Wire.BodyText(request);
        var body = Wire.ParseObject(text);
        if (body?["recipient"] is not JsonObject recipient || Wire.Str(recipient, "group_id") is not { } groupId)
        {
            return Wire.Invalid("recipient");
        }

        if (body["message"] is not JsonObject message)
        {
            return Wire.Invalid("message");
        }

        if (ValidateMessage(oa, message) is { } shape)
        {
            return shape;
        }

        if (message["attachment"] is JsonObject attachment && Wire.Str(attachment, "type") == "template"
            && Wire.Str(attachment["payload"], "template_type") != "media")
        {
            return Wire.Error(-233, "message type is invalid or not support");
        }

        lock (_gate)
        {
            if (!FindGroupLocked(oa, groupId, out var group, out var error))
            {
                return error;
            }

            if (!IsEnabledLocked(group))
            {
                return Wire.Error(-237, "The group is disabled");
            }

            var now = Now;
            if (ValidateAttachmentIds(oa, message, now) is { } attachmentError)
            {
                return attachmentError;
            }

            var messageId = Wire.HexId();
            RecordSent(new EmulatedSentMessage(oa.OaId, null, EmulatedMessageKind.Group, request.Path, text, Parse(text), messageId, now) { GroupId = group.GroupId });
            var entry = OutboundEntry(string.Empty, message, messageId, now);
            AddGroupEntryLocked(group, entry);
            if (_options.SendEchoEvents)
            {
                _outbox.Writer.TryWrite(Events.OaSendGroupMessage(oa.OaId, group.GroupId, messageId, ResolveContentLocked(oa, entry.Content!)));
            }

            return Wire.Success(new JsonObject { ["message_id"] = messageId, ["group_id"] = group.GroupId });
        }
    }

    // ---- Shared ----------------------------------------------------------------------------

    private GroupAssetState AddGroupAssetLocked(OaState oa, string productType, string quotaType, DateTimeOffset validThrough)
    {
        var asset = new GroupAssetState(Wire.HexId(), oa.OaId, productType, quotaType, validThrough);
        _groupAssets[asset.AssetId] = asset;
        _groupAssetOrder.Add(asset.AssetId);
        return asset;
    }

    private GroupState CreateGroupLocked(OaState oa, string name, string? description, GroupAssetState asset, IEnumerable<string> members, string? groupId = null)
    {
        var group = new GroupState(oa.OaId, groupId ?? Wire.HexId(), name, "https://zalo.me/g/" + Wire.HexId(10), Now)
        {
            Description = string.IsNullOrWhiteSpace(description) ? null : description,
            AssetId = asset.AssetId,
        };
        group.Members.AddRange(members);
        asset.UsedBy = group.GroupId;
        _groups[group.GroupId] = group;
        _groupOrder.Add(group.GroupId);
        TouchAccountsLocked();
        return group;
    }

    private GroupState RequireGroup(string groupId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        return _groups.TryGetValue(groupId, out var group) && !group.Deleted
            ? group
            : throw new InvalidOperationException($"Group {groupId} is not known to the emulator; create it with AddGroup or creategroupwithoa first.");
    }

    // The group as this OA may use it: unknown or dissolved -201, another OA's (or left) -403.
    private bool FindGroupLocked(OaState oa, string? groupId, out GroupState group, out IResponseMessage error)
    {
        if (groupId is null || !_groups.TryGetValue(groupId, out var found) || found.Deleted)
        {
            (group, error) = (null!, Wire.Invalid("group_id"));
            return false;
        }

        if (found.OaId != oa.OaId || found.OaRemoved)
        {
            (group, error) = (null!, Wire.Error(-403, "OA is not in group"));
            return false;
        }

        (group, error) = (found, null!);
        return true;
    }

    private bool IsEnabledLocked(GroupState group) =>
        !group.Disabled && (!_groupAssets.TryGetValue(group.AssetId, out var asset) || Now <= asset.ValidThrough);

    // A group member must follow the OA or have interacted with it in the last 7 days [S].
    private bool CanJoinGroupsOf(OaState oa, string userId) =>
        oa.Users.TryGetValue(userId, out var user) && (user.IsFollower || (user.LastInteraction is { } last && Now - last <= CsWindow));

    private static bool TryMemberIds(JsonObject? body, out List<string> ids)
    {
        ids = [];
        if (body?["member_user_ids"] is not JsonArray { Count: > 0 } array)
        {
            return false;
        }

        foreach (var item in array)
        {
            // Ids as strings, or as numbers (their exact digits).
            var id = item?.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => item.GetValue<string>(),
                System.Text.Json.JsonValueKind.Number => item.ToJsonString(),
                _ => null,
            };
            if (string.IsNullOrEmpty(id))
            {
                return false;
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return true;
    }

    private static bool TryPage(IRequestMessage request, out int offset, out int count, out IResponseMessage error)
    {
        (offset, count, error) = (0, DefaultGroupPageSize, null!);
        if (Wire.QueryValue(request, "offset") is { } o && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            error = Wire.Invalid("offset");
            return false;
        }

        if (Wire.QueryValue(request, "count") is { } c && (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            error = Wire.Invalid("count");
            return false;
        }

        return true;
    }

    private static bool? Flag(JsonObject body, string name) => Wire.Str(body, name) switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    private JsonObject GroupInfoJson(GroupState g)
    {
        _groupAssets.TryGetValue(g.AssetId, out var asset);
        var enabled = IsEnabledLocked(g);
        return new JsonObject
        {
            ["group_id"] = g.GroupId,
            ["name"] = g.Name,
            ["avatar"] = g.AvatarUrl ?? AvatarUrl(),
            ["group_link"] = g.Link,
            ["group_description"] = g.Description ?? string.Empty,
            ["status"] = enabled ? "enabled" : "disabled",
            ["total_member"] = g.Members.Count + 1,
            ["max_member"] = asset?.MaxMembers ?? 10,
            // Zalo dissolves a group 45 days after its asset lapsed [S].
            ["auto_delete_date"] = enabled ? string.Empty : Wire.VietnamDate((asset is not null && asset.ValidThrough < Now ? asset.ValidThrough : Now) + AutoDeleteAfter),
        };
    }

    private JsonObject GroupDetailJson(OaState oa, GroupState g)
    {
        _ = oa;
        _groupAssets.TryGetValue(g.AssetId, out var asset);
        return new JsonObject
        {
            ["group_info"] = GroupInfoJson(g),
            ["asset_info"] = new JsonObject
            {
                ["asset_type"] = asset?.ProductType,
                ["asset_id"] = g.AssetId,
                ["valid_through"] = asset?.ValidThrough.ToUnixTimeMilliseconds(),
                ["auto_renew"] = false,
            },
            ["group_setting"] = new JsonObject
            {
                ["lock_send_msg"] = g.LockSendMessage,
                ["join_appr"] = g.JoinApproval,
                ["enable_msg_history"] = g.EnableMessageHistory,
                ["enable_link_join"] = g.EnableLinkJoin,
            },
        };
    }

    private EmulatedGroup Snapshot(GroupState g) => new(
        g.OaId,
        g.GroupId,
        g.Name,
        g.Description,
        g.Link,
        g.AssetId,
        IsEnabledLocked(g),
        !g.OaRemoved,
        g.Deleted,
        [.. g.Members],
        [.. g.Members.Where(g.Admins.Contains)],
        [.. g.Invited],
        [.. g.Pending]);

    // ---- The citizen's side (EmulatedCitizen, the chat simulator) ----------------------------

    internal void RequireGroupMember(string oaId, string groupId, string userId)
    {
        lock (_gate)
        {
            var group = RequireGroup(groupId);
            if (group.OaId != oaId || !group.Members.Contains(userId))
            {
                throw new InvalidOperationException($"User {userId} is not a member of group {groupId} of OA {oaId}; create the group with them or have them join first.");
            }
        }
    }

    // Whether joining puts the user on the pending list (true) or in the group (false).
    internal bool NeedsJoinApproval(string oaId, string groupId, string userId)
    {
        lock (_gate)
        {
            var group = RequireGroup(groupId);
            if (group.OaId != oaId || group.Members.Contains(userId) || group.Pending.Contains(userId))
            {
                throw new InvalidOperationException($"User {userId} is already in or waiting for group {groupId}, or the group is not OA {oaId}'s.");
            }

            if (!group.Invited.Contains(userId) && !group.EnableLinkJoin)
            {
                throw new InvalidOperationException($"Group {groupId} takes no one by link and user {userId} was not invited; invite them first.");
            }

            return group.JoinApproval && !group.Invited.Contains(userId);
        }
    }

    // The OA's live groups for the simulator's picker: who is in, invited or waiting.
    private JsonArray GroupsJsonLocked(OaState oa) =>
        new([.. _groupOrder.Select(id => _groups[id]).Where(g => g.OaId == oa.OaId && !g.Deleted && !g.OaRemoved).Select(g => (JsonNode?)new JsonObject
        {
            ["groupId"] = g.GroupId,
            ["name"] = g.Name,
            ["enabled"] = IsEnabledLocked(g),
            ["linkJoin"] = g.EnableLinkJoin,
            ["members"] = new JsonArray([.. g.Members.Select(m => (JsonNode?)m)]),
            ["invited"] = new JsonArray([.. g.Invited.Select(m => (JsonNode?)m)]),
            ["pending"] = new JsonArray([.. g.Pending.Select(m => (JsonNode?)m)]),
        })]);

    // One group's messages changed after sinceVersion, in order, as the simulator shows them: the
    // OA's posts (fromOa) and members' messages with who wrote them; mine marks the viewer's own.
    internal (JsonArray Messages, long Version) GroupChatJson(string oaId, string groupId, string viewerId, long sinceVersion)
    {
        lock (_gate)
        {
            var oa = RequireOa(oaId);
            var group = RequireGroup(groupId);
            if (group.OaId != oaId)
            {
                throw new InvalidOperationException($"Group {groupId} is not OA {oaId}'s.");
            }

            var messages = group.Conversation
                .Where(e => e.Version > sinceVersion)
                .OrderBy(e => e.Seq)
                .Select(e => (JsonNode?)new JsonObject
                {
                    ["id"] = e.MessageId,
                    ["seq"] = e.Seq,
                    ["fromOa"] = e.Src == 0,
                    ["mine"] = e.Src == 1 && e.UserId == viewerId,
                    ["sender"] = e.Src == 0 ? oa.Name : oa.Users.TryGetValue(e.UserId, out var u) ? u.DisplayName : e.UserId,
                    ["time"] = e.Time.ToUnixTimeMilliseconds(),
                    ["origin"] = e.Origin,
                    ["state"] = e.State,
                    ["webhookStatus"] = e.WebhookStatus,
                    ["message"] = e.Content is null ? new JsonObject { ["text"] = e.Message } : ResolveContentLocked(oa, e.Content),
                });
            return (new JsonArray([.. messages]), _chatVersion);
        }
    }

    // Whether the group is the OA's (live), for the simulator's checks of ids from the page.
    internal bool IsGroupOf(string oaId, string groupId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(groupId, out var g) && g.OaId == oaId && !g.Deleted && !g.OaRemoved;
        }
    }

    internal bool IsGroupMember(string groupId, string userId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(groupId, out var g) && g.Members.Contains(userId);
        }
    }

    // What a posted group event changes (called by Apply, under the lock).
    private void ApplyGroupEffectLocked(UserState user, EventEffect effect)
    {
        if (effect.GroupId is not { } groupId || !_groups.TryGetValue(groupId, out var group) || group.Deleted)
        {
            return;
        }

        switch (effect.Kind)
        {
            case EventEffectKind.GroupMessage:
                AddGroupEntryLocked(group, effect.Entry!);
                break;
            case EventEffectKind.GroupJoin:
                group.Invited.Remove(user.UserId);
                group.Pending.Remove(user.UserId);
                if (!group.Members.Contains(user.UserId))
                {
                    group.Members.Add(user.UserId);
                }

                break;
            case EventEffectKind.GroupJoinRequest:
                group.Invited.Remove(user.UserId);
                if (!group.Pending.Contains(user.UserId))
                {
                    group.Pending.Add(user.UserId);
                }

                break;
            case EventEffectKind.GroupLeave:
                group.Members.Remove(user.UserId);
                group.Admins.Remove(user.UserId);
                break;
        }

        TouchAccountsLocked();
    }

    private void AddGroupEntryLocked(GroupState group, ConversationEntry entry)
    {
        entry.Seq = ++_chatSeq;
        group.Conversation.Add(entry);
        TouchLocked(entry);
    }
}
