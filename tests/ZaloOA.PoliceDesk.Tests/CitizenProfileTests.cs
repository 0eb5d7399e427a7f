using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Privacy;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.Sdk.Testing;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Issue 14, point 4: the citizen behind a case. The Zalo profile read off the webhook path and
/// cached, the request-information round trip through the outbox and a signed <c>user_submit_info</c>,
/// the citizen's other cases, blocking with its audit entry and scope, and erasure of the profile.
/// </summary>
public sealed partial class CitizenProfileTests : IDisposable
{
    private const string Officer = "canbo.tptravinh";
    private const string Oa = DeskFactory.OaTpTraVinh;
    private const string Citizen = DeskFactory.Citizen;
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> CaseAsync(DeskFactory desk, string text = "Có người lạ khả nghi ở đầu hẻm")
    {
        await desk.SendTextAsync(text);
        return await desk.DbAsync(db => db.Cases.Where(c => c.CitizenUserId == Citizen && c.ClosedAt == null).Select(c => c.Id).SingleAsync(Ct));
    }

    private static Task<int> ReadProfilesAsync(DeskFactory desk) =>
        desk.Services.GetRequiredService<CitizenProfileWorker>().ProcessDueAsync(Ct);

    private static Task<Citizen> CitizenRowAsync(DeskFactory desk, string user = Citizen) =>
        desk.DbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.OaId == Oa && c.UserId == user, Ct));

    /// <summary>Posts one of the case page's citizen forms (with the page's anti-forgery token).</summary>
    private static async Task<HttpResponseMessage> PostCitizenAsync(HttpClient client, int caseId, string handler, int? tokenCaseId = null)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{tokenCaseId ?? caseId}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync($"/Cases/{caseId}/Citizen?handler={handler}", form, Ct);
    }

    [Fact]
    public async Task Request_information_round_trip_puts_the_shared_phone_on_the_case()
    {
        using var desk = new DeskFactory(_state);
        var caseId = await CaseAsync(desk);
        await desk.SendQueuedAsync(); // the acknowledgement
        var officer = await desk.SignInAsync(Officer);

        using var response = await PostCitizenAsync(officer, caseId, "RequestInfo");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sent = (await desk.SentToAsync()).Last();
        var number = await desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(Ct));
        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"CITIZEN"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"request_user_info",
              "elements":[{"title":"Công an TP Trà Vinh","subtitle":"Chia sẻ số điện thoại để cán bộ liên hệ với bạn về phản ánh NUMBER."}]}}}}
            """.Replace("CITIZEN", Citizen, StringComparison.Ordinal).Replace("NUMBER", number, StringComparison.Ordinal),
            sent);

        // The citizen fills in Zalo's form: a signed user_submit_info reaches the webhook.
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(desk.Zalo.Events.UserSubmitInfo(Oa, Citizen, new EmulatedUserInfo { Phone = "84912345678" })));

        var citizen = await CitizenRowAsync(desk);
        Assert.Equal(("84912345678", "Nguyễn Văn An", "Số 1 Lê Duẩn, Phường Bến Nghé, Thành phố Hồ Chí Minh"), (citizen.SharedPhone, citizen.SharedName, citizen.SharedAddress));
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/Cases/{caseId}", Ct));
        Assert.Contains("<dt>Số điện thoại</dt><dd>84912345678</dd>", page, StringComparison.Ordinal);
        var actions = await desk.DbAsync(db => db.Audit.Where(a => a.CaseId == caseId && a.Action.StartsWith("citizen.")).OrderBy(a => a.Id).Select(a => new { a.Action, a.Detail }).ToListAsync(Ct));
        Assert.Equal([CitizenAuditActions.InfoRequested, CitizenAuditActions.InfoShared], actions.Select(a => a.Action));
        // The audit log says what was shared, never the values.
        Assert.DoesNotContain(actions, a => a.Detail?.Contains("912345678", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_webhook_does_not_read_the_profile_the_worker_does_and_caches_name_and_avatar()
    {
        using var desk = new DeskFactory(_state);
        var caseId = await CaseAsync(desk);

        var before = await CitizenRowAsync(desk);
        Assert.Equal((null, null, (DateTimeOffset?)_state.Time.GetUtcNow()), (before.DisplayName, before.Avatar, before.ProfileDueAt));

        Assert.Equal(1, await ReadProfilesAsync(desk));

        var after = await CitizenRowAsync(desk);
        Assert.Equal(("Nguyễn Văn An", "image/jpeg"), (after.DisplayName, after.AvatarContentType));
        Assert.Equal(_state.Media.Body, after.Avatar);
        Assert.Equal(_state.Time.GetUtcNow() + TimeSpan.FromDays(1), after.ProfileDueAt);
        // The avatar was fetched from the URL Zalo's user detail answered with (the emulator's), by the desk.
        Assert.Equal(desk.Zalo.BaseUrl.Authority, Assert.Single(_state.Media.RequestedUrls).Authority);
        var officer = await desk.SignInAsync(Officer);
        var dataUri = "data:image/jpeg;base64," + Convert.ToBase64String(_state.Media.Body);
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/Cases/{caseId}", Ct));
        Assert.Contains($"<img class=\"avatar\" src=\"{dataUri}\"", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Nguyễn Văn An</strong>", page, StringComparison.Ordinal);
        var inbox = WebUtility.HtmlDecode(await officer.GetStringAsync("/", Ct));
        Assert.Contains($"<img class=\"avatar small\" src=\"{dataUri}\" alt=\"\" width=\"24\" height=\"24\" />Nguyễn Văn An", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_is_read_again_only_once_older_than_the_refresh_age()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:Citizens:ProfileRefresh"] = "06:00:00" });
        await CaseAsync(desk);
        Assert.Equal(1, await ReadProfilesAsync(desk));
        desk.Zalo.AddFollower(Oa, Citizen, "Trần Thị Bình");

        _state.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await ReadProfilesAsync(desk));
        Assert.Equal("Nguyễn Văn An", (await CitizenRowAsync(desk)).DisplayName);

        _state.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await ReadProfilesAsync(desk));
        Assert.Equal("Trần Thị Bình", (await CitizenRowAsync(desk)).DisplayName);
    }

    [Fact]
    public async Task A_failed_profile_read_is_retried_with_back_off_and_then_after_the_refresh_age()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:Citizens:MaxProfileAttempts"] = "2" });
        await CaseAsync(desk);
        // Zalo does not know the user (user detail answers with an error).
        const string Stranger = "8000000000000000999";
        await desk.DbAsync(async db =>
        {
            db.Citizens.Add(new Citizen { OaId = Oa, UserId = Stranger, ProfileDueAt = _state.Time.GetUtcNow() });
            return await db.SaveChangesAsync(Ct);
        });
        await ReadProfilesAsync(desk);

        var failed = await CitizenRowAsync(desk, Stranger);
        Assert.Equal((1, (string?)null, (DateTimeOffset?)(_state.Time.GetUtcNow() + TimeSpan.FromSeconds(30))), (failed.ProfileAttempts, failed.DisplayName, failed.ProfileDueAt));

        _state.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await ReadProfilesAsync(desk));
        var gaveUp = await CitizenRowAsync(desk, Stranger);
        Assert.Equal((0, (DateTimeOffset?)(_state.Time.GetUtcNow() + TimeSpan.FromDays(1))), (gaveUp.ProfileAttempts, gaveUp.ProfileDueAt));
    }

    [Theory]
    [InlineData("https://s120-ava-talk.zadn.vn/a/b/avatar.jpg", null)]
    [InlineData("http://s120-ava-talk.zadn.vn/a/b/avatar.jpg", "not https")]
    [InlineData("https://evil.example/avatar.jpg", "host not on Desk:MediaHosts")]
    [InlineData("https://zadn.vn.evil.example/avatar.jpg", "host not on Desk:MediaHosts")]
    [InlineData("javascript:alert(1)", "not https")]
    [InlineData("/relative.jpg", "not https")] // a file: URI on Unix
    public void An_avatar_url_is_fetched_only_over_https_from_an_allowed_host(string url, string? refusal)
    {
        using var desk = new DeskFactory(_state);
        Assert.Equal(refusal, desk.Services.GetRequiredService<AvatarImage>().Refusal(url));
    }

    [Fact]
    public void An_avatar_that_is_not_an_image_is_not_kept()
    {
        Assert.Null(AvatarImage.Sniff("<svg onload=alert(1)>"u8));
        Assert.Equal("image/png", AvatarImage.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
    }

    [Fact]
    public async Task The_case_page_lists_the_same_citizens_other_cases_the_officer_may_read()
    {
        using var desk = new DeskFactory(_state);
        var first = await CaseAsync(desk, "Mất xe máy 0912 345 678");
        await desk.DbAsync(db => db.Cases.Where(c => c.Id == first).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Resolved).SetProperty(c => c.ClosedAt, _state.Time.GetUtcNow()), Ct));
        var second = await CaseAsync(desk, "Tiếng ồn ban đêm");
        // Another OA's case of a user with the same id is another citizen (ids are per OA).
        await desk.SendTextAsync("Ở OA khác", DeskFactory.OaCangLong);
        var numbers = await desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Number).ToListAsync(Ct));
        var officer = await desk.SignInAsync(Officer);

        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/Cases/{second}", Ct));

        var listed = EarlierCases().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([numbers[0]], listed);
        Assert.Contains(PersonalData.Mask("Mất xe máy 0912 345 678")!, page, StringComparison.Ordinal);
        Assert.DoesNotContain("0912 345 678", page, StringComparison.Ordinal);
        // Moved to another unit, the first case is outside the officer's scope and is not listed.
        var other = await desk.UnitIdAsync("CAH-CANGLONG");
        await desk.DbAsync(db => db.Cases.Where(c => c.Id == first).ExecuteUpdateAsync(s => s.SetProperty(c => c.UnitId, other), Ct));
        page = await officer.GetStringAsync($"/Cases/{second}", Ct);
        Assert.Empty(EarlierCases().Matches(page));
    }

    [GeneratedRegex("<ul class=\"earlier-cases\">\\s*<li><a href=\"/Cases/\\d+\">([^<]+)</a>")]
    private static partial Regex EarlierCases();

    [Fact]
    public async Task Blocking_is_audited_files_the_citizens_messages_and_holds_back_automatic_answers()
    {
        using var desk = new DeskFactory(_state);
        var caseId = await CaseAsync(desk);
        await desk.SendQueuedAsync();
        var sentBefore = desk.Zalo.SentMessages.Count;
        var officer = await desk.SignInAsync(Officer);

        using var response = await PostCitizenAsync(officer, caseId, "Block");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == CitizenAuditActions.Blocked, Ct));
        Assert.Equal((caseId, "Cán bộ Công an TP Trà Vinh"), (entry.CaseId, entry.ActorName));
        // A greeting would answer with the menu, and a new case with an acknowledgement: neither goes out.
        await desk.SendTextAsync("Xin chào");
        await desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Resolved).SetProperty(c => c.ClosedAt, _state.Time.GetUtcNow()), Ct));
        await desk.SendTextAsync("Tin rác lần nữa");
        Assert.Equal(0, await desk.SendQueuedAsync());
        Assert.Equal(sentBefore, desk.Zalo.SentMessages.Count);
        // Nothing is lost: the new message opened a case, marked in the inbox.
        Assert.True(await desk.DbAsync(db => db.Messages.AnyAsync(m => m.Text == "Tin rác lần nữa", Ct)));
        Assert.Contains("Đã chặn", WebUtility.HtmlDecode(await officer.GetStringAsync("/", Ct)), StringComparison.Ordinal);

        using var unblock = await PostCitizenAsync(officer, caseId, "Unblock");
        Assert.Equal(HttpStatusCode.Redirect, unblock.StatusCode);
        Assert.Null((await CitizenRowAsync(desk)).BlockedAt);
        Assert.True(await desk.DbAsync(db => db.Audit.AnyAsync(a => a.Action == CitizenAuditActions.Unblocked && a.CaseId == caseId, Ct)));
    }

    [Fact]
    public async Task An_officer_of_another_unit_cannot_block_the_citizen_of_a_case_they_cannot_read()
    {
        using var desk = new DeskFactory(_state);
        var caseId = await CaseAsync(desk);
        await desk.SendTextAsync("Phản ánh ở Càng Long", DeskFactory.OaCangLong, "8000000000000000555");
        var ownCase = await desk.DbAsync(db => db.Cases.Where(c => c.OaId == DeskFactory.OaCangLong).Select(c => c.Id).SingleAsync(Ct));
        var intruder = await desk.SignInAsync("canbo.canglong");

        // A valid anti-forgery token from a page the intruder can open, a case id they cannot read.
        using var block = await PostCitizenAsync(intruder, caseId, "Block", tokenCaseId: ownCase);
        using var request = await PostCitizenAsync(intruder, caseId, "RequestInfo", tokenCaseId: ownCase);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (block.StatusCode, request.StatusCode));
        Assert.Null((await CitizenRowAsync(desk)).BlockedAt);
        Assert.False(await desk.DbAsync(db => db.Audit.AnyAsync(a => a.Action.StartsWith("citizen.") && a.CaseId == caseId, Ct)));
        Assert.False(await desk.DbAsync(db => db.Outbox.AnyAsync(o => o.Content.Contains("request_user_info") || o.Content.Contains("requestInfo"), Ct)));
    }

    [Fact]
    public async Task Erasing_the_citizens_data_removes_the_profile_phone_and_avatar_and_the_export_held_them()
    {
        using var desk = new DeskFactory(_state);
        var caseId = await CaseAsync(desk);
        await ReadProfilesAsync(desk);
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(desk.Zalo.Events.UserSubmitInfo(Oa, Citizen)));
        var number = await desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(Ct));
        var admin = await desk.DbAsync(db => db.Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == "admin.tinh", Ct));
        var me = new DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path);

        await using var scope = desk.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<CitizenDataRequests>();
        var export = await requests.ExportAsync(me, number, Ct);
        Assert.Equal(("Nguyễn Văn An", true, "84912345678"), (export!.Value.Export.Profile!.DisplayName, export.Value.Export.Profile.HasAvatar, export.Value.Export.Profile.SharedPhone));

        var erased = await requests.EraseAsync(me, number, Ct);

        Assert.True(erased.Succeeded);
        Assert.False(await desk.DbAsync(db => db.Citizens.AnyAsync(Ct)));
    }
}
