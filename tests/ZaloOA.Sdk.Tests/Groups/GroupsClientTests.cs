using System.Text.Json;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

#pragma warning disable ZALO003 // the experimental group chat API is what these tests are about

namespace ZaloOA.Sdk.Tests.Groups;

/// <summary>
/// The group chat (GMF) client against WireMock: the exact path, query and JSON body of every call,
/// answers in the recorded shapes of §3.9 read tolerantly (unknown fields kept, ids and counts as
/// numbers or strings, the shapes the sources disagree on), client-side checks, and the group error codes.
/// </summary>
public class GroupsClientTests
{
    private const string GroupId = "f414c8f76fa586fbdfb4";
    private const string Member1 = "2468458835296197922";
    private const string Member2 = "186729651760683225";

    [Fact]
    public async Task Quota_posts_owner_package_and_origin_and_reads_the_assets()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/quota/group", """
            [{"asset_id":"326e977e4d3da463fd2c","product_type":"gmf10","quota_type":"sub_quota","status":"available","valid_through":1798761600000,"auto_renew":"true","seats":10},
             {"asset_id":"a1","product_type":"gmf10","quota_type":"sub_quota","status":"used","used_id":"f414c8f76fa586fbdfb4","valid_through":"31/12/2026","auto_renew":false}]
            """);

        var assets = await host.Client.Groups.GetQuotaAsync(ZaloGroupQuotaRequest.Gmf10, Ct);

        host.ReceivedJson("/v3.0/oa/quota/group", """{"quota_owner":"OA","product_type":"gmf10","quota_type":"sub_quota"}""");
        Assert.Equal(
            [("326e977e4d3da463fd2c", true, "1798761600000", (bool?)true, (string?)null), ("a1", false, "31/12/2026", false, GroupId)],
            assets.Select(a => (a.AssetId, a.IsAvailable, a.ValidThrough, a.AutoRenew, a.UsedId)));
        Assert.Equal(10, assets[0].AdditionalProperties!["seats"].GetInt32());
    }

    [Fact]
    public async Task Quota_reads_assets_wrapped_in_an_object()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/quota/group", """{"assets":[{"asset_id":"b2","status":"available"}]}""");

        var assets = await host.Client.Groups.GetQuotaAsync(new ZaloGroupQuotaRequest { ProductType = ZaloGroupQuotaRequest.Gmf50, QuotaType = ZaloGroupQuotaRequest.PurchaseQuota }, Ct);

        host.ReceivedJson("/v3.0/oa/quota/group", """{"quota_owner":"OA","product_type":"gmf50","quota_type":"purchase_quota"}""");
        Assert.Equal(("b2", true), (Assert.Single(assets).AssetId, assets[0].IsAvailable));
    }

    [Fact]
    public async Task Create_posts_name_description_asset_and_members_and_reads_the_flat_answer()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/creategroupwithoa", """{"group_id":"f414c8f76fa586fbdfb4","group_link":"https://zalo.me/g/abc123","status":"enabled"}""");

        var created = await host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest
        {
            Name = "Tổ an ninh ấp 3",
            Description = "Cảnh báo và tin báo của ấp",
            AssetId = "326e977e4d3da463fd2c",
            MemberUserIds = [Member1, Member2],
        }, Ct);

        host.ReceivedJson("/v3.0/oa/group/creategroupwithoa", """
            {"group_name":"Tổ an ninh ấp 3","group_description":"Cảnh báo và tin báo của ấp","asset_id":"326e977e4d3da463fd2c",
             "member_user_ids":["2468458835296197922","186729651760683225"]}
            """);
        Assert.Equal((GroupId, "https://zalo.me/g/abc123", true), (created.Group.GroupId, created.Group.GroupLink, created.Group.IsEnabled));
    }

    [Fact]
    public async Task Create_reads_the_nested_group_info_with_the_link_beside_it()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/creategroupwithoa", """
            {"group_info":{"group_id":"f414c8f76fa586fbdfb4","name":"Tổ an ninh ấp 3","status":"enabled","total_member":3},
             "asset_info":{"asset_type":"gmf10","asset_id":"326e977e4d3da463fd2c"},"group_link":"https://zalo.me/g/abc123"}
            """);

        var created = await host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ an ninh ấp 3", AssetId = "326e977e4d3da463fd2c", MemberUserIds = [Member1] }, Ct);

        host.ReceivedJson("/v3.0/oa/group/creategroupwithoa", """{"group_name":"Tổ an ninh ấp 3","asset_id":"326e977e4d3da463fd2c","member_user_ids":["2468458835296197922"]}""");
        Assert.Equal((GroupId, "https://zalo.me/g/abc123", 3L, "gmf10"), (created.Group.GroupId, created.Group.GroupLink, created.Group.TotalMembers, created.Asset!.AssetType));
    }

    [Fact]
    public async Task Create_refuses_more_than_99_members_without_calling_zalo()
    {
        await using var host = new ZaloTestHost();
        var members = Enumerable.Range(0, ZaloMessageLimits.MaxGroupInitialMembers + 1).Select(i => (1_000_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ", AssetId = "a1", MemberUserIds = members }, Ct));

        Assert.Equal("member_user_ids", ex.ParamName);
        Assert.Contains("has 100 item(s); Zalo allows 1 to 99", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Theory]
    [InlineData("24684588352919 7922", "member_user_ids[1]", "must be a Zalo user id (digits only)")]
    [InlineData("2468458835296197922", "member_user_ids[1]", "repeats an earlier user id")]
    [InlineData("", "member_user_ids[1]", "is required")]
    public async Task Create_refuses_a_member_id_that_cannot_be_a_distinct_user_id(string second, string field, string message)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ", AssetId = "a1", MemberUserIds = [Member1, second] }, Ct));

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Create_refuses_a_blank_name()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest { Name = " ", AssetId = "a1", MemberUserIds = [Member1] }, Ct));

        Assert.Equal("group_name", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Get_asks_for_the_group_in_the_query_and_reads_info_asset_and_settings()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/getgroup", """
            {"group_info":{"name":"Tổ an ninh ấp 3","avatar":"https://zalo.example/a.png","group_id":"f414c8f76fa586fbdfb4","group_link":"https://zalo.me/g/abc123",
                           "group_description":"Cảnh báo","status":"disabled","total_member":"12","max_member":10,"auto_delete_date":"15/02/2027","theme":"blue"},
             "asset_info":{"asset_type":"gmf10","asset_id":"326e977e4d3da463fd2c","valid_through":1798761600000,"auto_renew":0},
             "group_setting":{"lock_send_msg":true,"join_appr":"false","enable_msg_history":1,"enable_link_join":false}}
            """);

        var detail = await host.Client.Groups.GetAsync(GroupId, Ct);

        var request = host.Received("GET", "/v3.0/oa/group/getgroup");
        Assert.Equal([("group_id", GroupId)], request.Query!.Select(q => (q.Key, q.Value[0])));
        var g = detail.Group;
        Assert.Equal((GroupId, "Tổ an ninh ấp 3", "disabled", false, 12L, 10L, "15/02/2027"), (g.GroupId, g.Name, g.Status, g.IsEnabled, g.TotalMembers, g.MaxMembers, g.AutoDeleteDate));
        Assert.Equal("blue", g.AdditionalProperties!["theme"].GetString());
        Assert.Equal(("326e977e4d3da463fd2c", "1798761600000", (bool?)false), (detail.Asset!.AssetId, detail.Asset.ValidThrough, detail.Asset.AutoRenew));
        Assert.Equal(((bool?)true, (bool?)false, (bool?)true, (bool?)false), (detail.Settings!.LockSendMessage, detail.Settings.RequireJoinApproval, detail.Settings.EnableMessageHistory, detail.Settings.EnableLinkJoin));
    }

    [Theory]
    [InlineData("g 1&offset=9")]
    [InlineData("../getgroupsofoa")]
    [InlineData(" ")]
    public async Task Get_refuses_a_group_id_that_cannot_be_one(string groupId)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.GetAsync(groupId, Ct));

        Assert.Equal("group_id", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task List_pages_with_offset_and_count_and_reads_the_groups_and_total()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/getgroupsofoa", """
            {"offset":10,"count":5,"total":12,"groups":[{"group_id":"f414c8f76fa586fbdfb4","name":"Tổ an ninh ấp 3","status":"enabled","total_member":3},{"group_id":4711,"name":"Ấp 4","status":"disabled"}]}
            """);

        var page = await host.Client.Groups.ListAsync(offset: 10, count: 5, Ct);

        var request = host.Received("GET", "/v3.0/oa/group/getgroupsofoa");
        Assert.Equal([("offset", "10"), ("count", "5")], request.Query!.Select(q => (q.Key, q.Value[0])));
        Assert.Equal([(GroupId, true), ("4711", false)], page.Groups.Select(g => (g.GroupId!, g.IsEnabled)));
        Assert.Equal(12, page.Total);
    }

    [Fact]
    public async Task List_all_asks_page_after_page_until_the_total_is_reached()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/group/getgroupsofoa").WithParam("offset", "0"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"total":3,"groups":[{"group_id":"g1"},{"group_id":"g2"}]}}"""));
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/group/getgroupsofoa").WithParam("offset", "2"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"total":3,"groups":[{"group_id":"g3"}]}}"""));

        var ids = new List<string>();
        await foreach (var group in host.Client.Groups.ListAllAsync(pageSize: 2, Ct))
        {
            ids.Add(group.GroupId!);
        }

        Assert.Equal(["g1", "g2", "g3"], ids);
        Assert.Equal(2, host.Server.RequestsTo("/v3.0/oa/group/getgroupsofoa").Count);
    }

    [Fact]
    public async Task Members_are_read_for_users_and_the_oa()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/listmember", """
            {"offset":0,"count":5,"total":2,"member_count":2,"members":[{"oa_id":"388613280878808645","name":"Công an xã","avatar":"https://zalo.example/oa.png"},{"user_id":2468458835296197922,"name":"Nguyễn Văn An"}]}
            """);

        var page = await host.Client.Groups.GetMembersAsync(GroupId, cancellationToken: Ct);

        var request = host.Received("GET", "/v3.0/oa/group/listmember");
        Assert.Equal([("group_id", GroupId), ("offset", "0"), ("count", "5")], request.Query!.Select(q => (q.Key, q.Value[0])));
        Assert.Equal([(true, "388613280878808645"), (false, Member1)], page.Members.Select(m => (m.IsOa, m.IsOa ? m.OaId! : m.UserId!)));
        Assert.Equal((2L, 2L), (page.Total, page.MemberCount));
    }

    [Fact]
    public async Task Pending_invites_are_read_from_a_bare_array_too()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/listpendinginvite", """[{"user_id":"186729651760683225","name":"Trần Thị B"}]""");

        var page = await host.Client.Groups.GetPendingInvitesAsync(GroupId, offset: 5, count: 10, Ct);

        var request = host.Received("GET", "/v3.0/oa/group/listpendinginvite");
        Assert.Equal([("group_id", GroupId), ("offset", "5"), ("count", "10")], request.Query!.Select(q => (q.Key, q.Value[0])));
        Assert.Equal((Member2, "Trần Thị B"), (Assert.Single(page.Members).UserId, page.Members[0].Name));
    }

    public static TheoryData<string> MemberCalls() => ["invite", "acceptpendinginvite", "rejectpendinginvite", "removemembers", "addadmins", "removeadmins"];

    [Theory]
    [MemberData(nameof(MemberCalls))]
    public async Task A_member_call_posts_the_group_and_the_user_ids_to_its_path(string verb)
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v3.0/oa/group/" + verb, """{"error":0,"message":"Success"}""");
        var groups = host.Client.Groups;
        IReadOnlyList<string> users = [Member1, Member2];

        await (verb switch
        {
            "invite" => groups.InviteAsync(GroupId, users, Ct),
            "acceptpendinginvite" => groups.AcceptPendingInvitesAsync(GroupId, users, Ct),
            "rejectpendinginvite" => groups.RejectPendingInvitesAsync(GroupId, users, Ct),
            "removemembers" => groups.RemoveMembersAsync(GroupId, users, Ct),
            "addadmins" => groups.AddAdminsAsync(GroupId, users, Ct),
            _ => groups.RemoveAdminsAsync(GroupId, users, Ct),
        });

        host.ReceivedJson("/v3.0/oa/group/" + verb, """{"group_id":"f414c8f76fa586fbdfb4","member_user_ids":["2468458835296197922","186729651760683225"]}""");
    }

    [Fact]
    public async Task A_member_call_without_users_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.InviteAsync(GroupId, [], Ct));

        Assert.Equal("member_user_ids", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Update_sends_only_what_changes()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v3.0/oa/group/updateinfo", """{"error":0,"message":"Success","data":{"group_info":{"group_id":"f414c8f76fa586fbdfb4"}}}""");

        await host.Client.Groups.UpdateAsync(new ZaloUpdateGroupRequest { GroupId = GroupId, Name = "Tổ an ninh ấp 3 (mới)", LockSendMessage = true, EnableLinkJoin = false }, Ct);

        host.ReceivedJson("/v3.0/oa/group/updateinfo", """{"group_id":"f414c8f76fa586fbdfb4","group_name":"Tổ an ninh ấp 3 (mới)","lock_send_msg":true,"enable_link_join":false}""");
    }

    [Fact]
    public async Task Update_that_changes_nothing_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.UpdateAsync(new ZaloUpdateGroupRequest { GroupId = GroupId }, Ct));

        Assert.Contains("changes nothing", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Update_asset_posts_the_group_and_the_new_asset()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v3.0/oa/group/updateasset", """{"error":0,"message":"Success"}""");

        await host.Client.Groups.UpdateAssetAsync(GroupId, "9c0ffee0", Ct);

        host.ReceivedJson("/v3.0/oa/group/updateasset", """{"group_id":"f414c8f76fa586fbdfb4","asset_id":"9c0ffee0"}""");
    }

    [Fact]
    public async Task Delete_posts_the_group()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v3.0/oa/group/delete", """{"error":0,"message":"Success"}""");

        await host.Client.Groups.DeleteAsync(GroupId, Ct);

        host.ReceivedJson("/v3.0/oa/group/delete", """{"group_id":"f414c8f76fa586fbdfb4"}""");
    }

    [Fact]
    public async Task Send_text_posts_the_group_recipient_and_reads_the_message_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/message", """{"message_id":"705efa85665a0d03544c","group_id":"f414c8f76fa586fbdfb4"}""");

        var sent = await host.Client.Groups.SendTextAsync(GroupId, "Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền.", Ct);

        host.ReceivedJson("/v3.0/oa/group/message", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"text":"Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền."}}""");
        Assert.Equal(("705efa85665a0d03544c", GroupId), (sent.MessageId, sent.GroupId));
    }

    [Fact]
    public async Task Send_text_normalises_to_nfc()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/message", """{"message_id":"m"}""");

        await host.Client.Groups.SendTextAsync(GroupId, "Ca\u0309nh ba\u0301o", Ct);

        host.ReceivedJson("/v3.0/oa/group/message", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"text":"Cảnh báo"}}""");
    }

    public static TheoryData<string, string> MediaMessages() => new()
    {
        { "image", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"text":"Ảnh đối tượng","attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"image","url":"https://example.com/doi-tuong.jpg"}]}}}}""" },
        { "gif", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"gif","attachment_id":"gif-1","width":120,"height":90}]}}}}""" },
        { "sticker", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"sticker","attachment_id":"bfe458bf64fa8da4d4eb"}]}}}}""" },
        { "file", """{"recipient":{"group_id":"f414c8f76fa586fbdfb4"},"message":{"attachment":{"type":"file","payload":{"token":"file-token"}}}}""" },
    };

    [Theory]
    [MemberData(nameof(MediaMessages))]
    public async Task Media_is_posted_in_the_consultation_shape_with_the_group_recipient(string kind, string expected)
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/message", """{"message_id":"m"}""");
        ZaloMessage message = kind switch
        {
            "image" => ZaloImageMessage.FromUrl("https://example.com/doi-tuong.jpg", "Ảnh đối tượng"),
            "gif" => new ZaloGifMessage("gif-1", 120, 90),
            "sticker" => new ZaloStickerMessage("bfe458bf64fa8da4d4eb"),
            _ => new ZaloFileMessage("file-token"),
        };

        await host.Client.Groups.SendAsync(GroupId, message, Ct);

        host.ReceivedJson("/v3.0/oa/group/message", expected);
    }

    [Fact]
    public async Task A_message_type_groups_do_not_take_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.SendAsync(GroupId, new ZaloButtonsMessage("Chọn", [new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113"))]), Ct));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains("ZaloButtonsMessage is not documented for groups", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task A_text_over_2000_characters_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Groups.SendTextAsync(GroupId, new string('a', ZaloMessageLimits.MaxTextLength + 1), Ct));

        Assert.Equal("message.text", ex.ParamName);
        Assert.Contains("Zalo allows at most 2,000", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task A_disabled_group_is_reported_as_group_disabled()
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/group/message", -237, "The group is disabled");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Groups.SendTextAsync(GroupId, "Cảnh báo", Ct));

        Assert.Equal((ZaloErrorCode.GroupDisabled, "The group is disabled", false, "groups.send"), (ex.ErrorCode, ex.ZaloMessage, ex.IsTransient, ex.Operation));
        Assert.Contains("renew", ex.ErrorCode.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_the_oa_is_reported_as_oa_not_in_group()
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/group/getgroup", -403, "OA is not in group");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Groups.GetAsync(GroupId, Ct));

        Assert.Equal((ZaloErrorCode.OaNotInGroup, -403, false), (ex.ErrorCode, ex.ErrorCode.Value, ex.IsTransient));
    }

    [Fact]
    public async Task A_used_asset_is_reported_as_asset_already_used()
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/group/creategroupwithoa", -241, "asset_id is already used");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ", AssetId = "a1", MemberUserIds = [Member1] }, Ct));

        Assert.Equal(ZaloErrorCode.AssetAlreadyUsed, ex.ErrorCode);
    }

    [Fact]
    public async Task Data_that_is_no_group_is_a_response_format_error()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/group/getgroup", """{"group_info":["not","an","object"]}""");

        var ex = await Assert.ThrowsAsync<ZaloResponseFormatException>(() => host.Client.Groups.GetAsync(GroupId, Ct));

        Assert.Contains("groups.get", ex.Message, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(ex.RawBody!).RootElement.GetProperty("data").GetProperty("group_info").ValueKind);
    }
}
