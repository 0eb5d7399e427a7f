using System.Text.Json;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

/// <summary>Sends plain calls through the host's real connection, for tests of the core itself.</summary>
internal static class ApiCalls
{
    public const string ReadPath = "/v2.0/oa/getoa";
    public const string SendPath = "/v3.0/oa/message/cs";
    public const string BusinessPath = "/message/quota";

    public static ZaloApiConnection Connection(this ZaloTestHost host) => host.Client.OfficialAccount.Connection;

    /// <summary>An idempotent GET that expects <c>data</c>.</summary>
    public static Task<JsonElement> ReadAsync(this ZaloTestHost host, string oaId = ZaloTestHost.OaId) =>
        host.Connection().SendAsync(oaId, ZaloApiRequest.Get("oa.get", ReadPath.TrimStart('/')), ZaloJsonContext.Default.JsonElement, TestContext.Current.CancellationToken);

    /// <summary>A non-idempotent POST (a send).</summary>
    public static Task<JsonElement> SendAsync(this ZaloTestHost host, string oaId = ZaloTestHost.OaId) =>
        host.Connection().SendAsync(
            oaId,
            ZaloApiRequest.PostJsonBytes("messages.send", SendPath.TrimStart('/'), """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Xin chào"}}"""u8.ToArray()),
            ZaloJsonContext.Default.JsonElement,
            TestContext.Current.CancellationToken);

    /// <summary>A GET on the ZNS/ZBS business host.</summary>
    public static Task<JsonElement> ReadBusinessAsync(this ZaloTestHost host) =>
        host.Connection().SendAsync(ZaloTestHost.OaId, ZaloApiRequest.Get("zns.quota", BusinessPath.TrimStart('/'), host: ZaloApiHost.Business), ZaloJsonContext.Default.JsonElement, TestContext.Current.CancellationToken);

    public static string? AccessTokenHeader(this WireMock.Logging.ILogEntry entry) =>
        entry.RequestMessage.Headers is { } h && h.TryGetValue("access_token", out var v) ? v[0] : null;
}
