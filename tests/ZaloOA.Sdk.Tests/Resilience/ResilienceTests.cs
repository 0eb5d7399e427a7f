using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Tests.Core;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Resilience;

public class ResilienceTests
{
    private const string Ok = """{"error":0,"message":"Success","data":{"oa_id":"388613280878808645"}}""";

    private static ZaloTestHost FastRetryHost(Action<ZaloOAOptions>? more = null) => new(o =>
    {
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        more?.Invoke(o);
    });

    /// <summary>First answer <paramref name="first"/>, then success.</summary>
    private static void FailOnceThenSucceed(ZaloTestHost host, string path, IResponseBuilder first)
    {
        host.Server.Given(Request.Create().WithPath(path)).InScenario(path).WillSetStateTo("ok").RespondWith(first);
        host.Server.Given(Request.Create().WithPath(path)).InScenario(path).WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Ok));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task Transient_status_on_a_read_is_retried(int status)
    {
        await using var host = FastRetryHost();
        FailOnceThenSucceed(host, ApiCalls.ReadPath, Response.Create().WithStatusCode(status).WithBody("<html>busy</html>"));

        var data = await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal(2, host.Server.RequestsTo(ApiCalls.ReadPath).Count);
    }

    [Fact]
    public async Task Read_gives_up_after_max_read_retries()
    {
        await using var host = FastRetryHost(o => o.MaxReadRetries = 2);
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).RespondWith(Response.Create().WithStatusCode(503).WithBody("<html>busy</html>"));

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.ReadAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.HttpStatus);
        Assert.Equal(3, host.Server.RequestsTo(ApiCalls.ReadPath).Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Transient_status_on_a_send_is_never_retried(int status)
    {
        await using var host = FastRetryHost();
        FailOnceThenSucceed(host, ApiCalls.SendPath, Response.Create().WithStatusCode(status).WithBody("<html>busy</html>"));

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        Assert.True(ex.IsTransient);
        Assert.Single(host.Server.RequestsTo(ApiCalls.SendPath));
    }

    [Fact]
    public async Task Zalo_error_with_http_200_on_a_read_is_not_retried()
    {
        await using var host = FastRetryHost();
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"error":-32,"message":"Your OA reached limit call api"}"""));

        await Assert.ThrowsAsync<ZaloApiException>(() => host.ReadAsync());

        Assert.Single(host.Server.RequestsTo(ApiCalls.ReadPath));
    }

    [Fact]
    public async Task Timed_out_read_is_retried()
    {
        await using var zalo = new ScriptedHttpServer(n => n == 0 ? null : Ok);
        await using var host = FastRetryHost(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.ApiBaseUrl = zalo.BaseUrl;
        });

        var data = await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal(2, zalo.Requests);
    }

    [Fact]
    public async Task Timed_out_send_is_a_transient_transport_exception_and_not_retried()
    {
        await using var zalo = new ScriptedHttpServer(n => n == 0 ? null : Ok);
        await using var host = FastRetryHost(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.ApiBaseUrl = zalo.BaseUrl;
        });

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        Assert.True(ex.IsTransient);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, zalo.Requests);
    }

    [Fact]
    public async Task Too_many_requests_on_a_read_is_retried_after_the_retry_after_header()
    {
        await using var host = FastRetryHost();
        FailOnceThenSucceed(host, ApiCalls.ReadPath, Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody(string.Empty));

        await host.ReadAsync();

        Assert.Equal(2, host.Server.RequestsTo(ApiCalls.ReadPath).Count);
    }

    [Fact]
    public async Task Too_many_requests_on_a_send_reports_retry_after_to_the_caller()
    {
        await using var host = FastRetryHost();
        host.Server.Given(Request.Create().WithPath(ApiCalls.SendPath)).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithBody(string.Empty));

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Per_oa_rate_limit_holds_back_the_busy_oa_only()
    {
        const string otherOa = "1423847451268726170";
        await using var host = FastRetryHost(o =>
        {
            o.MaxRequestsPerSecondPerOA = 1;
            o.RateLimitPeriod = TimeSpan.FromHours(1); // the busy OA's bucket does not refill during the test
        });
        await host.SeedAsync(otherOa, "other-access-token", "other-refresh", TimeSpan.FromHours(25));
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).RespondWith(Response.Create().WithStatusCode(200).WithBody(Ok));
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await host.ReadAsync();

        var queued = host.Connection().SendAsync(
            ZaloTestHost.OaId, Internal.ZaloApiRequest.Get("oa.get", ApiCalls.ReadPath.TrimStart('/')), giveUp.Token);
        await host.ReadAsync(otherOa);

        var sent = host.Server.RequestsTo(ApiCalls.ReadPath).Select(e => e.AccessTokenHeader()).ToList();
        Assert.Equal(1, sent.Count(t => t == ZaloTestHost.AccessToken));
        Assert.Equal(1, sent.Count(t => t == "other-access-token"));
        Assert.False(queued.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Single(host.Server.RequestsTo(ApiCalls.ReadPath), e => e.AccessTokenHeader() == ZaloTestHost.AccessToken);
    }
}
