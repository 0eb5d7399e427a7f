using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in emulator mode on a TestServer: the SDK wired to the in-process <see cref="ZaloEmulator"/>
/// (on the test's fake clock), the citizen menu on the SDK's router, signed webhooks posted through
/// the test client to <c>/zalo/webhook</c>. Workers are off, so the only messages the emulator
/// records are the menu's replies (intake's acknowledgements wait in the outbox).
/// </summary>
public sealed class CitizenDeskFactory(DeskState state, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string OaTpTraVinh = DeskFactory.OaTpTraVinh;
    public const string OaProvince = DeskFactory.OaProvince;
    public const string Citizen = "8000000000000000777";

    private HttpClient? _webhookClient;

    public DeskState State { get; } = state;

    /// <summary>Phường 1's emulated OA (linked automatically at start-up).</summary>
    public static string OaPhuong1 => DeskEmulator.OaIdFor("CAP1-TPTRAVINH");

    public ZaloEmulator Zalo => Services.GetRequiredService<DeskEmulator>().Emulator;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Emulator mode, said explicitly (read by Program.cs while it registers services, so host settings).
        builder.UseSetting("Zalo:AppId", "");
        builder.UseSetting("Zalo:Emulator:Enabled", "true");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(State.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(State.Root, "media"),
            ["Desk:SeedDemoUsers"] = "true",
            ["Desk:Workers:Enabled"] = "false",
            ["Zalo:AppId"] = "",
            ["Zalo:Emulator:Enabled"] = "true",
            ["Zalo:Accounts:0:OaId"] = DeskFactory.OaTpTraVinh,
            ["Zalo:Accounts:0:UnitCode"] = "CATP-TRAVINH",
            ["Zalo:Accounts:1:OaId"] = DeskFactory.OaProvince,
            ["CitizenServices:PublicBaseUrl"] = "https://tiepnhan.example.vn/",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(State.Time);
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>A citizen of <paramref name="oaId"/> sends <paramref name="text"/> as a signed <c>user_send_text</c> webhook.</summary>
    public async Task SendTextAsync(string text, string oaId = OaTpTraVinh, string user = Citizen)
    {
        EnsureFollower(oaId, user);
        var status = await Zalo.PostWebhookAsync(WebhookClient, new Uri("/zalo/webhook", UriKind.Relative), Zalo.Events.UserSendText(oaId, user, text), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>A user follows <paramref name="oaId"/> (signed <c>follow</c> webhook).</summary>
    public async Task FollowAsync(string oaId = OaTpTraVinh, string user = Citizen)
    {
        _ = WebhookClient; // Starts the host (and the emulator) before the emulator is used.
        var status = await Zalo.PostWebhookAsync(WebhookClient, new Uri("/zalo/webhook", UriKind.Relative), Zalo.Events.Follow(oaId, user), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The bodies the app sent to <paramref name="user"/>, oldest first.</summary>
    public List<string> SentTo(string user = Citizen) =>
        [.. Zalo.SentMessages.Where(m => m.UserId == user).Select(m => m.RequestJson)];

    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    /// <summary>A client signed in as a seeded account.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(client, userName)).Dispose();
        return client;
    }

    private HttpClient WebhookClient => _webhookClient ??= CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private void EnsureFollower(string oaId, string user)
    {
        _ = WebhookClient;
        if (Zalo.GetFollower(oaId, user) is not { IsFollower: true })
        {
            Zalo.AddFollower(oaId, user, "Nguyễn Văn An");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _webhookClient?.Dispose();
        }

        base.Dispose(disposing);
    }
}
