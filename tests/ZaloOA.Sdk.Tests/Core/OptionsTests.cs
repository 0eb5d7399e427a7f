using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

public class OptionsTests
{
    private static void Valid(ZaloOAOptions o)
    {
        o.AppId = "1234567890123456789";
        o.SecretKey = "ExampleAppSecret0001";
    }

    /// <summary>Builds the provider and runs the start-up validation a host runs.</summary>
    private static OptionsValidationException StartFails(Action<ZaloOAOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddZaloOA(configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Valid_options_pass_start_up_validation()
    {
        var services = new ServiceCollection();
        services.AddZaloOA(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<IZaloOAClientFactory>().GetClient("388613280878808645"));
    }

    [Fact]
    public void Missing_app_id_fails_at_start_up_with_one_message_naming_the_key()
    {
        var ex = StartFails(o => o.SecretKey = "s");

        Assert.Equal(["Zalo:AppId is required: set it to the numeric app id from developers.zalo.me."], ex.Failures);
    }

    [Fact]
    public void Non_numeric_app_id_fails_at_start_up_naming_the_key_and_the_value()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.AppId = "my-app";
        });

        Assert.Equal(["Zalo:AppId \"my-app\" must be the numeric app id from developers.zalo.me (digits only)."], ex.Failures);
    }

    [Fact]
    public void Accounts_with_refresh_tokens_and_no_secret_key_fail_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            o.AppId = "1234567890123456789";
            o.Accounts.Add(new ZaloAccountOptions { OaId = "388613280878808645", RefreshToken = "rt" });
        });

        Assert.Equal(
            ["Zalo:SecretKey is required: Zalo:Accounts lists refresh tokens, and Zalo's token endpoint needs the app secret to use them. Set it to the app secret from developers.zalo.me (not the OA secret key)."],
            ex.Failures);
    }

    [Fact]
    public void Without_refresh_tokens_to_spend_the_secret_key_is_not_required()
    {
        var services = new ServiceCollection();
        services.AddZaloOA(o =>
        {
            o.AppId = "1234567890123456789";
            o.Accounts.Add(new ZaloAccountOptions { OaId = "388613280878808645" });
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Non_numeric_account_oa_id_fails_at_start_up_naming_the_key_with_its_index()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.Accounts.Add(new ZaloAccountOptions { OaId = "388613280878808645", RefreshToken = "rt-0" });
            o.Accounts.Add(new ZaloAccountOptions { OaId = "police-unit", RefreshToken = "rt-1" });
        });

        Assert.Equal(["Zalo:Accounts:1:OaId \"police-unit\" must be the numeric id of the Official Account (digits only)."], ex.Failures);
    }

    [Fact]
    public void Relative_base_url_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.ApiBaseUrl = new Uri("/zalo/", UriKind.Relative);
        });

        Assert.Equal(["Zalo:ApiBaseUrl \"/zalo/\" must be an absolute http(s) URL such as https://openapi.zalo.me/."], ex.Failures);
    }

    [Theory]
    [InlineData("https://oauth.example.vn/zalo", "https://oauth.example.vn/zalo/")]
    [InlineData("https://oauth.example.vn/zalo/", "https://oauth.example.vn/zalo/")]
    [InlineData("https://oauth.example.vn", "https://oauth.example.vn/")]
    public void A_base_url_is_accepted_with_or_without_a_trailing_slash(string configured, string used)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:OAuthBaseUrl"] = configured,
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(used, provider.GetRequiredService<IOptions<ZaloOAOptions>>().Value.OAuthBaseUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Calls_resolve_under_a_base_url_given_without_a_trailing_slash()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/zalo/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"m-1","user_id":"2468458835296197922"}}"""));
        // The server's address is known only once the host runs: set the base on the live options.
        host.Services.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>().CurrentValue.ApiBaseUrl = new Uri(host.Server.Url + "/zalo");

        var sent = await host.Client.Messages.SendTextAsync("2468458835296197922", "Xin chào", TestContext.Current.CancellationToken);

        Assert.Equal("m-1", sent.MessageId);
        Assert.Single(host.Server.RequestsTo("/zalo/v3.0/oa/message/cs"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_in_one_message()
    {
        var ex = StartFails(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(20);
            o.TotalTimeout = TimeSpan.FromMinutes(15);
            o.MaxReadRetries = 11;
            o.CircuitBreaker.FailureRatio = 0;
            o.Accounts.Add(new ZaloAccountOptions { OaId = "", RefreshToken = "rt" });
        });

        Assert.Equal(
            [
                "Zalo:AppId is required: set it to the numeric app id from developers.zalo.me.",
                "Zalo:AttemptTimeout is 00:20:00; it must be between 00:00:01 and 00:10:00 (default 00:00:30).",
                "Zalo:MaxReadRetries is 11; it must be between 0 and 10 (default 3).",
                "Zalo:CircuitBreaker:FailureRatio is 0; it must be between 0.01 and 1 (default 0.5).",
                "Zalo:Accounts:0:OaId is required: the numeric id of the Official Account.",
                "Zalo:TotalTimeout (00:15:00) must be at least Zalo:AttemptTimeout (00:20:00): raise Zalo:TotalTimeout or lower Zalo:AttemptTimeout.",
                "Zalo:SecretKey is required: Zalo:Accounts lists refresh tokens, and Zalo's token endpoint needs the app secret to use them. Set it to the app secret from developers.zalo.me (not the OA secret key).",
            ],
            ex.Failures);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_TimeProvider_registered_in_DI_is_the_SDK_clock_for_token_expiry(bool registeredBeforeAddZaloOA)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        if (registeredBeforeAddZaloOA)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddZaloOA(Valid);
        if (!registeredBeforeAddZaloOA)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        await using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<IZaloTokenManager>();
        await tokens.SaveAuthorizationAsync("388613280878808645", new ZaloTokenResponse { AccessToken = "a", RefreshToken = "r", ExpiresInSeconds = 90_000 }, TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var status = await tokens.GetStatusAsync("388613280878808645", TestContext.Current.CancellationToken);

        Assert.Equal(ZaloTokenState.RefreshDue, status.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), status.AccessTokenExpiresAt);
    }

    [Fact]
    public void Options_bind_from_configuration_including_accounts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:SecretKey"] = "ExampleAppSecret0001",
            ["Zalo:RefreshBeforeExpiry"] = "02:00:00",
            ["Zalo:RefreshSpread"] = "00:30:00",
            ["Zalo:MaxTokenRefreshesPerSecond"] = "3",
            ["Zalo:MaxRequestsPerSecondPerOA"] = "8",
            ["Zalo:UsePkce"] = "false",
            ["Zalo:Accounts:0:OaId"] = "388613280878808645",
            ["Zalo:Accounts:0:RefreshToken"] = "rt-0",
            ["Zalo:Accounts:1:OaId"] = "1423847451268726170",
            ["Zalo:Accounts:1:RefreshToken"] = "rt-1",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection(ZaloOAOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<ZaloOAOptions>>().Value;

        Assert.Equal("1234567890123456789", options.AppId);
        Assert.Equal(TimeSpan.FromHours(2), options.RefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromMinutes(30), options.RefreshSpread);
        Assert.Equal(3, options.MaxTokenRefreshesPerSecond);
        Assert.Equal(8, options.MaxRequestsPerSecondPerOA);
        Assert.False(options.UsePkce);
        Assert.Equal(["388613280878808645", "1423847451268726170"], options.Accounts.Select(a => a.OaId));
        Assert.Equal(["rt-0", "rt-1"], options.Accounts.Select(a => a.RefreshToken!));
    }

    [Fact]
    public void Invalid_configuration_value_fails_at_start_up_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:CircuitBreaker:BreakDuration"] = "2.00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Zalo:CircuitBreaker:BreakDuration is 2.00:00:00; it must be between 00:00:00.5 and 1.00:00:00 (default 00:00:30)."], ex.Failures);
    }

    [Fact]
    public void Refresh_spread_over_twelve_hours_fails_at_start_up_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:RefreshSpread"] = "13:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Zalo:RefreshSpread is 13:00:00; it must be between 00:00:00 and 12:00:00 (default 01:00:00)."], ex.Failures);
    }

    [Fact]
    public void Zero_token_refreshes_per_second_fails_at_start_up_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:MaxTokenRefreshesPerSecond"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Zalo:MaxTokenRefreshesPerSecond is 0; it must be between 1 and 1000 (default 10)."], ex.Failures);
    }
}
