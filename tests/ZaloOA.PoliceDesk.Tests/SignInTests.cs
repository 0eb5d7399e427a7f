using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 5 of the trust-boundaries issue, through the real sign-in form: failures lock a name (known
/// or not) and an address for a while, an unknown name gets the same answer and the same password
/// check as a known one, and failed and locked attempts are on the administrators' audit page.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private const string Officer = "canbo.tptravinh";
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Locked = StaffSignIn.LockedOut(TimeSpan.FromMinutes(15));

    /// <summary>Posts the login form; returns the status and the page's error message (null on success).</summary>
    private static async Task<(HttpStatusCode Status, string? Error)> AttemptAsync(HttpClient client, string userName, string password, string? from = null)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = form };
        if (from is not null)
        {
            request.Headers.Add(DeskFactory.ClientAddressHeader, from);
        }

        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var error = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"flash error\">([^<]*)</div>");
        return (response.StatusCode, error.Success ? System.Net.WebUtility.HtmlDecode(error.Groups[1].Value) : null);
    }

    private static HttpClient Client(DeskFactory desk) => desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_is_refused_until_the_window_passes()
    {
        using var desk = new DeskFactory(_state);
        using var client = Client(desk);

        var failures = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add((await AttemptAsync(client, Officer, "sai-mat-khau-" + i)).Error);
        }

        var lockedOut = await AttemptAsync(client, Officer, TraVinhSeed.DemoPassword);
        _state.Time.Advance(TimeSpan.FromMinutes(15));
        var later = await AttemptAsync(client, Officer, TraVinhSeed.DemoPassword);

        Assert.All(failures, e => Assert.Equal(StaffSignIn.WrongCredentials, e));
        Assert.Equal((HttpStatusCode.OK, Locked), lockedOut);
        Assert.Equal((HttpStatusCode.Redirect, (string?)null), later);
        var actions = await desk.DbAsync(db => db.Audit.Where(a => a.ActorName == Officer || a.ActorName == "Cán bộ Công an TP Trà Vinh")
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([.. Enumerable.Repeat(AuditActions.SignInFailed, 5), AuditActions.SignInLocked, AuditActions.SignedIn], actions);
    }

    [Fact]
    public async Task An_unknown_name_gets_exactly_the_answers_a_known_name_gets()
    {
        using var desk = new DeskFactory(_state);
        using var client = Client(desk);

        var known = new List<(HttpStatusCode, string?)>();
        var unknown = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 6; i++)
        {
            known.Add(await AttemptAsync(client, Officer, "sai-" + i));
            unknown.Add(await AttemptAsync(client, "khong.ton.tai", "sai-" + i));
        }

        Assert.Equal(known, unknown);
        Assert.Equal(Locked, unknown[5].Item2);
    }

    [Fact]
    public async Task An_unknown_name_costs_one_password_check_like_a_known_name()
    {
        var hasher = new CountingHasher();
        using var desk = new DeskFactory(_state);
        using var counted = desk.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher)));
        using var client = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _ = counted.Services.GetRequiredService<DummyPasswordHash>().Hash; // made once per process, at the first unknown name

        var before = hasher.Verifications;
        var knownAnswer = await AttemptAsync(client, Officer, "sai-mat-khau");
        var afterKnown = hasher.Verifications;
        var unknownAnswer = await AttemptAsync(client, "khong.ton.tai", "sai-mat-khau");
        var afterUnknown = hasher.Verifications;
        int deactivated;
        await using (var scope = counted.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            deactivated = await db.Staff.Where(s => s.UserName == "canbo.canglong").ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false), Ct);
        }

        var inactiveAnswer = await AttemptAsync(client, "canbo.canglong", TraVinhSeed.DemoPassword);

        Assert.Equal((1, 1, 1), (afterKnown - before, afterUnknown - afterKnown, hasher.Verifications - afterUnknown));
        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Equal(knownAnswer, inactiveAnswer);
        Assert.Equal(1, deactivated);
    }

    [Fact]
    public async Task Failures_from_one_address_block_that_address_but_not_others()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:SignIn:MaxFailuresPerAddress"] = "3" });
        using var client = Client(desk);
        for (var i = 0; i < 3; i++)
        {
            await AttemptAsync(client, "ten.thu." + i, "sai", from: "203.0.113.9");
        }

        var fromAttacker = await AttemptAsync(client, Officer, TraVinhSeed.DemoPassword, from: "203.0.113.9");
        var fromElsewhere = await AttemptAsync(client, Officer, TraVinhSeed.DemoPassword, from: "198.51.100.20");

        Assert.Equal((HttpStatusCode.OK, Locked), fromAttacker);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.Status);
        var locked = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == AuditActions.SignInLocked));
        Assert.Equal(("203.0.113.9", "Địa chỉ bị tạm khóa"), (locked.RemoteAddress, locked.Detail));
    }

    [Fact]
    public async Task A_successful_sign_in_clears_the_names_failures()
    {
        using var desk = new DeskFactory(_state);
        using var client = Client(desk);
        for (var i = 0; i < 4; i++)
        {
            await AttemptAsync(client, Officer, "sai-" + i);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await AttemptAsync(client, Officer, TraVinhSeed.DemoPassword)).Status);
        _state.Time.Advance(TimeSpan.FromSeconds(1));
        var afterOneMoreFailure = await AttemptAsync(Client(desk), Officer, "sai-5");

        Assert.Equal(StaffSignIn.WrongCredentials, afterOneMoreFailure.Error);
    }

    [Fact]
    public async Task Failed_and_locked_sign_ins_are_on_the_administrators_audit_page()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:SignIn:MaxFailuresPerAccount"] = "1" });
        using var client = Client(desk);
        await AttemptAsync(client, Officer, "sai", from: "203.0.113.7");
        await AttemptAsync(client, Officer, "sai", from: "203.0.113.7");
        await AttemptAsync(client, "ke.la", "sai", from: "203.0.113.8");
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var officer = await desk.SignInAsync("canbo.canglong");

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit?kind=signin", Ct));
        using var forbidden = await officer.GetAsync("/Audit?kind=signin", Ct);

        Assert.Contains($"<td>{Officer}</td><td>Đăng nhập thất bại</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{Officer}</td><td>Đăng nhập bị chặn (tạm khóa)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>ke.la</td><td>Đăng nhập thất bại</td>", page, StringComparison.Ordinal);
        Assert.Contains("203.0.113.8", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    /// <summary>The real hasher, counting verifications.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
