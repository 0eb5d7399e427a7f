using System.Text;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Messaging;

/// <summary>Stubs and request checks shared by the messaging, user, tag, conversation, OA and ZNS tests.</summary>
internal static class ZaloWire
{
    /// <summary>Answers <paramref name="path"/> with a success envelope around <paramref name="dataJson"/>.</summary>
    public static void RespondData(this ZaloTestHost host, string path, string dataJson) =>
        host.RespondBody(path, "{\"error\":0,\"message\":\"Success\",\"data\":" + dataJson + "}");

    /// <summary>Answers <paramref name="path"/> with <paramref name="body"/> and HTTP 200.</summary>
    public static void RespondBody(this ZaloTestHost host, string path, string body) =>
        host.Server.Given(Request.Create().WithPath(path)).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Answers <paramref name="path"/> with a Zalo error envelope.</summary>
    public static void RespondError(this ZaloTestHost host, string path, int code, string message) =>
        host.RespondBody(path, $$"""{"error":{{code}},"message":"{{message}}"}""");

    /// <summary>The single request to <paramref name="path"/>, checked for method and the access_token header.</summary>
    public static RequestMessage Received(this ZaloTestHost host, string method, string path)
    {
        var request = host.Server.SingleRequestTo(path);
        Assert.Equal(method, request.Method);
        Assert.Equal(ZaloTestHost.AccessToken, request.Headers!["access_token"][0]);
        return request;
    }

    /// <summary>Asserts the single POST to <paramref name="path"/> carried exactly <paramref name="expectedJson"/>.</summary>
    public static RequestMessage ReceivedJson(this ZaloTestHost host, string path, string expectedJson)
    {
        var request = host.Received("POST", path);
        Assert.StartsWith("application/json", request.Headers!["Content-Type"][0], StringComparison.Ordinal);
        WireMockExtensions.AssertJsonEqual(expectedJson, Encoding.UTF8.GetString(request.BodyAsBytes!));
        return request;
    }

    /// <summary>Asserts the single GET to <paramref name="path"/> carried exactly <paramref name="expectedData"/> as its data parameter.</summary>
    public static RequestMessage ReceivedData(this ZaloTestHost host, string path, string expectedData)
    {
        var request = host.Received("GET", path);
        Assert.Equal(["data"], request.Query!.Keys);
        WireMockExtensions.AssertJsonEqual(expectedData, request.DataParameter());
        return request;
    }

    /// <summary>Asserts WireMock received nothing at all.</summary>
    public static void ReceivedNothing(this ZaloTestHost host) => Assert.Empty(host.Server.LogEntries);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
