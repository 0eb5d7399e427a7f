using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in emulator mode on a TestServer: the SDK wired to the in-process <see cref="ZaloEmulator"/>
/// (on the test's fake clock), OAs <see cref="OaTpTraVinh"/>, <see cref="OaCangLong"/> and
/// <see cref="OaProvince"/> linked by configuration, the citizen menu on the SDK's router, signed
/// webhooks posted through the test client to <c>/zalo/webhook</c>, its own SQLite file and media
/// folder in a temp directory and a stub for Zalo's media CDN. Workers are off unless asked for:
/// every message to a citizen waits in the outbox until a test runs it (<see cref="SendQueuedAsync"/>,
/// <see cref="SentToAsync"/>). A second factory over the same <see cref="DeskState"/> is a restart,
/// or a second instance. <paramref name="settings"/> adds or overrides configuration; a request's
/// <see cref="ClientAddressHeader"/> sets its client address (TestServer has none).
/// </summary>
public sealed partial class DeskFactory(DeskState state, bool workers = false, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The request header the test server turns into the connection's remote address.</summary>
    public const string ClientAddressHeader = TestClientAddress.Header;

    public const string OaTpTraVinh = "1111111111111111111";
    public const string OaCangLong = "2222222222222222222";
    public const string OaProvince = "3333333333333333333";

    /// <summary>The demo citizen of the webhook helpers.</summary>
    public const string Citizen = "8000000000000000777";

    private HttpClient? _webhookClient;

    public DeskFactory() : this(new DeskState())
    {
    }

    public DeskState State { get; } = state;

    /// <summary>Phường 1's emulated OA (linked automatically at start-up).</summary>
    public static string OaPhuong1 => DeskEmulator.OaIdFor("CAP1-TPTRAVINH");

    /// <summary>This instance's emulated Zalo.</summary>
    public ZaloEmulator Zalo => Services.GetRequiredService<DeskEmulator>().Emulator;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Read by Program.cs while it registers services (before Build), so they go in as host
        // settings: WebApplicationFactory applies ConfigureAppConfiguration only at Build.
        builder.UseSetting("Zalo:AppId", "");
        builder.UseSetting("Zalo:Emulator:Enabled", "true");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(State.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(State.Root, "media"),
            ["Desk:SeedDemoUsers"] = "true",
            ["Desk:Workers:Enabled"] = workers ? "true" : "false",
            ["Zalo:AppId"] = "",
            ["Zalo:Emulator:Enabled"] = "true",
            ["Zalo:Accounts:0:OaId"] = OaTpTraVinh,
            ["Zalo:Accounts:0:UnitCode"] = "CATP-TRAVINH",
            ["Zalo:Accounts:1:OaId"] = OaCangLong,
            ["Zalo:Accounts:1:UnitCode"] = "CAH-CANGLONG",
            ["Zalo:Accounts:2:OaId"] = OaProvince,
            ["CitizenServices:PublicBaseUrl"] = "https://tiepnhan.example.vn/",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new TestClientAddress());
            services.AddSingleton<TimeProvider>(State.Time);
            // Hashing stays real (PBKDF2), only cheaper, so each test host starts quickly.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.AddHttpClient(MediaDownloadWorker.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => State.Media);
        });
    }

    /// <summary>A citizen of <paramref name="oaId"/> (a follower) sends <paramref name="text"/> as a
    /// signed <c>user_send_text</c> webhook, which must answer 200.</summary>
    public async Task SendTextAsync(string text, string oaId = OaTpTraVinh, string user = Citizen)
    {
        EnsureFollower(oaId, user);
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Zalo.Events.UserSendText(oaId, user, text)));
    }

    /// <summary>A user follows <paramref name="oaId"/> (signed <c>follow</c> webhook), which must answer 200.</summary>
    public async Task FollowAsync(string oaId = OaTpTraVinh, string user = Citizen) =>
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Zalo.Events.Follow(oaId, user)));

    /// <summary>Posts a signed emulator event to <c>/zalo/webhook</c> and returns the answer's status.</summary>
    public Task<HttpStatusCode> DeliverAsync(EmulatedWebhook webhookEvent) =>
        Zalo.PostWebhookAsync(WebhookClient, new Uri("/zalo/webhook", UriKind.Relative), webhookEvent, TestContext.Current.CancellationToken);

    /// <summary>Runs the outbox's sender until nothing is due (as its worker would) and returns how many rows it handled.</summary>
    public Task<int> SendQueuedAsync() => Services.GetRequiredService<OutboxWorker>().SendAllDueAsync();

    /// <summary>Sends what the outbox holds, then returns the <c>message.text</c> of each message Zalo accepted for <paramref name="user"/>, oldest first.</summary>
    public async Task<List<string?>> TextsSentToAsync(string user = Citizen)
    {
        await SendQueuedAsync();
        return [.. Zalo.SentMessages.Where(m => m.UserId == user).Select(m => m.Text)];
    }

    /// <summary>Sends what the outbox holds, then returns the bodies Zalo accepted for <paramref name="user"/>, oldest first.</summary>
    public async Task<List<string>> SentToAsync(string user = Citizen)
    {
        await SendQueuedAsync();
        return [.. Zalo.SentMessages.Where(m => m.UserId == user).Select(m => m.RequestJson)];
    }

    /// <summary>Records a message through intake directly (no webhook); its sender becomes a follower in the emulator.</summary>
    public async Task<IntakeResult> RecordAsync(InboundCitizenMessage message)
    {
        EnsureFollower(message.OaId, message.CitizenUserId);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().RecordInboundAsync(message, TestContext.Current.CancellationToken);
    }

    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    /// <summary>Puts a national root above Trà Vinh and a second province (with one commune) beside it;
    /// returns the ids of the root, the second province and its commune.</summary>
    public async Task<(int Root, int Other, int OtherCommune)> AddNationalRootAsync() => await DbAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        var national = new UnitLevel { Code = "tw", Name = "Trung ương", Depth = 0 };
        var province = await db.UnitLevels.SingleAsync(l => l.Code == UnitLevel.ProvinceCode, ct);
        var commune = await db.UnitLevels.OrderByDescending(l => l.Depth).FirstAsync(ct);
        var root = new Unit { Code = "TW-MAU", Name = "Bộ Công an (mẫu)", Level = national, Path = "/" };
        db.Units.Add(root);
        await db.SaveChangesAsync(ct);
        await db.Units.Where(u => u.Id != root.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Path, u => "/" + root.Id + u.Path), ct);
        await db.Units.Where(u => u.Code == TraVinhSeed.ProvinceCode).ExecuteUpdateAsync(s => s.SetProperty(u => u.ParentId, root.Id), ct);
        root.Path = $"/{root.Id}/";
        var other = new Unit { Code = "CAT-M02", Name = "Công an tỉnh mẫu 02 (tên giả định)", LevelId = province.Id, ParentId = root.Id, Path = "" };
        db.Units.Add(other);
        await db.SaveChangesAsync(ct);
        other.Path = $"{root.Path}{other.Id}/";
        var otherCommune = new Unit { Code = "CAX-M02-001", Name = "Công an xã mẫu 02-001 (tên giả định)", LevelId = commune.Id, ParentId = other.Id, Path = "" };
        db.Units.Add(otherCommune);
        await db.SaveChangesAsync(ct);
        otherCommune.Path = $"{other.Path}{otherCommune.Id}/";
        await db.SaveChangesAsync(ct);
        return (root.Id, other.Id, otherCommune.Id);
    });

    /// <summary>An administrator of the unit (no staff row: the user as the desk's pages see it).</summary>
    public Task<DeskUser> AdministratorOfAsync(int unitId) => DbAsync(async db =>
    {
        var unit = await db.Units.SingleAsync(u => u.Id == unitId, TestContext.Current.CancellationToken);
        return new DeskUser(90000 + unitId, "admin." + unit.Code, "Quản trị " + unit.Name, StaffRole.Administrator, unit.Id, unit.Path);
    });

    public Task<int> UnitIdAsync(string code) => DbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    public InboundCitizenMessage Text(string msgId, string text, string oaId = OaTpTraVinh, string user = "8000000000000000001") => new()
    {
        OaId = oaId,
        CitizenUserId = user,
        MsgId = msgId,
        Kind = MessageKind.Text,
        Text = text,
        ReceivedAt = State.Time.GetUtcNow(),
    };

    /// <summary>A client signed in as a seeded account (through the real login form).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = TraVinhSeed.DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await LogInAsync(client, userName, password)).Dispose();
        return client;
    }

    /// <summary>Posts the real login form (with its anti-forgery token) on <paramref name="client"/>,
    /// asserts the redirect that means success, and returns that response (its cookie).</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string userName, string password = TraVinhSeed.DemoPassword)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync("/Account/Login", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No anti-forgery token on {path}.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private HttpClient WebhookClient => _webhookClient ??= CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Makes <paramref name="user"/> a follower of <paramref name="oaId"/> in the emulator
    /// (Zalo refuses messages to anyone else with -213), interacting now.</summary>
    public void EnsureFollower(string oaId, string user)
    {
        _ = WebhookClient; // Starts the host (and the emulator) first.
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

/// <summary>Sets the connection's remote address from <see cref="Header"/> (TestServer gives requests
/// none), ahead of the app's own middleware, so per-address rules and trusted proxies can be tested.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>What survives a restart: the temp folder (database, media), the clock and the media stub.</summary>
public sealed class DeskState : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("policedesk-test-").FullName;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    public StubMediaHandler Media { get; } = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Stands in for Zalo's media CDN: answers every GET with the configured bytes.</summary>
public sealed class StubMediaHandler : HttpMessageHandler
{
    private int _requests;

    public byte[] Body { get; set; } = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    public string ContentType { get; set; } = "image/jpeg";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>With a 3xx <see cref="Status"/>: where the redirect points.</summary>
    public Uri? Location { get; set; }

    public int Requests => _requests;

    /// <summary>The URLs asked for, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Uri> RequestedUrls { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        RequestedUrls.Enqueue(request.RequestUri!);
        var response = new HttpResponseMessage(Status) { Content = new ByteArrayContent(Body) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
        response.Headers.Location = Location;
        return Task.FromResult(response);
    }
}

/// <summary>Test helpers for the outbox's worker.</summary>
internal static class OutboxWorkerExtensions
{
    /// <summary>Runs <paramref name="worker"/> until nothing is due, as its loop would, and returns how many rows it handled.</summary>
    public static async Task<int> SendAllDueAsync(this OutboxWorker worker)
    {
        var total = 0;
        for (int handled; (handled = await worker.ProcessDueAsync(TestContext.Current.CancellationToken)) > 0;)
        {
            total += handled;
        }

        return total;
    }
}

/// <summary>Test helpers for the statistics' daily table (workers are off in tests).</summary>
internal static class StatisticsTestExtensions
{
    /// <summary>Runs the statistics worker's passes until nothing is queued; returns the days rebuilt.</summary>
    public static async Task<int> UpdateStatisticsAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Statistics.StatisticsAggregator>().UpdateAllAsync(TestContext.Current.CancellationToken);
    }
}
