using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

public class EnvelopeTests
{
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
}
