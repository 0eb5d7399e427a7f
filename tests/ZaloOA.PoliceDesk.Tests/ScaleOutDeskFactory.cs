using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in Zalo mode as one instance of a deployment: the SDK with the real webhook endpoint
/// (signatures checked with <see cref="ZaloTestHost"/>'s app id and OA secret key), OA
/// <see cref="OaId"/> linked to Công an TP Trà Vinh by configuration, storage and Redis given by the
/// caller exactly as an operator would configure them (<c>Storage:Provider</c>,
/// <c>ConnectionStrings:PoliceDesk</c>, <c>Redis:Configuration</c>). Workers are off (nothing calls
/// Zalo); system clock. With <c>kestrel</c> it listens on a loopback port.
/// </summary>
public sealed class ScaleOutDeskFactory(IReadOnlyDictionary<string, string?> settings, bool kestrel = false) : WebApplicationFactory<Program>
{
    /// <summary>The OA the webhooks are addressed to.</summary>
    public const string OaId = "6100000000000000001";

    /// <summary>The administrator created at first start (Desk:BootstrapAdmin).</summary>
    public const string AdminUser = "quantri";

    /// <summary>Their password.</summary>
    public const string AdminPassword = "ScaleOut@2026";

    /// <summary>Starts the host (Kestrel when asked) and returns the webhook's address.</summary>
    public Uri Start()
    {
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.TrimEnd('/') + "/zalo/webhook");
        }

        _ = Services;
        return new Uri("http://localhost/zalo/webhook");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Desk:SeedDemoUsers"] = "false",
            ["Desk:BootstrapAdmin:UserName"] = AdminUser,
            ["Desk:BootstrapAdmin:Password"] = AdminPassword,
            ["Desk:Workers:Enabled"] = "false",
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
            ["Zalo:OaSecretKey"] = ZaloTestHost.OaSecretKey,
            // Never reached: workers are off and intake does not call Zalo.
            ["Zalo:ApiBaseUrl"] = "http://127.0.0.1:9/",
            ["Zalo:OAuthBaseUrl"] = "http://127.0.0.1:9/",
            ["Zalo:Accounts:0:OaId"] = OaId,
            ["Zalo:Accounts:0:UnitCode"] = "CATP-TRAVINH",
            ["Zalo:Accounts:0:RefreshToken"] = "unused-refresh-token",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // Host settings: Program.cs reads the Zalo and Redis keys while it registers services.
        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new TestClientAddress());
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>Posts a signed webhook body and returns the status.</summary>
    public async Task<HttpStatusCode> DeliverAsync(byte[] body)
    {
        using var client = CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = content };
        request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, WebhookSigner.Sign(body));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    /// <summary>A signed-able <c>user_send_image</c> body whose attachment URL is <paramref name="url"/>, stamped now.</summary>
    public static byte[] ImageEvent(string msgId, string citizen, string url) =>
        System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"app_id":"{{{ZaloTestHost.AppId}}}","sender":{"id":"{{{citizen}}}"},"user_id_by_app":"{{{citizen}}}","recipient":{"id":"{{{OaId}}}"},"event_name":"user_send_image","message":{"msg_id":"{{{msgId}}}","text":"","attachments":[{"type":"image","payload":{"url":"{{{url}}}","thumbnail":"{{{url}}}"}}]},"timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"}""");

    /// <summary>A signed-able <c>user_send_text</c> body from a citizen to <see cref="OaId"/>, stamped now.</summary>
    public static byte[] TextEvent(string msgId, string citizen, string text = "Nhà tôi bị mất trộm xe máy") =>
        System.Text.Encoding.UTF8.GetBytes(
            $$"""{"app_id":"{{ZaloTestHost.AppId}}","sender":{"id":"{{citizen}}"},"user_id_by_app":"{{citizen}}","recipient":{"id":"{{OaId}}"},"event_name":"user_send_text","message":{"text":"{{text}}","msg_id":"{{msgId}}"},"timestamp":"{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}"}""");
}

/// <summary>A PostgreSQL database of its own for one test (created by the app, dropped at the end).</summary>
public sealed class TestPostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    public TestPostgresDatabase()
    {
        _server = RequiredServer.Postgres();
        Name = "desk_" + Guid.NewGuid().ToString("N")[..16];
        // A bounded pool, as a deployment would set: both instances of a test share it (one process,
        // one connection string), and parallel tests stay below the server's max_connections.
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name, MaxPoolSize = 20 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
