using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Tests.Messaging;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

/// <summary>The code of ZaloOA.Sdk's package README (src/ZaloOA.Sdk/README.md) and of the root
/// README's token-status lines (README.md, docs/oauth.md), compiled and run against WireMock standing in for Zalo. The README
/// blocks must appear here line for line (PackageReadmeTests in ZaloOA.Sdk.Testing.Tests checks).</summary>
public class PackageReadmeSnippetTests
{
    private const string OaId = "388613280878808645";
    private const string UserId = "2468458835296197922";
    private const string SentBody = """{"error":0,"message":"Success","data":{"message_id":"m-1","user_id":"2468458835296197922"}}""";

    [Fact]
    public async Task The_quick_start_refreshes_the_configured_account_and_sends_a_text()
    {
        await using var zalo = new ZaloTestHost(seedToken: false);
        zalo.StubTokenEndpoint();
        zalo.RespondBody("/v3.0/oa/message/cs", SentBody);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
            ["Zalo:Accounts:0:OaId"] = OaId,
            ["Zalo:Accounts:0:RefreshToken"] = "configured-refresh-token",
            ["Zalo:ApiBaseUrl"] = zalo.Server.Url,
            ["Zalo:OAuthBaseUrl"] = zalo.Server.Url,
        }).Build();

        var sent = await QuickStart(configuration, UserId);

        Assert.Equal("m-1", sent.MessageId);
        Assert.Equal(ZaloTestHost.NewAccessToken, zalo.Server.SingleRequestTo("/v3.0/oa/message/cs").Headers!["access_token"][0]);
        Assert.Contains("refresh_token=configured-refresh-token", Assert.Single(zalo.TokenRequests).RequestMessage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_consumer_runs_the_handler_once_across_a_redelivery()
    {
        await using var zalo = new ZaloTestHost(configureServices: s => new ZaloOABuilder(s).AddWebhooks().AddWebhookHandler<UserSendTextEvent, ReplyHandler>());
        zalo.RespondBody("/v3.0/oa/message/cs", SentBody);
        var body = WebhookSigner.StampedAt(Fixtures.Bytes("Webhooks", "user_send_text"), zalo.Time.GetUtcNow());
        var consumer = (
            zalo.Services.GetRequiredService<ZaloWebhookVerifier>(),
            zalo.Services.GetRequiredService<ZaloWebhookDeduplicator>(),
            zalo.Services.GetRequiredService<ZaloWebhookDispatcher>());

        await ConsumeAsync(consumer, body, WebhookSigner.Sign(body), TestContext.Current.CancellationToken);
        await ConsumeAsync(consumer, body, WebhookSigner.Sign(body), TestContext.Current.CancellationToken);
        await ConsumeAsync(consumer, body, "mac=forged", TestContext.Current.CancellationToken);

        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Đã nhận: Xin chào"}}""",
            zalo.Server.SingleRequestTo("/v3.0/oa/message/cs").Body);
    }

    [Fact]
    public async Task A_handler_test_with_the_model_factory_sends_the_reply()
    {
        await using var zalo = new ZaloTestHost();
        zalo.RespondBody("/v3.0/oa/message/cs", SentBody);
        var clients = zalo.Services.GetRequiredService<IZaloOAClientFactory>();

        // --- README (ZaloOA.Sdk): testing your handlers ---
        var handler = new ReplyHandler(clients);
        var e = ZaloWebhookModelFactory.UserSendText("388613280878808645", "2468458835296197922", "Xin chào");
        await handler.HandleAsync(e, TestContext.Current.CancellationToken);
        // --- end ---

        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Đã nhận: Xin chào"}}""",
            zalo.Server.SingleRequestTo("/v3.0/oa/message/cs").Body);
    }

    [Fact]
    public async Task The_root_readme_token_status_line_reads_the_state()
    {
        await using var zalo = new ZaloTestHost();

        var state = await TokenStatus(zalo.Tokens, OaId);

        Assert.Equal(ZaloTokenState.Valid, state);
    }

    private static async Task<ZaloSendResult> QuickStart(IConfiguration configuration, string userId)
    {
        // --- README (ZaloOA.Sdk): Quick start ---
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));   // validated when the host starts
        await using var provider = services.BuildServiceProvider();

        ZaloOAClient oa = provider.GetRequiredService<IZaloOAClientFactory>().GetClient("388613280878808645");
        ZaloSendResult sent = await oa.Messages.SendTextAsync(userId, "Xin chào! Công an phường đã nhận tin của bạn.");
        // --- end ---
        return sent;
    }

    private static async Task ConsumeAsync(
        (ZaloWebhookVerifier Verifier, ZaloWebhookDeduplicator Deduplicator, ZaloWebhookDispatcher Dispatcher) consumer,
        ReadOnlyMemory<byte> body,
        string? signatureHeader,
        CancellationToken ct)
    {
        var (verifier, deduplicator, dispatcher) = consumer;
        // --- README (ZaloOA.Sdk and docs/webhooks.md): webhooks without a web server ---
        var result = verifier.VerifyAndParse(body, signatureHeader, out var e);   // one pass; e is null unless Valid
        if (e is null) { /* refuse: result.Status says why (Mismatch, Stale, MalformedBody, ...) */ return; }
        await deduplicator.ProcessAsync(e, dispatcher.DispatchAsync, ct);         // once across redeliveries
        // --- end ---
    }

    private static async Task<ZaloTokenState> TokenStatus(IZaloTokenManager tokens, string oaId)
    {
        // --- README (root): token status ---
        ZaloTokenStatus status = await tokens.GetStatusAsync(oaId);   // no call to Zalo
        // status.State: Missing, Valid, RefreshDue, Refreshing or ReauthorizationRequired
        // --- end ---
        return status.State;
    }

    // --- README (ZaloOA.Sdk): the handler ---
    sealed class ReplyHandler(IZaloOAClientFactory clients) : IZaloWebhookHandler<UserSendTextEvent>
    {
        public Task HandleAsync(UserSendTextEvent e, CancellationToken ct) =>
            clients.GetClient(e.OaId).Messages.SendTextAsync(e.UserId, "Đã nhận: " + e.Text, ct);
    }
    // --- end ---
}
