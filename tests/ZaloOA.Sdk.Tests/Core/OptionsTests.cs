using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk;

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
    public void Missing_app_id_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o => o.SecretKey = "s");

        Assert.Contains("Zalo:AppId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_app_id_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.AppId = "my-app";
        });

        Assert.Contains("Zalo:AppId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("my-app", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_without_a_secret_key_fail_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            o.AppId = "1234567890123456789";
            o.Accounts.Add(new ZaloAccountOptions { OaId = "388613280878808645", RefreshToken = "rt" });
        });

        Assert.Contains("Zalo:SecretKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_account_oa_id_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.Accounts.Add(new ZaloAccountOptions { OaId = "police-unit", RefreshToken = "rt" });
        });

        Assert.Contains("Zalo:Accounts:0:OaId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_base_url_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.ApiBaseUrl = new Uri("/zalo/", UriKind.Relative);
        });

        Assert.Contains("Zalo:ApiBaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_url_without_a_trailing_slash_fails_at_start_up_naming_the_key()
    {
        var ex = StartFails(o =>
        {
            Valid(o);
            o.OAuthBaseUrl = new Uri("https://oauth.example.vn/zalo");
        });

        Assert.Contains("Zalo:OAuthBaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration_including_accounts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = "1234567890123456789",
            ["Zalo:SecretKey"] = "ExampleAppSecret0001",
            ["Zalo:RefreshBeforeExpiry"] = "02:00:00",
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
            ["Zalo:Accounts:0:OaId"] = "388613280878808645",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection("Zalo"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Zalo:SecretKey", ex.Message, StringComparison.Ordinal);
    }
}
