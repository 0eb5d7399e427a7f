using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Groups;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Testing;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// A unit's Zalo group chats against the emulator (each unit's OA has two groups at start-up):
/// linking groups Zalo lists for the unit's OA, warnings broadcast to linked groups with each
/// group's result in Vietnamese, the audit trail, and the form's unit and group ids attacked.
/// </summary>
public sealed class GroupTests : IDisposable
{
    private const string TpTraVinh = "CATP-TRAVINH";
    private const string DuyenHai = "CATX-DUYENHAI";

    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public GroupTests() => _desk = new EmulatorDeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Group(string unitCode, int n) => DeskEmulator.GroupIdFor(unitCode, n);

    private Task<int> UnitIdAsync(string code) => _desk.DbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", await DeskFactory.AntiforgeryTokenAsync(client, "/Groups")) };
        pairs.AddRange(fields);
        using var form = new FormUrlEncodedContent(pairs);
        return await client.PostAsync("/Groups?handler=" + handler, form, Ct);
    }

    private async Task<HttpResponseMessage> LinkAsync(HttpClient client, string unitCode, string groupId) =>
        await PostAsync(client, "Link", [new("unitId", (await UnitIdAsync(unitCode)).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("groupId", groupId)]);

    private async Task<HttpResponseMessage> BroadcastAsync(HttpClient client, string unitCode, IEnumerable<string> groupIds, string body = "Đối tượng giả danh công an gọi điện, yêu cầu chuyển tiền vào tài khoản \"tạm giữ\". Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.", string kind = "ScamAlert", string? imageUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Warning.UnitId", (await UnitIdAsync(unitCode)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Warning.Kind", kind),
            new("Warning.Title", "Giả danh công an gọi điện"),
            new("Warning.Body", body),
        };
        if (imageUrl is not null)
        {
            fields.Add(new("Warning.ImageUrl", imageUrl));
        }

        fields.AddRange(groupIds.Select(id => new KeyValuePair<string, string>("Warning.GroupIds", id)));
        return await PostAsync(client, "Broadcast", fields);
    }

    private async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location, Ct);
    }

    private async Task<HttpClient> LinkedAsync(string userName, string unitCode, params int[] groups)
    {
        var client = await _desk.SignInAsync(userName);
        foreach (var n in groups)
        {
            using var linked = await LinkAsync(client, unitCode, Group(unitCode, n));
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        return client;
    }

    [Fact]
    public async Task The_news_page_leads_to_the_group_warnings()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync("/News", Ct);

        Assert.Contains("<a href=\"/Groups\">Gửi cảnh báo tới nhóm Zalo</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_links_a_group_its_oa_manages_and_the_link_is_audited()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var listed = await client.GetStringAsync("/Groups", Ct);

        using var response = await LinkAsync(client, TpTraVinh, Group(TpTraVinh, 1));

        Assert.Contains("Tổ an ninh tự quản – Công an TP Trà Vinh", listed, StringComparison.Ordinal);
        Assert.Contains("Trưởng ấp, khu phố – Công an TP Trà Vinh", listed, StringComparison.Ordinal);
        var page = await FollowAsync(client, response);
        Assert.Contains("Đã liên kết nhóm &quot;Tổ an ninh tự quản – Công an TP Trà Vinh&quot; với Công an TP Trà Vinh.", page, StringComparison.Ordinal);
        var unitId = await UnitIdAsync(TpTraVinh);
        var link = await _desk.DbAsync(db => db.GroupLinks.SingleAsync());
        Assert.Equal((unitId, EmulatorDeskFactory.OaTpTraVinh, Group(TpTraVinh, 1), "Tổ an ninh tự quản – Công an TP Trà Vinh"), (link.UnitId, link.OaId, link.GroupId, link.Name));
        var entry = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == GroupAuditActions.Linked));
        Assert.Equal((unitId, "Cán bộ Công an TP Trà Vinh", $"Nhóm \"Tổ an ninh tự quản – Công an TP Trà Vinh\" ({Group(TpTraVinh, 1)})"), (entry.UnitId, entry.ActorName, entry.Detail));
    }

    [Fact]
    public async Task Linking_a_group_of_another_units_oa_is_refused_and_stores_nothing()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        // The form's group id is a claim: Duyên Hải's group is not among the groups Zalo lists for TP Trà Vinh's OA.
        using var foreignGroup = await LinkAsync(client, TpTraVinh, Group(DuyenHai, 1));
        // And the unit id too: Duyên Hải is outside the officer's scope.
        using var foreignUnit = await LinkAsync(client, DuyenHai, Group(DuyenHai, 1));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (foreignGroup.StatusCode, foreignUnit.StatusCode));
        Assert.Empty(await _desk.DbAsync(db => db.GroupLinks.ToListAsync()));
        Assert.Empty(await _desk.DbAsync(db => db.Audit.Where(a => a.Action == GroupAuditActions.Linked).ToListAsync()));
    }

    [Fact]
    public async Task A_warning_to_two_groups_with_one_disabled_shows_each_result_in_vietnamese()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1, 2);
        _desk.Emulator.DisableGroup(Group(TpTraVinh, 2));

        using var response = await BroadcastAsync(client, TpTraVinh, [Group(TpTraVinh, 1), Group(TpTraVinh, 2)]);

        var page = await FollowAsync(client, response);
        Assert.Contains("Đã gửi cảnh báo tới 1/2 nhóm Zalo.", page, StringComparison.Ordinal);
        Assert.Contains("<td>Tổ an ninh tự quản – Công an TP Trà Vinh</td>", page, StringComparison.Ordinal);
        Assert.Contains("Đã gửi", page, StringComparison.Ordinal);
        Assert.Contains("Nhóm bị vô hiệu (-237)", page, StringComparison.Ordinal);
        Assert.Contains("Nhóm đang bị vô hiệu vì gói nhóm (GMF) của OA đã hết hạn (mã -237). Gia hạn gói trên Zalo OA rồi gửi lại.", page, StringComparison.Ordinal);
        var post = Assert.Single(_desk.Emulator.SentMessages);
        Assert.Equal((EmulatedMessageKind.Group, Group(TpTraVinh, 1), EmulatorDeskFactory.OaTpTraVinh), (post.Kind, post.GroupId, post.OaId));
        WireMockExtensions.AssertJsonEqual(
            "{\"recipient\":{\"group_id\":\"" + Group(TpTraVinh, 1) + "\"},\"message\":{\"text\":\"⚠️ CẢNH BÁO LỪA ĐẢO: Giả danh công an gọi điện\\n\\nĐối tượng giả danh công an gọi điện, yêu cầu chuyển tiền vào tài khoản \\\"tạm giữ\\\". Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.\\n\\n— Công an TP Trà Vinh · ĐT 0294 3852 207\"}}",
            post.RequestJson);
        var entry = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == GroupAuditActions.Broadcast));
        Assert.Equal(
            "Cảnh báo lừa đảo \"Giả danh công an gọi điện\" tới 2 nhóm — \"Tổ an ninh tự quản – Công an TP Trà Vinh\": Đã gửi; \"Trưởng ấp, khu phố – Công an TP Trà Vinh\": Nhóm bị vô hiệu (-237)",
            entry.Detail);
        Assert.Equal(await UnitIdAsync(TpTraVinh), entry.UnitId);
    }

    [Fact]
    public async Task Reloading_the_result_page_does_not_send_the_warning_again()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);
        using var response = await BroadcastAsync(client, TpTraVinh, [Group(TpTraVinh, 1)]);
        await FollowAsync(client, response);

        var reloaded = await client.GetStringAsync(response.Headers.Location, Ct);

        Assert.Single(_desk.Emulator.SentMessages);
        Assert.DoesNotContain("Kết quả gửi cảnh báo", reloaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_the_oa_was_taken_out_of_reports_not_in_group()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);
        _desk.Emulator.RemoveOaFromGroup(Group(TpTraVinh, 1));

        using var response = await BroadcastAsync(client, TpTraVinh, [Group(TpTraVinh, 1)]);

        var page = await FollowAsync(client, response);
        Assert.Contains("OA không còn trong nhóm (-403)", page, StringComparison.Ordinal);
        Assert.Contains("Zalo OA của đơn vị không còn trong nhóm này (mã -403).", page, StringComparison.Ordinal);
        Assert.Empty(_desk.Emulator.SentMessages);
    }

    [Fact]
    public async Task An_officer_of_another_unit_cannot_broadcast_to_a_group_not_linked_to_their_unit()
    {
        await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);
        var other = await LinkedAsync("canbo.txduyenhai", DuyenHai, 1);

        // Their own unit with TP Trà Vinh's group id in the form, then TP Trà Vinh's unit id itself.
        using var foreignGroup = await BroadcastAsync(other, DuyenHai, [Group(DuyenHai, 1), Group(TpTraVinh, 1)]);
        using var foreignUnit = await BroadcastAsync(other, TpTraVinh, [Group(TpTraVinh, 1)]);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (foreignGroup.StatusCode, foreignUnit.StatusCode));
        Assert.Empty(_desk.Emulator.SentMessages);
        Assert.Empty(await _desk.DbAsync(db => db.Audit.Where(a => a.Action == GroupAuditActions.Broadcast).ToListAsync()));
    }

    [Fact]
    public async Task A_missing_person_alert_with_a_picture_is_posted_as_the_image_with_the_text_as_caption()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);

        using var response = await BroadcastAsync(client, TpTraVinh, [Group(TpTraVinh, 1)], body: "Cháu Nguyễn Văn Tí, 8 tuổi, mặc áo xanh.", kind: "MissingPerson", imageUrl: "https://tiepnhan.example.vn/chau-ti.jpg");

        await FollowAsync(client, response);
        var post = Assert.Single(_desk.Emulator.SentMessages);
        WireMockExtensions.AssertJsonEqual(
            "{\"recipient\":{\"group_id\":\"" + Group(TpTraVinh, 1) + "\"},\"message\":{\"text\":\"🔎 TÌM NGƯỜI MẤT TÍCH: Giả danh công an gọi điện\\n\\nCháu Nguyễn Văn Tí, 8 tuổi, mặc áo xanh.\\n\\n— Công an TP Trà Vinh · ĐT 0294 3852 207\","
            + "\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"media\",\"elements\":[{\"media_type\":\"image\",\"url\":\"https://tiepnhan.example.vn/chau-ti.jpg\"}]}}}}",
            post.RequestJson);
    }

    [Fact]
    public async Task A_warning_longer_than_zalo_allows_is_refused_before_anything_is_sent()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);

        using var response = await BroadcastAsync(client, TpTraVinh, [Group(TpTraVinh, 1)], body: new string('a', 1990));

        var page = await FollowAsync(client, response);
        Assert.Contains("Zalo cho phép tối đa 2000. Hãy rút gọn nội dung.", page, StringComparison.Ordinal);
        Assert.Empty(_desk.Emulator.SentMessages);
        Assert.Empty(await _desk.DbAsync(db => db.Audit.Where(a => a.Action == GroupAuditActions.Broadcast).ToListAsync()));
    }

    [Fact]
    public async Task Unlinking_a_group_removes_it_from_the_warning_form_and_is_audited()
    {
        var client = await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);
        var linkId = await _desk.DbAsync(db => db.GroupLinks.Select(l => l.Id).SingleAsync());

        using var response = await PostAsync(client, "Unlink", [new("unitId", (await UnitIdAsync(TpTraVinh)).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("linkId", linkId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        var page = await FollowAsync(client, response);
        Assert.Contains("Đã bỏ liên kết nhóm &quot;Tổ an ninh tự quản – Công an TP Trà Vinh&quot;.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Warning.GroupIds\"", page, StringComparison.Ordinal);
        Assert.Empty(await _desk.DbAsync(db => db.GroupLinks.ToListAsync()));
        Assert.Single(await _desk.DbAsync(db => db.Audit.Where(a => a.Action == GroupAuditActions.Unlinked).ToListAsync()));
    }

    [Fact]
    public async Task An_officer_of_another_unit_cannot_unlink_a_group()
    {
        await LinkedAsync("canbo.tptravinh", TpTraVinh, 1);
        var other = await _desk.SignInAsync("canbo.txduyenhai");
        var linkId = await _desk.DbAsync(db => db.GroupLinks.Select(l => l.Id).SingleAsync());

        using var response = await PostAsync(other, "Unlink", [new("unitId", "0"), new("linkId", linkId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await _desk.DbAsync(db => db.GroupLinks.ToListAsync()));
    }
}
