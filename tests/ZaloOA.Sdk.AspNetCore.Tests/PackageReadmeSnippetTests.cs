using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The consent endpoints and health check code of ZaloOA.Sdk.AspNetCore's package README
/// (src/ZaloOA.Sdk.AspNetCore/README.md), compiled and run. (Its bot is tests/ZaloOA.ReadmeBot.)
/// The README blocks must appear here line for line (PackageReadmeTests checks).</summary>
public class PackageReadmeSnippetTests
{
    [Fact]
    public async Task The_consent_endpoints_send_zalo_the_mapped_callback_and_the_health_check_is_registered()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
        });

        // --- README (ZaloOA.Sdk.AspNetCore): the consent endpoints ---
        builder.Services.AddZaloOA(builder.Configuration.GetSection("Zalo"))
            .AddOAuthEndpoints(o =>
            {
                o.SuccessRedirect = "/oa/connected";           // ?oa_id=<id> appended
                o.ErrorRedirect = "/oa/connected";             // ?error=<code> appended
            });
        // --- end ---
        // --- README (ZaloOA.Sdk.AspNetCore): health check ---
        builder.Services.AddHealthChecks().AddZaloTokenHealthCheck();
        // --- end ---
        // --- README (ZaloOA.Sdk.AspNetCore): the consent endpoints ---
        var app = builder.Build();
        app.MapZaloOAuthStart("/zalo/oauth/start");
        app.MapZaloOAuthCallback("/zalo/oauth/callback");
        // --- end ---
        await app.StartAsync(TestContext.Current.CancellationToken);
        await using var _ = app;

        var response = await app.GetTestClient().GetAsync("/zalo/oauth/start", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(
            "https://oauth.zaloapp.com/v4/oa/permission?app_id=1234567890123456789&redirect_uri=" + Uri.EscapeDataString("http://localhost/zalo/oauth/callback") + "&code_challenge=",
            response.Headers.Location!.AbsoluteUri,
            StringComparison.Ordinal);
        Assert.Contains(
            app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == "zalo-tokens");
    }
}
