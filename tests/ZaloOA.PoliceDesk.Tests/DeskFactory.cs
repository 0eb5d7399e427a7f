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
using ZaloOA.PoliceDesk.Channel;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in test mode (Development, no Zalo app, no emulator: replies go to the in-memory
/// channel, no webhook) on a TestServer with its own SQLite file and media folder in a temp
/// directory, a fake clock and a stub for Zalo's media CDN. Workers are off unless asked for; tests
/// drive them with <c>ProcessDueAsync</c>. A second factory over the same <see cref="DeskState"/> is
/// a restart. <paramref name="settings"/> adds or overrides configuration; a request's
/// <see cref="ClientAddressHeader"/> sets its client address (TestServer has none).
/// </summary>
public sealed partial class DeskFactory(DeskState state, bool workers = false, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The request header the test server turns into the connection's remote address.</summary>
    public const string ClientAddressHeader = TestClientAddress.Header;

    public const string OaTpTraVinh = "1111111111111111111";
    public const string OaCangLong = "2222222222222222222";
    public const string OaProvince = "3333333333333333333";

    public DeskFactory() : this(new DeskState())
    {
    }

    public DeskState State { get; } = state;

    public InMemoryCitizenChannel Channel => Services.GetRequiredService<InMemoryCitizenChannel>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Read by Program.cs while it registers services (before Build), so they go in as host
        // settings: WebApplicationFactory applies ConfigureAppConfiguration only at Build.
        builder.UseSetting("Zalo:AppId", "");
        builder.UseSetting("Zalo:Emulator:Enabled", "false");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(State.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(State.Root, "media"),
            ["Desk:SeedDemoUsers"] = "true",
            ["Desk:Workers:Enabled"] = workers ? "true" : "false",
            ["Zalo:AppId"] = "",
            // Test mode: the in-memory channel these tests inspect, no emulator.
            ["Zalo:Emulator:Enabled"] = "false",
            ["Zalo:Accounts:0:OaId"] = OaTpTraVinh,
            ["Zalo:Accounts:0:UnitCode"] = "CATP-TRAVINH",
            ["Zalo:Accounts:1:OaId"] = OaCangLong,
            ["Zalo:Accounts:1:UnitCode"] = "CAH-CANGLONG",
            ["Zalo:Accounts:2:OaId"] = OaProvince,
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

    public async Task<IntakeResult> RecordAsync(InboundCitizenMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().RecordInboundAsync(message, TestContext.Current.CancellationToken);
    }

    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

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
