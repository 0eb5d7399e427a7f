using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Tests.Core;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Diagnostics;

/// <summary>
/// The SDK's own log events (README "Logging"): one concise line per failed call with the
/// operation, the OA, Zalo's code, the attempts and the elapsed time; requests at Debug; no stack
/// trace for an expected failure; never a token or a citizen's text; and nothing from
/// IHttpClientFactory's default logging handlers.
/// </summary>
public class LogEventTests
{
    private const string CitizenText = "Nhà tôi ở hẻm 12 bị trộm xe máy";
    private static readonly string SecretBits = ZaloTestHost.AccessToken;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ZaloTestHost Host(Action<ZaloOAOptions>? options = null, LogLevel minimum = LogLevel.Debug) => new(
        o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            options?.Invoke(o);
        },
        services => services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(minimum)));

    private static IReadOnlyList<FakeLogRecord> Logs(ZaloTestHost host) => host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

    private static void AssertNoSecretsOrText(IEnumerable<FakeLogRecord> records)
    {
        foreach (var record in records)
        {
            Assert.DoesNotContain(SecretBits, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(CitizenText, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hẻm", record.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_successful_send_logs_one_debug_line_and_no_http_client_factory_lines()
    {
        await using var host = Host();
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath)).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));

        await host.Client.Messages.SendTextAsync("2468458835296197922", CitizenText, Ct);

        var records = Logs(host);
        var line = Assert.Single(records);
        Assert.Equal(1100, line.Id.Id);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.StartsWith("Zalo call messages.send for OA " + ZaloTestHost.OaId + " succeeded in ", line.Message, StringComparison.Ordinal);
        Assert.EndsWith("(1 attempt(s)).", line.Message, StringComparison.Ordinal);
        AssertNoSecretsOrText(records);
    }

    [Fact]
    public async Task Requests_are_not_logged_at_information()
    {
        await using var host = Host(minimum: LogLevel.Information);
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath)).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));

        await host.Client.Messages.SendTextAsync("2468458835296197922", CitizenText, Ct);

        Assert.Empty(Logs(host));
    }

    [Fact]
    public async Task A_zalo_refusal_logs_one_warning_with_the_code_and_no_stack_trace()
    {
        await using var host = Host();
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath))
            .RespondWith(Response.Create().WithBody("""{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}"""));

        await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Messages.SendTextAsync("2468458835296197922", CitizenText, Ct));

        var records = Logs(host);
        var line = Assert.Single(records);
        Assert.Equal(1103, line.Id.Id);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.StartsWith(
            "Zalo call messages.send for OA " + ZaloTestHost.OaId + " refused: Zalo error -230 (User has not interacted with the OA in the past 7 days) after 1 attempt(s) in ",
            line.Message,
            StringComparison.Ordinal);
        AssertNoSecretsOrText(records);
    }

    [Fact]
    public async Task A_read_failing_after_retries_logs_each_retry_at_debug_and_one_warning_with_the_attempts()
    {
        await using var host = Host(o => o.MaxReadRetries = 2);
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).RespondWith(Response.Create().WithStatusCode(503).WithBody("<html>busy</html>"));

        await Assert.ThrowsAsync<ZaloTransportException>(() => host.ReadAsync());

        var records = Logs(host);
        Assert.Equal([1105, 1105, 1104], records.Select(r => r.Id.Id));
        Assert.All(records.Take(2), r => Assert.Equal(LogLevel.Debug, r.Level));
        Assert.Contains("attempt 1 failed (HTTP 503); retrying in ", records[0].Message, StringComparison.Ordinal);
        var failure = records[2];
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Null(failure.Exception);
        Assert.StartsWith("Zalo call oa.get for OA " + ZaloTestHost.OaId + " failed: Zalo call oa.get failed with HTTP 503", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(3 attempt(s), ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
        AssertNoSecretsOrText(records);
    }

    [Fact]
    public async Task A_timed_out_send_logs_one_warning_without_a_stack_trace()
    {
        await using var zalo = new ScriptedHttpServer(_ => null);
        await using var host = Host(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.ApiBaseUrl = zalo.BaseUrl;
        });

        await Assert.ThrowsAsync<ZaloTransportException>(() => host.Client.Messages.SendTextAsync("2468458835296197922", CitizenText, Ct));

        var line = Assert.Single(Logs(host));
        Assert.Equal(1104, line.Id.Id);
        Assert.Null(line.Exception);
        Assert.Contains("timed out", line.Message, StringComparison.Ordinal);
        Assert.Contains("(1 attempt(s), ", line.Message, StringComparison.Ordinal);
        AssertNoSecretsOrText([line]);
    }

    [Fact]
    public async Task An_opening_circuit_logs_the_oa_once_and_refused_calls_one_line_each()
    {
        await using var host = Host(o =>
        {
            o.MaxReadRetries = 0;
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        });
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath)).RespondWith(Response.Create().WithStatusCode(503).WithBody("<html>busy</html>"));

        await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());
        await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());
        await Assert.ThrowsAsync<ZaloCircuitOpenException>(() => host.SendAsync());

        var records = Logs(host);
        Assert.Equal([1104, 1106, 1104, 1104], records.Select(r => r.Id.Id));
        Assert.StartsWith("The circuit breaker of OA " + ZaloTestHost.OaId + " opened for 30 s after repeated failures (last: HTTP 503)", records[1].Message, StringComparison.Ordinal);
        Assert.All(records, r => Assert.Null(r.Exception));
    }

    [Fact]
    public async Task A_token_refresh_logs_no_http_client_factory_lines()
    {
        await using var host = Host();
        host.Time.Advance(TimeSpan.FromDays(2));
        host.Server.Given(Request.Create().WithPath("/v4/oa/access_token"))
            .RespondWith(Response.Create().WithBody("""{"access_token":"new-access","refresh_token":"new-refresh","expires_in":"90000"}"""));
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath)).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));

        await host.Client.Messages.SendTextAsync("2468458835296197922", CitizenText, Ct);

        var records = Logs(host);
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("System.Net.Http", StringComparison.Ordinal) == true);
        Assert.Equal([1001, 1002, 1100], records.Select(r => r.Id.Id));
        Assert.All(records, r => Assert.DoesNotContain("new-access", r.Message, StringComparison.Ordinal));
        AssertNoSecretsOrText(records);
    }
}
