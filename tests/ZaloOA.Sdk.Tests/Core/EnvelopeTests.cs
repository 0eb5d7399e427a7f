using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Internal;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

public class EnvelopeTests
{
    // Reads are not retried here so that failure tests see exactly one attempt.
    private static ZaloTestHost NoRetryHost(Action<ZaloOAOptions>? more = null) => new(o =>
    {
        o.MaxReadRetries = 0;
        more?.Invoke(o);
    });

    private static void Stub(ZaloTestHost host, string path, int status, string body, string contentType = "application/json") =>
        host.Server.Given(Request.Create().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    [Fact]
    public async Task Error_with_http_200_becomes_a_typed_exception_with_code_message_and_raw_body()
    {
        await using var host = new ZaloTestHost();
        const string body = """{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}""";
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/getoa").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.OfficialAccount.Connection.SendAsync(
            ZaloTestHost.OaId, Internal.ZaloApiRequest.Get("oa.get", "v2.0/oa/getoa"), TestContext.Current.CancellationToken));

        Assert.Equal(ZaloErrorCode.InteractionWindowClosed, ex.ErrorCode);
        Assert.Equal("User has not interacted with the OA in the past 7 days", ex.ZaloMessage);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
        Assert.False(ex.IsTransient);
        var request = host.Server.SingleRequestTo("/v2.0/oa/getoa");
        Assert.Equal(ZaloTestHost.AccessToken, request.Headers!["access_token"][0]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Rate_limit_error_with_http_200_is_a_transient_api_exception()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.ReadPath, 200, """{"error":-32,"message":"Your application reached limit call api"}""");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.ReadAsync());

        Assert.Equal(ZaloErrorCode.RateLimited, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Single(host.Server.RequestsTo(ApiCalls.ReadPath));
    }

    [Fact]
    public async Task Error_code_given_as_a_json_string_is_read_as_the_number()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.SendPath, 200, """{"error":"-201","message":"user_id is invalid!"}""");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.SendAsync());

        Assert.Equal(-201, ex.ErrorCode.Value);
        Assert.Equal("user_id is invalid!", ex.ZaloMessage);
    }

    [Fact]
    public async Task Envelope_with_data_but_no_error_field_is_a_success()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.ReadPath, 200, """{"message":"Success","data":{"oa_id":"388613280878808645","name":"Công an phường"}}""");

        var data = await host.ReadAsync();

        Assert.Equal("388613280878808645", data.GetProperty("oa_id").GetString());
        Assert.Equal("Công an phường", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Success_envelope_without_data_when_data_is_expected_is_a_format_exception()
    {
        await using var host = NoRetryHost();
        const string body = """{"error":0,"message":"Success"}""";
        Stub(host, ApiCalls.ReadPath, 200, body);

        var ex = await Assert.ThrowsAsync<ZaloResponseFormatException>(() => host.ReadAsync());

        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("""{"error":0,"message":"Success","data":{"oa_id":"38861""")]
    [InlineData("""{"error":0,"message":"Success","data":{}} trailing""")]
    [InlineData("""{"error":"abc","message":"Success","data":{}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("")]
    public async Task Malformed_or_truncated_json_with_http_200_is_a_format_exception(string body)
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.ReadPath, 200, body);

        var ex = await Assert.ThrowsAsync<ZaloResponseFormatException>(() => host.ReadAsync());

        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
    }

    [Fact]
    public async Task Html_page_with_http_200_is_a_format_exception_carrying_the_page()
    {
        await using var host = NoRetryHost();
        const string page = "<html><body><h1>Zalo đang bảo trì</h1></body></html>";
        Stub(host, ApiCalls.ReadPath, 200, page, "text/html");

        var ex = await Assert.ThrowsAsync<ZaloResponseFormatException>(() => host.ReadAsync());

        Assert.Equal(page, ex.RawBody);
    }

    [Fact]
    public async Task Html_502_is_a_transient_transport_exception_with_the_status()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.SendPath, 502, "<html><body>502 Bad Gateway</body></html>", "text/html");

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        Assert.Equal(HttpStatusCode.BadGateway, ex.HttpStatus);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Error_envelope_with_http_400_keeps_the_zalo_code_and_the_status()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.SendPath, 400, """{"error":-201,"message":"message is invalid!"}""");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.SendAsync());

        Assert.Equal(ZaloErrorCode.InvalidParameter, ex.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatus);
    }

    [Fact]
    public async Task Connection_refused_is_a_transient_transport_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = NoRetryHost(o => o.ApiBaseUrl = new Uri($"http://127.0.0.1:{port}/"));

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatus);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Connection_dropped_before_an_answer_is_a_transient_transport_exception()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ct = TestContext.Current.CancellationToken;
        var dropper = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(ct);
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer, ct);
            socket.Close(); // no HTTP answer at all
        }, ct);
        await using var host = NoRetryHost(o => o.ApiBaseUrl = new Uri($"http://127.0.0.1:{port}/"));

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.SendAsync());

        await dropper;
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Access_token_goes_in_the_access_token_header_not_authorization()
    {
        await using var host = NoRetryHost();
        Stub(host, ApiCalls.SendPath, 200, """{"error":0,"message":"Success","data":{"message_id":"m1","user_id":"2468458835296197922"}}""");

        await host.SendAsync();

        var request = host.Server.SingleRequestTo(ApiCalls.SendPath);
        Assert.Equal([ZaloTestHost.AccessToken], request.Headers!["access_token"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("appsecret_proof"));
        Assert.False(request.Query?.ContainsKey("access_token") ?? false);
    }

    [Fact]
    public void App_secret_proof_matches_the_reference_vector()
    {
        Assert.Equal(
            "3bb17ad8603bce3717068632a68a46eee0034b1ba6d584f6fbc35add8cb24211",
            ZaloApiConnection.ComputeAppSecretProof("ExampleAppSecret0001", "example-access-token"));
    }

    [Fact]
    public async Task App_secret_proof_header_is_sent_when_enabled()
    {
        await using var host = NoRetryHost(o => o.UseAppSecretProof = true);
        Assert.Equal("ExampleAppSecret0001", ZaloTestHost.SecretKey);
        await host.SeedAsync(ZaloTestHost.OaId, "example-access-token", "r", TimeSpan.FromHours(25), version: 2);
        Stub(host, ApiCalls.SendPath, 200, """{"error":0,"message":"Success","data":{"message_id":"m1"}}""");

        await host.SendAsync();

        var request = host.Server.SingleRequestTo(ApiCalls.SendPath);
        Assert.Equal(["example-access-token"], request.Headers!["access_token"]);
        Assert.Equal(["3bb17ad8603bce3717068632a68a46eee0034b1ba6d584f6fbc35add8cb24211"], request.Headers["appsecret_proof"]);
    }
}
