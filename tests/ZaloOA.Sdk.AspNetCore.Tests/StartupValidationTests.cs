using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>Start-up validation of a whole web app (SDK, webhooks, endpoint, OAuth endpoints):
/// every problem is reported when the host starts, once, naming what to set.</summary>
public class StartupValidationTests
{
    [Fact]
    public async Task A_misconfigured_app_reports_every_problem_once_when_the_host_starts()
    {
        var error = await Assert.ThrowsAsync<AggregateException>(() => StartAsync(
            new Dictionary<string, string?>
            {
                ["Zalo:AttemptTimeout"] = "00:00:00",
            },
            zalo => zalo
                .AddWebhooks(o => o.ProcessingLease = TimeSpan.FromDays(2))
                .AddWebhookReceiver(o => (o.MaxConcurrency, o.QueueCapacity) = (8, 4))
                .AddOAuthEndpoints(o => o.CookieLifetime = TimeSpan.FromHours(2))));

        Assert.Equal(
            [
                "Zalo:AppId is required: set it to the numeric app id from developers.zalo.me.",
                "Zalo:AttemptTimeout is 00:00:00; it must be between 00:00:01 and 00:10:00 (default 00:00:30).",
                "Zalo:SecretKey is required: the OAuth endpoints (AddOAuthEndpoints) exchange the consent's code with it. Set it to the app secret from developers.zalo.me (not the OA secret key).",
                "Zalo:Webhooks:ProcessingLease is 2.00:00:00; it must be between 00:00:01 and 1.00:00:00 (default 00:10:00).",
                "Zalo:Webhooks:DeduplicationWindow (1.00:00:00) must be at least Zalo:Webhooks:ProcessingLease (2.00:00:00): a handled event must be remembered at least as long as one being handled.",
                "Zalo:OaSecretKey is required to verify webhooks: set it to the OA secret key from the app's Webhook settings (not the app secret), or list apps in Zalo:Webhooks:Apps. Without it every webhook would be rejected.",
                "ZaloWebhookReceiverOptions.MaxConcurrency (8) must not exceed ZaloWebhookReceiverOptions.QueueCapacity (4) (AddWebhookReceiver): lower MaxConcurrency or raise QueueCapacity.",
                "ZaloOAuthEndpointOptions.CookieLifetime (AddOAuthEndpoints) is 02:00:00; it must be between 00:01:00 and 01:00:00 (default 00:15:00).",
            ],
            error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
    }

    [Fact]
    public async Task A_missing_app_id_is_reported_once_though_webhooks_fall_back_on_it()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["Zalo:OaSecretKey"] = ZaloTestHost.OaSecretKey },
            zalo => zalo.AddWebhookReceiver()));

        Assert.Equal(["Zalo:AppId is required: set it to the numeric app id from developers.zalo.me."], error.Failures);
    }

    [Fact]
    public async Task The_oauth_endpoints_require_the_app_secret()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["Zalo:AppId"] = ZaloTestHost.AppId },
            zalo => zalo.AddOAuthEndpoints()));

        Assert.Equal(
            ["Zalo:SecretKey is required: the OAuth endpoints (AddOAuthEndpoints) exchange the consent's code with it. Set it to the app secret from developers.zalo.me (not the OA secret key)."],
            error.Failures);
    }

    [Fact]
    public async Task A_webhook_only_app_starts_without_the_app_secret()
    {
        await using var app = await StartAsync(
            new Dictionary<string, string?> { ["Zalo:AppId"] = ZaloTestHost.AppId, ["Zalo:OaSecretKey"] = ZaloTestHost.OaSecretKey },
            zalo => zalo.AddWebhookReceiver());

        Assert.Null(app.Services.GetRequiredService<IOptions<ZaloOAOptions>>().Value.SecretKey);
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings, Action<ZaloOABuilder> zalo)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        zalo(builder.Services.AddZaloOA(builder.Configuration.GetSection("Zalo")));
        var app = builder.Build();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
