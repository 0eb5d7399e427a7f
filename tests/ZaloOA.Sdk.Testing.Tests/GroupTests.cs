using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

#pragma warning disable ZALO003 // the experimental group chat API is what these tests are about

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>
/// Group chats (GMF) through the SDK against the emulator: quota → create → read, posting recorded
/// in order with its echo, the -237/-403 refusals, members, invitations and approvals, and the
/// group webhooks an emulated citizen produces, parsed by the SDK into their typed events.
/// </summary>
public sealed class GroupTests
{
    private const string OaId = EmulatorSdkHost.OaId;
    private const string UserId = EmulatorSdkHost.UserId;
    private const string Neighbour = "3000000000000000003";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(EmulatorSdkHost Host, GroupsClient Groups)> StartAsync()
    {
        var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        return (host, host.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(OaId).Groups);
    }

    [Fact]
    public async Task An_available_asset_creates_a_group_the_sdk_then_reads_back()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        var assetId = host.Emulator.AddGroupAsset(OaId, "gmf10");

        var quota = await groups.GetQuotaAsync(ZaloGroupQuotaRequest.Gmf10, Ct);
        var created = await groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ an ninh ấp 3", Description = "Cảnh báo", AssetId = quota.Single(a => a.IsAvailable).AssetId!, MemberUserIds = [UserId] }, Ct);
        var detail = await groups.GetAsync(created.Group.GroupId!, Ct);

        Assert.Equal(assetId, quota.Single().AssetId);
        Assert.Equal((created.Group.GroupId, "Tổ an ninh ấp 3", "Cảnh báo", true, 2L, 10L), (detail.Group.GroupId, detail.Group.Name, detail.Group.Description, detail.Group.IsEnabled, detail.Group.TotalMembers, detail.Group.MaxMembers));
        Assert.Equal(created.Group.GroupLink, detail.Group.GroupLink);
        Assert.StartsWith("https://zalo.me/g/", detail.Group.GroupLink, StringComparison.Ordinal);
        Assert.Equal((assetId, "gmf10"), (detail.Asset!.AssetId, detail.Asset.AssetType));
        var after = Assert.Single(await groups.GetQuotaAsync(ZaloGroupQuotaRequest.Gmf10, Ct));
        Assert.Equal(("used", created.Group.GroupId), (after.Status, after.UsedId));
        Assert.Equal([UserId], host.Emulator.GetGroup(created.Group.GroupId!)!.MemberUserIds);
    }

    [Fact]
    public async Task Creating_with_a_user_who_does_not_follow_the_oa_is_refused_with_minus_213()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        var assetId = host.Emulator.AddGroupAsset(OaId);

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ", AssetId = assetId, MemberUserIds = [Neighbour] }, Ct));

        Assert.Equal(ZaloErrorCode.UserNotFollower, ex.ErrorCode);
        Assert.Empty(host.Emulator.GetGroups(OaId));
    }

    [Fact]
    public async Task Creating_on_a_used_asset_is_refused_with_minus_241()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        var assetId = host.Emulator.AddGroupAsset(OaId);
        await groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ 1", AssetId = assetId, MemberUserIds = [UserId] }, Ct);

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => groups.CreateAsync(new ZaloCreateGroupRequest { Name = "Tổ 2", AssetId = assetId, MemberUserIds = [UserId] }, Ct));

        Assert.Equal(ZaloErrorCode.AssetAlreadyUsed, ex.ErrorCode);
    }

    [Fact]
    public async Task Posts_into_a_group_are_recorded_in_order_and_echoed_to_the_app()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        using var app = WebhookTests.StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);

        var first = await groups.SendTextAsync(groupId, "Cảnh báo: giả danh công an gọi điện.", Ct);
        var second = await groups.SendAsync(groupId, ZaloImageMessage.FromUrl("https://example.com/doi-tuong.jpg", "Ảnh đối tượng"), Ct);

        var posts = host.Emulator.SentMessages;
        Assert.Equal(
            [(EmulatedMessageKind.Group, groupId, (string?)null, first.MessageId!, "/v3.0/oa/group/message"), (EmulatedMessageKind.Group, groupId, null, second.MessageId!, "/v3.0/oa/group/message")],
            posts.Select(p => (p.Kind, p.GroupId!, p.UserId, p.MessageId, p.Path)));
        WireMockExtensions.AssertJsonEqual($$$"""{"recipient":{"group_id":"{{{groupId}}}"},"message":{"text":"Cảnh báo: giả danh công an gọi điện."}}""", posts[0].RequestJson);
        Assert.Equal(groupId, first.GroupId);
        var echoes = await app.WaitForRequestsAsync("/zalo/webhook", 2, Ct);
        var parsed = echoes.Select(e => Assert.IsType<OaSendGroupMessageEvent>(ZaloWebhookParser.Parse(Encoding.UTF8.GetBytes(e.RequestMessage.Body!)))).ToList();
        Assert.Equal(
            [("oa_send_group_text", OaId, groupId, first.MessageId), ("oa_send_group_image", OaId, groupId, second.MessageId)],
            parsed.Select(e => (e.EventName.Value, e.OaId, e.GroupId, e.MessageId)));
        Assert.Equal("https://example.com/doi-tuong.jpg", parsed[1].FirstPayload!.Url);
    }

    [Fact]
    public async Task A_disabled_group_refuses_posts_with_minus_237_until_its_asset_is_renewed()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);
        host.Emulator.DisableGroup(groupId);

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => groups.SendTextAsync(groupId, "Cảnh báo", Ct));
        var disabled = await groups.GetAsync(groupId, Ct);
        await groups.UpdateAssetAsync(groupId, host.Emulator.AddGroupAsset(OaId, "gmf50"), Ct);
        var renewed = await groups.SendTextAsync(groupId, "Cảnh báo", Ct);

        Assert.Equal(ZaloErrorCode.GroupDisabled, ex.ErrorCode);
        Assert.Equal(("disabled", false), (disabled.Group.Status, disabled.Group.IsEnabled));
        Assert.False(string.IsNullOrEmpty(disabled.Group.AutoDeleteDate));
        Assert.NotNull(renewed.MessageId);
        Assert.Single(host.Emulator.SentMessages);
    }

    [Fact]
    public async Task A_group_the_oa_is_not_in_answers_minus_403()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        host.Emulator.AddOfficialAccount("4000000000000000004", "Công an xã khác");
        var othersGroup = host.Emulator.AddGroup("4000000000000000004", "Nhóm của OA khác");
        var ownGroup = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);
        host.Emulator.RemoveOaFromGroup(ownGroup);

        var post = await Assert.ThrowsAsync<ZaloApiException>(() => groups.SendTextAsync(othersGroup, "Cảnh báo", Ct));
        var read = await Assert.ThrowsAsync<ZaloApiException>(() => groups.GetAsync(ownGroup, Ct));

        Assert.Equal((ZaloErrorCode.OaNotInGroup, ZaloErrorCode.OaNotInGroup), (post.ErrorCode, read.ErrorCode));
        Assert.Empty(host.Emulator.SentMessages);
        Assert.Empty((await groups.ListAsync(cancellationToken: Ct)).Groups);
    }

    [Fact]
    public async Task Listing_pages_through_the_oas_groups_and_leaves_out_dissolved_ones()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        var ids = Enumerable.Range(1, 7).Select(i => host.Emulator.AddGroup(OaId, "Tổ " + i)).ToList();
        await groups.DeleteAsync(ids[0], Ct);

        var all = new List<string>();
        await foreach (var group in groups.ListAllAsync(pageSize: 4, Ct))
        {
            all.Add(group.GroupId!);
        }

        Assert.Equal(ids[1..], all);
        Assert.True(host.Emulator.GetGroup(ids[0])!.IsDeleted);
        Assert.Equal(2, host.Emulator.Server.LogEntries.Count(e => e.RequestMessage.Path == "/v3.0/oa/group/getgroupsofoa"));
    }

    [Fact]
    public async Task An_invited_follower_joins_becomes_an_admin_and_is_removed()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        using var app = WebhookTests.StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");
        host.Emulator.AddFollower(OaId, Neighbour, "Trần Thị Bình");
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);

        await groups.InviteAsync(groupId, [Neighbour], Ct);
        var invited = host.Emulator.GetGroup(groupId)!.InvitedUserIds;
        var joined = await host.Emulator.Citizen(OaId, Neighbour).JoinGroupAsync(groupId, Ct);
        await groups.AddAdminsAsync(groupId, [Neighbour], Ct);
        var members = await groups.GetMembersAsync(groupId, count: 10, cancellationToken: Ct);
        var admins = host.Emulator.GetGroup(groupId)!.AdminUserIds;
        await groups.RemoveMembersAsync(groupId, [Neighbour], Ct);

        Assert.Equal([Neighbour], invited);
        var join = Assert.IsType<UserJoinGroupEvent>(ZaloWebhookParser.Parse(joined.Event.BodyBytes));
        Assert.Equal((HttpStatusCode.OK, groupId, OaId, Neighbour), (joined.StatusCode, join.GroupId, join.OaId, join.UserId));
        Assert.Equal(
            [(true, OaId, "Công an phường Bến Nghé"), (false, UserId, "Nguyễn Văn An"), (false, Neighbour, "Trần Thị Bình")],
            members.Members.Select(m => (m.IsOa, m.IsOa ? m.OaId! : m.UserId!, m.Name!)));
        Assert.Equal(3, members.MemberCount);
        Assert.Equal([Neighbour], admins);
        var group = host.Emulator.GetGroup(groupId)!;
        Assert.Equal([UserId], group.MemberUserIds);
        Assert.Empty(group.AdminUserIds);
    }

    [Fact]
    public async Task A_group_that_needs_approval_holds_a_request_until_the_oa_accepts_it()
    {
        var (host, groups) = await StartAsync();
        await using var _ = host;
        using var app = WebhookTests.StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");
        host.Emulator.AddFollower(OaId, Neighbour, "Trần Thị Bình");
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);
        await groups.UpdateAsync(new ZaloUpdateGroupRequest { GroupId = groupId, RequireJoinApproval = true }, Ct);

        var requested = await host.Emulator.Citizen(OaId, Neighbour).JoinGroupAsync(groupId, Ct);
        var pending = await groups.GetPendingInvitesAsync(groupId, cancellationToken: Ct);
        await groups.AcceptPendingInvitesAsync(groupId, [Neighbour], Ct);

        var request = Assert.IsType<GroupJoinRequestEvent>(ZaloWebhookParser.Parse(requested.Event.BodyBytes));
        Assert.Equal(("user_request_join_group", groupId, (bool?)null), (request.EventName.Value, request.GroupId, request.IsAccepted));
        Assert.Equal([Neighbour], pending.Members.Select(m => m.UserId!));
        var group = host.Emulator.GetGroup(groupId)!;
        Assert.Equal([UserId, Neighbour], group.MemberUserIds);
        Assert.Empty(group.PendingUserIds);
        Assert.True((await groups.GetAsync(groupId, Ct)).Settings!.RequireJoinApproval);
    }

    [Fact]
    public async Task A_citizen_writing_in_a_group_posts_the_group_webhook_the_sdk_parses()
    {
        var (host, _) = await StartAsync();
        await using var _host = host;
        using var app = WebhookTests.StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);

        var text = await host.Emulator.Citizen(OaId, UserId).SendGroupTextAsync(groupId, "Có người lạ đi xe không biển số", Ct);
        var image = await host.Emulator.Citizen(OaId, UserId).SendGroupImageAsync(groupId, "Ảnh xe", cancellationToken: Ct);

        var parsedText = Assert.IsType<UserSendGroupTextEvent>(ZaloWebhookParser.Parse(app.RequestsTo("/zalo/webhook")[0].RequestMessage.BodyAsBytes!));
        Assert.Equal((groupId, OaId, UserId, "Có người lạ đi xe không biển số", text.Event.MessageId), (parsedText.GroupId, parsedText.OaId, parsedText.UserId, parsedText.Text, parsedText.MessageId));
        var parsedImage = Assert.IsType<UserSendGroupImageEvent>(ZaloWebhookParser.Parse(image.Event.BodyBytes));
        Assert.Equal((groupId, "Ảnh xe", image.Event.MediaUrl!.AbsoluteUri), (parsedImage.GroupId, parsedImage.Text, parsedImage.FirstPayload!.Url));
        using var sample = System.Text.Json.JsonDocument.Parse(Fixtures.Text("Webhooks", "user_send_group_text"));
        using var built = System.Text.Json.JsonDocument.Parse(text.Event.Body);
        // The recorded shape's fields, plus user_id_by_app as on every user event.
        Assert.Equal(Sorted(sample.RootElement), Sorted(built.RootElement).Replace(",user_id_by_app:String", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_who_leaves_is_out_of_the_group_and_cannot_write_in_it()
    {
        var (host, _) = await StartAsync();
        await using var _host = host;
        using var app = WebhookTests.StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);
        var citizen = host.Emulator.Citizen(OaId, UserId);

        var left = await citizen.LeaveGroupAsync(groupId, Ct);

        var leave = Assert.IsType<UserLeaveGroupEvent>(ZaloWebhookParser.Parse(left.Event.BodyBytes));
        Assert.Equal((groupId, UserId), (leave.GroupId, leave.UserId));
        Assert.Empty(host.Emulator.GetGroup(groupId)!.MemberUserIds);
        await Assert.ThrowsAsync<InvalidOperationException>(() => citizen.SendGroupTextAsync(groupId, "Xin chào", Ct));
    }

    [Fact]
    public async Task A_button_message_is_refused_by_the_emulator_as_zalo_would_with_minus_233()
    {
        var (host, _) = await StartAsync();
        await using var _host = host;
        var groupId = host.Emulator.AddGroup(OaId, "Tổ an ninh ấp 3", [UserId]);

        // Past the SDK's own check, straight to the endpoint.
        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Connection.SendRawAsync(
            OaId,
            ZaloOA.Sdk.Internal.ZaloApiRequest.PostJsonBytes("groups.send", "v3.0/oa/group/message", Encoding.UTF8.GetBytes(ButtonsBody.Replace("GROUP", groupId, StringComparison.Ordinal))),
            Ct));

        Assert.Equal(ZaloErrorCode.MessageTypeNotSupported, ex.ErrorCode);
    }

    private const string ButtonsBody = """{"recipient":{"group_id":"GROUP"},"message":{"text":"Chọn","attachment":{"type":"template","payload":{"buttons":[{"title":"Gọi","type":"oa.open.phone","payload":{"phone_code":"113"}}]}}}}""";

    // Property names (sorted) with their value kinds, recursively: the same fields whatever their order.
    private static string Sorted(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Sorted(p.Value))) + "}",
        _ => element.ValueKind.ToString(),
    };
}
