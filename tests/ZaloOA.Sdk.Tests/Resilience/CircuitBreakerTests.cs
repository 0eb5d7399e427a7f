using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Tests.Core;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Resilience;

/// <summary>One circuit breaker per OA: a unit whose OA keeps failing fails fast alone.</summary>
public class CircuitBreakerTests
{
    private const string FailingOa = ZaloTestHost.OaId;
    private const string FailingToken = ZaloTestHost.AccessToken;
    private const string HealthyOa = "1423847451268726170";
    private const string HealthyToken = "healthy-access-token";
    private const string Ok = """{"error":0,"message":"Success","data":{"message_id":"m1"}}""";

    /// <summary>A host whose resilience pipeline runs on <paramref name="clock"/> (so a break can be
    /// stepped through), with a breaker that opens after 4 calls at half failures, and both OAs seeded.</summary>
    private static async Task<ZaloTestHost> HostAsync(FakeTimeProvider? clock, Action<ZaloOAOptions>? more = null)
    {
        var host = new ZaloTestHost(
            o =>
            {
                o.MaxReadRetries = 0;
                o.CircuitBreaker.MinimumThroughput = 4;
                o.CircuitBreaker.FailureRatio = 0.5;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(1);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
                more?.Invoke(o);
            },
            services =>
            {
                if (clock is not null)
                {
                    services.AddKeyedSingleton<TimeProvider>(ZaloApiConnection.ResilienceClockKey, clock);
                }
            });
        await host.SeedAsync(HealthyOa, HealthyToken, "healthy-refresh", TimeSpan.FromHours(25));
        return host;
    }

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    private static void SendAnswers(ZaloTestHost host, string token, int status, string body) =>
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath).WithHeader("access_token", token))
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    private static int SentWith(ZaloTestHost host, string token) =>
        host.Server.RequestsTo(ApiCalls.SendPath).Count(e => e.AccessTokenHeader() == token);

    /// <summary>Makes the failing OA's calls fail with 503 until its circuit opens.</summary>
    private static async Task OpenFailingCircuitAsync(ZaloTestHost host)
    {
        SendAnswers(host, FailingToken, 503, "<html>Service Unavailable</html>");
        for (var i = 0; i < 4; i++)
        {
            var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync(FailingOa));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.HttpStatus);
        }
    }

    [Fact]
    public async Task Failing_oa_fails_fast_once_its_circuit_opens_and_sends_nothing_more()
    {
        await using var host = await HostAsync(NewClock());
        await OpenFailingCircuitAsync(host);

        var ex = await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync(FailingOa));

        Assert.Equal(FailingOa, ex.OaId);
        Assert.Equal("messages.send", ex.Operation);
        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains($"circuit breaker for OA {FailingOa} is open", ex.Message, StringComparison.Ordinal);
        Assert.Contains("trial call through in 30 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, SentWith(host, FailingToken));
    }

    [Fact]
    public async Task Other_oas_keep_working_while_one_oa_circuit_is_open()
    {
        await using var host = await HostAsync(NewClock());
        SendAnswers(host, HealthyToken, 200, Ok);
        await OpenFailingCircuitAsync(host);
        await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync(FailingOa));

        for (var i = 0; i < 5; i++)
        {
            var data = await host.SendAsync(HealthyOa);
            Assert.Equal("m1", data.GetProperty("message_id").GetString());
        }

        Assert.Equal(5, SentWith(host, HealthyToken));
        Assert.Equal(4, SentWith(host, FailingToken));
    }

    [Fact]
    public async Task Open_circuit_lets_a_trial_call_through_after_the_break_and_closes_when_it_succeeds()
    {
        var clock = NewClock();
        await using var host = await HostAsync(clock);
        await OpenFailingCircuitAsync(host);
        await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync(FailingOa));
        host.Server.ResetMappings();
        SendAnswers(host, FailingToken, 200, Ok);

        clock.Advance(TimeSpan.FromSeconds(29));
        var stillOpen = await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync(FailingOa));
        Assert.Equal(TimeSpan.FromSeconds(1), stillOpen.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(2));
        await host.SendAsync(FailingOa);
        await host.SendAsync(FailingOa);

        Assert.Equal(4 + 2, SentWith(host, FailingToken));
    }

    [Fact]
    public async Task Failed_trial_call_opens_the_circuit_again()
    {
        var clock = NewClock();
        await using var host = await HostAsync(clock);
        await OpenFailingCircuitAsync(host);

        clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync(FailingOa));
        var ex = await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync(FailingOa));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal(5, SentWith(host, FailingToken));
    }

    [Fact]
    public async Task Zalo_error_envelopes_are_answers_and_never_open_the_circuit()
    {
        await using var host = await HostAsync(NewClock());
        SendAnswers(host, FailingToken, 200, """{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}""");

        for (var i = 0; i < 12; i++)
        {
            await Assert.ThrowsAsync<ZaloApiException>(() => host.SendAsync(FailingOa));
        }

        Assert.Equal(12, SentWith(host, FailingToken));
    }

    [Fact]
    public async Task Open_circuit_is_not_retried_by_a_read()
    {
        // System clock: retry back-off must run; the 30 s break outlasts the test.
        await using var host = await HostAsync(clock: null, o =>
        {
            o.MaxReadRetries = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.CircuitBreaker.MinimumThroughput = 2;
        });
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).RespondWith(Response.Create().WithStatusCode(503).WithBody("<html/>"));

        var ex = await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.ReadAsync(FailingOa));

        Assert.Equal(FailingOa, ex.OaId);
        Assert.Equal(2, host.Server.RequestsTo(ApiCalls.ReadPath).Count);
    }

    [Fact]
    public async Task Disabled_circuit_breaker_sends_every_call()
    {
        await using var host = await HostAsync(NewClock(), o => o.CircuitBreaker.Enabled = false);
        SendAnswers(host, FailingToken, 503, "<html/>");

        for (var i = 0; i < 12; i++)
        {
            var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync(FailingOa));
            Assert.IsNotType<ZaloCircuitOpenException>(ex);
        }

        Assert.Equal(12, SentWith(host, FailingToken));
    }

    [Fact]
    public void Circuit_breaker_thresholds_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:CircuitBreaker:Enabled"] = "false",
            ["Zalo:CircuitBreaker:FailureRatio"] = "0.25",
            ["Zalo:CircuitBreaker:MinimumThroughput"] = "20",
            ["Zalo:CircuitBreaker:SamplingDuration"] = "00:01:00",
            ["Zalo:CircuitBreaker:BreakDuration"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddZaloOA(configuration.GetSection(ZaloOAOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var breaker = provider.GetRequiredService<IOptions<ZaloOAOptions>>().Value.CircuitBreaker;

        Assert.False(breaker.Enabled);
        Assert.Equal(0.25, breaker.FailureRatio);
        Assert.Equal(20, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromMinutes(1), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromMinutes(2), breaker.BreakDuration);
    }

    [Fact]
    public void Circuit_breaker_defaults_are_the_documented_ones()
    {
        var breaker = new ZaloOAOptions().CircuitBreaker;

        Assert.True(breaker.Enabled);
        Assert.Equal(0.5, breaker.FailureRatio);
        Assert.Equal(10, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), breaker.BreakDuration);
    }

    [Theory]
    [InlineData("FailureRatio", 0.0)]
    [InlineData("FailureRatio", 1.5)]
    [InlineData("MinimumThroughput", 1.0)]
    [InlineData("SamplingDuration", 0.1)]
    [InlineData("BreakDuration", 0.1)]
    public void Out_of_range_circuit_breaker_settings_fail_at_start_up_naming_the_key(string key, double value)
    {
        var services = new ServiceCollection();
        services.AddZaloOA(o =>
        {
            o.AppId = ZaloTestHost.AppId;
            switch (key)
            {
                case "FailureRatio": o.CircuitBreaker.FailureRatio = value; break;
                case "MinimumThroughput": o.CircuitBreaker.MinimumThroughput = (int)value; break;
                case "SamplingDuration": o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(value); break;
                default: o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(value); break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }
}
