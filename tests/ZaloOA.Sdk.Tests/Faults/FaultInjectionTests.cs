using System.Globalization;
using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Tests.Core;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Faults;

/// <summary>
/// Zalo (or a proxy in front of it) misbehaving, staged with WireMock: every fault ends in the
/// documented <see cref="ZaloException"/> with the right <see cref="ZaloException.IsTransient"/>,
/// reads are retried and sends never are (counted on the server), and nothing hangs: each test has
/// a hard timeout far above the SDK's own.
/// </summary>
public class FaultInjectionTests
{
    private const int HangGuardMs = 60_000;
    private const int Retries = 2;
    private const string Ok = """{"error":0,"message":"Success","data":{"oa_id":"388613280878808645"}}""";

    private static ZaloTestHost Host(Action<ZaloOAOptions>? more = null) => new(o =>
    {
        o.MaxReadRetries = Retries;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        more?.Invoke(o);
    });

    private static void Always(ZaloTestHost host, string path, IResponseBuilder response) =>
        host.Server.Given(Request.Create().WithPath(path)).RespondWith(response);

    private static IResponseBuilder Answer(int status, string body, string contentType = "application/json") =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    /// <summary>Runs the call and returns what it threw; fails on success or on a non-Zalo exception.</summary>
    private static async Task<ZaloException> FailureOf(Func<Task> call)
    {
        var thrown = await Record.ExceptionAsync(call);
        Assert.NotNull(thrown);
        return Assert.IsAssignableFrom<ZaloException>(thrown);
    }

    private static int Count(ZaloTestHost host, string path) => host.Server.RequestsTo(path).Count;

    /// <summary>WireMock logs a request, and builds its answer, only after the delay, which never
    /// ends for an attempt the SDK abandoned; this counts arrivals in the request matcher instead.</summary>
    private sealed class Arrivals
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void AnswerSlowly(ZaloTestHost host, string path, TimeSpan delay) =>
            host.Server.Given(Request.Create().WithPath(p =>
                {
                    if (p != path)
                    {
                        return false;
                    }

                    Interlocked.Increment(ref _count);
                    return true;
                }))
                .RespondWith(Answer(200, Ok).WithDelay(delay));
    }

    // ---- Slow answers ----

    [Fact(Timeout = HangGuardMs)]
    public async Task Read_slower_than_the_attempt_timeout_is_retried_then_fails_as_a_transient_timeout()
    {
        await using var host = Host(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(20);
        });
        var arrivals = new Arrivals();
        arrivals.AnswerSlowly(host, ApiCalls.ReadPath, TimeSpan.FromSeconds(8));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatus);
        Assert.Contains("oa.get timed out", ex.Message, StringComparison.Ordinal);
        Assert.Contains("attempt timeout 1 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + Retries, arrivals.Count);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Send_slower_than_the_attempt_timeout_fails_once_as_a_transient_timeout()
    {
        await using var host = Host(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        var arrivals = new Arrivals();
        arrivals.AnswerSlowly(host, ApiCalls.SendPath, TimeSpan.FromSeconds(8));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.True(ex.IsTransient);
        Assert.Contains("messages.send timed out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, arrivals.Count);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Total_timeout_ends_a_slow_read_even_with_retries_left()
    {
        await using var host = Host(o =>
        {
            o.MaxReadRetries = 10;
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(2);
        });
        var arrivals = new Arrivals();
        arrivals.AnswerSlowly(host, ApiCalls.ReadPath, TimeSpan.FromSeconds(8));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.True(ex.IsTransient);
        Assert.Contains("total 2 s", ex.Message, StringComparison.Ordinal);
        // Two 1 s attempts fit in the 2 s budget (a third may just start); never all eleven.
        Assert.InRange(arrivals.Count, 1, 3);
    }

    // ---- 5xx ----

    [Theory(Timeout = HangGuardMs)]
    [InlineData(500, "<html><body>Internal Server Error</body></html>")]
    [InlineData(502, "<html><body>502 Bad Gateway</body></html>")]
    [InlineData(503, "")]
    [InlineData(503, """{"error":0,"message":"Success","data":{"oa_id":"38861""")]
    public async Task Server_error_without_an_envelope_on_a_read_is_retried_then_a_transient_transport_exception(int status, string body)
    {
        await using var host = Host();
        Always(host, ApiCalls.ReadPath, Answer(status, body, "text/html"));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.True(ex.IsTransient);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatus);
        Assert.Contains($"HTTP {status}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + Retries, Count(host, ApiCalls.ReadPath));
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_error_on_a_send_is_a_transient_transport_exception_after_one_request(int status)
    {
        await using var host = Host();
        Always(host, ApiCalls.SendPath, Answer(status, "<html>busy</html>", "text/html"));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.True(ex.IsTransient);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatus);
        Assert.Equal(1, Count(host, ApiCalls.SendPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Server_error_carrying_a_zalo_envelope_is_an_api_exception_that_is_transient()
    {
        await using var host = Host();
        const string body = """{"error":-1,"message":"Internal error"}""";
        Always(host, ApiCalls.SendPath, Answer(503, body));

        var ex = Assert.IsType<ZaloApiException>(await FailureOf(() => host.SendAsync()));

        Assert.Equal(-1, ex.ErrorCode.Value);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, Count(host, ApiCalls.SendPath));
    }

    // ---- Dropped connections ----

    // WireMock.Net's "faults" are complete HTTP 200 answers whose body is empty
    // (EMPTY_RESPONSE) or garbage (MALFORMED_RESPONSE_CHUNK): Zalo "answered" nonsense, which is a
    // format error, not retried. Connections really cut before or during the answer are staged
    // below with a raw socket server.

    [Theory(Timeout = HangGuardMs)]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Wiremock_fault_on_a_read_is_a_format_exception_and_not_retried(FaultType fault)
    {
        await using var host = Host();
        Always(host, ApiCalls.ReadPath, Answer(200, Ok).WithFault(fault));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.ReadAsync()));

        Assert.False(ex.IsTransient);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Contains("oa.get", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Count(host, ApiCalls.ReadPath));
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Wiremock_fault_on_a_send_is_a_format_exception_after_one_request(FaultType fault)
    {
        await using var host = Host();
        Always(host, ApiCalls.SendPath, Answer(200, Ok).WithFault(fault));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.SendAsync()));

        Assert.False(ex.IsTransient);
        Assert.Equal(1, Count(host, ApiCalls.SendPath));
    }

    public static TheoryData<string> Cuts => ["before the answer", "after the head", "mid-body"];

    private static byte[] Cut(string where) => where switch
    {
        "before the answer" => [],
        "after the head" => ScriptedHttpServer.HeadOnly(Ok.Length),
        _ => ScriptedHttpServer.CutMidBody(Ok, 20),
    };

    [Theory(Timeout = HangGuardMs)]
    [MemberData(nameof(Cuts))]
    public async Task Connection_cut_on_a_read_is_retried_then_a_transient_transport_exception(string where)
    {
        await using var zalo = new ScriptedHttpServer(_ => Cut(where));
        await using var host = Host(o => o.ApiBaseUrl = zalo.BaseUrl);

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatus);
        Assert.Contains("oa.get", ex.Message, StringComparison.Ordinal);
        if (where == "before the answer")
        {
            // .NET's connection pool itself re-sends a GET whose connection closes before any
            // byte of an answer (up to 3 more times per attempt); the SDK's retries come on top.
            Assert.InRange(zalo.Requests, 1 + Retries, 4 * (1 + Retries));
        }
        else
        {
            Assert.Equal(1 + Retries, zalo.Requests);
        }
    }

    [Theory(Timeout = HangGuardMs)]
    [MemberData(nameof(Cuts))]
    public async Task Connection_cut_on_a_send_is_a_transient_transport_exception_after_one_request(string where)
    {
        await using var zalo = new ScriptedHttpServer(_ => Cut(where));
        await using var host = Host(o => o.ApiBaseUrl = zalo.BaseUrl);

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, zalo.Requests);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Read_recovers_when_only_the_first_answer_is_cut_mid_body()
    {
        await using var zalo = new ScriptedHttpServer(n => n == 0 ? ScriptedHttpServer.CutMidBody(Ok, 20) : ScriptedHttpServer.Ok(Ok));
        await using var host = Host(o => o.ApiBaseUrl = zalo.BaseUrl);

        var data = await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal(2, zalo.Requests);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Body_that_stalls_after_the_head_is_bounded_by_the_attempt_timeout_and_retried()
    {
        // Head sent, body promised, then silence: the attempt timeout covers the body too.
        await using var zalo = new ScriptedHttpServer(
            n => n == 0 ? ScriptedHttpServer.CutMidBody(Ok, 20) : ScriptedHttpServer.Ok(Ok),
            stallAfter: n => n == 0);
        await using var host = Host(o =>
        {
            o.ApiBaseUrl = zalo.BaseUrl;
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        });

        var data = await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal(2, zalo.Requests);
    }

    // ---- 429 and Retry-After ----

    [Fact(Timeout = HangGuardMs)]
    public async Task Too_many_requests_with_retry_after_seconds_on_a_send_reports_the_wait()
    {
        await using var host = Host();
        Always(host, ApiCalls.SendPath, Answer(429, string.Empty).WithHeader("Retry-After", "120"));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, Count(host, ApiCalls.SendPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Too_many_requests_with_retry_after_as_an_http_date_reports_the_wait_from_the_clock()
    {
        await using var host = Host();
        var at = host.Time.GetUtcNow().AddMinutes(5);
        Always(host, ApiCalls.SendPath, Answer(429, string.Empty).WithHeader("Retry-After", at.ToString("R", CultureInfo.InvariantCulture)));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.Equal(TimeSpan.FromMinutes(5), ex.RetryAfter);
        Assert.True(ex.IsTransient);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Retry_after_as_an_http_date_in_the_past_is_reported_as_no_wait()
    {
        await using var host = Host();
        var at = host.Time.GetUtcNow().AddMinutes(-5);
        Always(host, ApiCalls.SendPath, Answer(503, "<html/>", "text/html").WithHeader("Retry-After", at.ToString("R", CultureInfo.InvariantCulture)));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.SendAsync()));

        Assert.Equal(TimeSpan.Zero, ex.RetryAfter);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Too_many_requests_with_an_http_date_retry_after_on_a_read_is_retried()
    {
        await using var host = Host();
        var soon = DateTimeOffset.UtcNow.AddSeconds(1);
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).InScenario("429").WillSetStateTo("ok")
            .RespondWith(Answer(429, string.Empty).WithHeader("Retry-After", soon.ToString("R", CultureInfo.InvariantCulture)));
        host.Server.Given(Request.Create().WithPath(ApiCalls.ReadPath)).InScenario("429").WhenStateIs("ok")
            .RespondWith(Answer(200, Ok));

        var data = await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal(2, Count(host, ApiCalls.ReadPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Read_is_not_retried_when_retry_after_exceeds_the_total_timeout_and_the_hint_reaches_the_caller()
    {
        await using var host = Host(o => o.TotalTimeout = TimeSpan.FromSeconds(30));
        Always(host, ApiCalls.ReadPath, Answer(429, string.Empty).WithHeader("Retry-After", "3600"));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatus);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, Count(host, ApiCalls.ReadPath));
    }

    // ---- Bodies that are not a Zalo answer ----

    [Theory(Timeout = HangGuardMs)]
    [InlineData("malformed", """{"error":0,"message":"Success","data":{"oa_id":388613280878808645,}}""")]
    [InlineData("truncated", """{"error":0,"message":"Success","data":{"oa_id":"3886""")]
    [InlineData("html", "<!DOCTYPE html><html><body><h1>Hệ thống đang bảo trì</h1></body></html>")]
    [InlineData("empty", "")]
    [InlineData("not an object", "\"Success\"")]
    public async Task Unreadable_body_with_http_200_on_a_read_is_a_format_exception_and_not_retried(string kind, string body)
    {
        await using var host = Host();
        Always(host, ApiCalls.ReadPath, Answer(200, body, kind == "html" ? "text/html" : "application/json"));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.ReadAsync()));

        Assert.False(ex.IsTransient);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
        Assert.Contains("oa.get", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Count(host, ApiCalls.ReadPath));
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData("""{"error":0,"message":"Success"}""")]
    [InlineData("""{"error":0,"message":"Success","data":null}""")]
    public async Task Success_envelope_missing_the_required_data_is_a_format_exception_and_not_retried(string body)
    {
        await using var host = Host();
        Always(host, ApiCalls.ReadPath, Answer(200, body));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.ReadAsync()));

        Assert.False(ex.IsTransient);
        Assert.Contains("no data", ex.Message, StringComparison.Ordinal);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(1, Count(host, ApiCalls.ReadPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Html_error_page_with_502_on_a_read_is_retried_then_a_transient_transport_exception()
    {
        await using var host = Host();
        Always(host, ApiCalls.ReadPath, Answer(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html"));

        var ex = Assert.IsType<ZaloTransportException>(await FailureOf(() => host.ReadAsync()));

        Assert.True(ex.IsTransient);
        Assert.Equal(HttpStatusCode.BadGateway, ex.HttpStatus);
        Assert.Contains("no Zalo envelope", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + Retries, Count(host, ApiCalls.ReadPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Html_page_with_200_on_a_send_is_a_format_exception_after_one_request()
    {
        await using var host = Host();
        const string page = "<html><body>Captive portal</body></html>";
        Always(host, ApiCalls.SendPath, Answer(200, page, "text/html"));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.SendAsync()));

        Assert.False(ex.IsTransient);
        Assert.Equal(page, ex.RawBody);
        Assert.Equal(1, Count(host, ApiCalls.SendPath));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Numbers_out_of_range_in_lenient_fields_read_as_null_instead_of_failing()
    {
        await using var host = Host();
        Always(host, "/v2.0/oa/listrecentchat", Answer(200, """{"error":0,"message":"Success","data":[{"src":1e400,"time":99999999999999999,"type":"text","message_id":"m"},{"src":1,"time":-5e300,"message_id":"n"}]}"""));

        var messages = await host.Client.Conversations.GetRecentAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Null(m.Time));
        Assert.Null(messages[0].Src);
        Assert.Equal(1, messages[1].Src);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Data_of_the_wrong_shape_is_a_format_exception()
    {
        await using var host = Host();
        const string body = """{"error":0,"message":"Success","data":{"src":1}}""";
        Always(host, "/v2.0/oa/listrecentchat", Answer(200, body));

        var ex = Assert.IsType<ZaloResponseFormatException>(await FailureOf(() => host.Client.Conversations.GetRecentAsync(cancellationToken: TestContext.Current.CancellationToken)));

        Assert.False(ex.IsTransient);
        Assert.Contains("conversations.recent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(body, ex.RawBody);
    }
}
