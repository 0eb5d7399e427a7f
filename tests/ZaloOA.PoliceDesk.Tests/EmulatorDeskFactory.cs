using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in emulator mode, as <c>dotnet run</c> starts it on a fresh clone: the real SDK against
/// the in-process <see cref="ZaloEmulator"/>, every unit linked to its emulated OA, webhooks signed
/// by the emulator and posted to <c>/zalo/webhook</c>. Own SQLite file and media folder; the fake
/// clock of <see cref="DeskState"/> drives the app and the emulator (unless <c>systemClock</c>).
/// Workers are off unless asked for; <see cref="SendQueuedAsync"/> and <see cref="DownloadMediaAsync"/>
/// run them once. With <c>kestrel</c> the app listens on a real loopback port (browser tests,
/// the simulator's webhook round trip).
/// </summary>
public sealed class EmulatorDeskFactory(DeskState state, bool workers = false, bool kestrel = false, bool systemClock = false, bool linkUnits = true)
    : WebApplicationFactory<Program>
{
    /// <summary>The demo citizen of these tests.</summary>
    public const string Citizen = "2468000000000000001";

    public EmulatorDeskFactory() : this(new DeskState())
    {
    }

    public DeskState State { get; } = state;

    public ZaloEmulator Emulator => Services.GetRequiredService<DeskEmulator>().Emulator;

    /// <summary>The emulated OA of Công an TP Trà Vinh (linked at start-up).</summary>
    public static string OaTpTraVinh => DeskEmulator.OaIdFor("CATP-TRAVINH");

    /// <summary>The emulated OA of Công an huyện Càng Long.</summary>
    public static string OaCangLong => DeskEmulator.OaIdFor("CAH-CANGLONG");

    /// <summary>Starts the host (and with <c>kestrel</c> the real server) and returns its address.</summary>
    public Uri Start()
    {
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.TrimEnd('/') + "/");
            // CreateClient's clients talk to the real port.
            ClientOptions.BaseAddress = baseAddress;
            return baseAddress;
        }

        _ = Services;
        return new Uri("http://localhost/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Read by Program.cs while it registers services (before Build), so they go in as host
        // settings: WebApplicationFactory applies ConfigureAppConfiguration only at Build.
        builder.UseSetting("Zalo:AppId", "");
        builder.UseSetting("Zalo:Emulator:Enabled", "true");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(State.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(State.Root, "media"),
            ["Desk:SeedDemoUsers"] = "true",
            ["Desk:Workers:Enabled"] = workers ? "true" : "false",
            ["Desk:Workers:PollInterval"] = "00:00:01",
            ["Zalo:AppId"] = "",
            ["Zalo:Emulator:Enabled"] = "true",
            ["Zalo:Emulator:LinkUnits"] = linkUnits ? "true" : "false",
        }));
        builder.ConfigureTestServices(services =>
        {
            if (!systemClock)
            {
                services.AddSingleton<TimeProvider>(State.Time);
            }

            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>Posts a signed emulator event to <c>/zalo/webhook</c> through the test server.</summary>
    public async Task<HttpStatusCode> DeliverAsync(EmulatedWebhook webhookEvent)
    {
        using var client = CreateClient();
        return await Emulator.PostWebhookAsync(client, new Uri("/zalo/webhook", UriKind.Relative), webhookEvent, TestContext.Current.CancellationToken);
    }

    /// <summary>Makes the demo citizen a follower of the OA (the emulator refuses sends to others with -213).</summary>
    public void Follow(string oaId, string userId = Citizen) => Emulator.AddFollower(oaId, userId, "Nguyễn Văn An", State.Time.GetUtcNow());

    /// <summary>Runs the outbox's sender until nothing is due (as its worker would) and returns how many rows it handled.</summary>
    public Task<int> SendQueuedAsync() => Services.GetRequiredService<OutboxWorker>().SendAllDueAsync();

    /// <summary>Runs the media downloader once.</summary>
    public Task<int> DownloadMediaAsync() =>
        Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(TestContext.Current.CancellationToken);

    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    public Task<int> UnitIdAsync(string code) => DbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    /// <summary>A client with a cookie jar that does not follow redirects. On Kestrel the factory's
    /// clients follow redirects whatever the options say, so a plain one is made there.</summary>
    public HttpClient CreateManualClient() => kestrel
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = ClientOptions.BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as a seeded account (through the real login form).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = TraVinhSeed.DemoPassword)
    {
        var client = CreateManualClient();
        (await DeskFactory.LogInAsync(client, userName, password)).Dispose();
        return client;
    }
}
