using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 6 of the trust-boundaries issue: a session is checked against the staff record, so
/// deactivation, a role change and a unit change end the person's open sessions at once on the
/// instance that made the change, and within <c>Desk:SessionCheckInterval</c> on the others.
/// </summary>
public sealed class SessionTests : IDisposable
{
    private const string Officer = "canbo.tptravinh";
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/", Ct);
        return response.StatusCode;
    }

    /// <summary>The administrator saves the officer's row on the real staff page.</summary>
    internal static async Task<HttpResponseMessage> ChangeStaffAsync(HttpClient admin, int staffId, string role, int unitId, bool active)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(admin, "/Staff");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["staffId"] = staffId.ToString(CultureInfo.InvariantCulture),
            ["role"] = role,
            ["unitId"] = unitId.ToString(CultureInfo.InvariantCulture),
            ["active"] = active ? "true" : "false",
            ["__RequestVerificationToken"] = token,
        });
        return await admin.PostAsync("/Staff", form, Ct);
    }

    private static Task<StaffUser> StaffAsync(DeskFactory desk, string userName) =>
        desk.DbAsync(db => db.Staff.AsNoTracking().SingleAsync(s => s.UserName == userName));

    [Theory]
    [InlineData("deactivated")]
    [InlineData("role")]
    [InlineData("unit")]
    public async Task A_change_to_the_account_refuses_its_existing_cookie_on_the_next_request(string change)
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync(Officer);
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var before = await InboxAsync(officer);
        var staff = await StaffAsync(desk, Officer);
        var otherUnit = await desk.UnitIdAsync("CAH-CANGLONG");

        using var saved = change switch
        {
            "deactivated" => await ChangeStaffAsync(admin, staff.Id, nameof(StaffRole.UnitOfficer), staff.UnitId, active: false),
            "role" => await ChangeStaffAsync(admin, staff.Id, nameof(StaffRole.Administrator), staff.UnitId, active: true),
            _ => await ChangeStaffAsync(admin, staff.Id, nameof(StaffRole.UnitOfficer), otherUnit, active: true),
        };
        using var after = await officer.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var entry = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == AuditActions.StaffUpdated));
        Assert.StartsWith(Officer + ": ", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_promoted_officer_signs_in_again_with_the_new_role()
    {
        using var desk = new DeskFactory(_state);
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var staff = await StaffAsync(desk, Officer);
        (await ChangeStaffAsync(admin, staff.Id, nameof(StaffRole.Administrator), staff.UnitId, active: true)).Dispose();

        var again = await desk.SignInAsync(Officer);
        using var audit = await again.GetAsync("/Audit", Ct);

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task A_change_made_by_another_instance_applies_within_the_check_interval()
    {
        // Two hosts on one database: B remembers the officer's stamp, A deactivates the officer.
        using var a = new DeskFactory(_state);
        using var b = new DeskFactory(_state);
        var officerOnB = await b.SignInAsync(Officer);
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(officerOnB));
        var admin = await a.SignInAsync(TraVinhSeed.AdminUserName);
        var staff = await StaffAsync(a, Officer);
        (await ChangeStaffAsync(admin, staff.Id, nameof(StaffRole.UnitOfficer), staff.UnitId, active: false)).Dispose();

        var withinInterval = await InboxAsync(officerOnB);
        _state.Time.Advance(TimeSpan.FromMinutes(1));
        var afterInterval = await InboxAsync(officerOnB);

        Assert.Equal(HttpStatusCode.OK, withinInterval);
        Assert.Equal(HttpStatusCode.Redirect, afterInterval);
    }

    [Fact]
    public async Task A_deactivation_written_straight_to_the_database_also_ends_the_session_within_the_interval()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync(Officer);
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(officer));
        await desk.DbAsync(db => db.Staff.Where(s => s.UserName == Officer).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false)));

        _state.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Redirect, await InboxAsync(officer));
    }

    [Fact]
    public async Task An_administrator_cannot_lock_or_demote_their_own_account()
    {
        using var desk = new DeskFactory(_state);
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var me = await StaffAsync(desk, TraVinhSeed.AdminUserName);

        (await ChangeStaffAsync(admin, me.Id, nameof(StaffRole.UnitOfficer), me.UnitId, active: false)).Dispose();

        var after = await StaffAsync(desk, TraVinhSeed.AdminUserName);
        Assert.Equal((StaffRole.Administrator, true, me.SecurityStamp), (after.Role, after.IsActive, after.SecurityStamp));
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(admin));
    }

    [Fact]
    public async Task An_officer_cannot_open_the_staff_page_or_change_an_account()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync(Officer);
        var other = await StaffAsync(desk, "canbo.canglong");

        using var page = await officer.GetAsync("/Staff", Ct);
        var token = await DeskFactory.AntiforgeryTokenAsync(officer, "/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["staffId"] = other.Id.ToString(CultureInfo.InvariantCulture), ["role"] = "Administrator",
            ["unitId"] = other.UnitId.ToString(CultureInfo.InvariantCulture), ["active"] = "true", ["__RequestVerificationToken"] = token,
        });
        using var post = await officer.PostAsync("/Staff", form, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, post.StatusCode));
        Assert.Equal(StaffRole.UnitOfficer, (await StaffAsync(desk, "canbo.canglong")).Role);
    }
}
