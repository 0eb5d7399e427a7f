using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ZaloOA.Sdk.Internal;

/// <summary>Which Zalo host a request goes to.</summary>
internal enum ZaloApiHost
{
    /// <summary>OA Open API (<c>openapi.zalo.me</c>); token errors are -216 and -220.</summary>
    OpenApi,

    /// <summary>ZNS/ZBS (<c>business.openapi.zalo.me</c>); token error is -124.</summary>
    Business,
}

/// <summary>
/// One Zalo API call, described so it can be sent again unchanged (after a forced token refresh or
/// a transient failure): the body is kept as bytes and a fresh <see cref="HttpContent"/> is made
/// per request message.
/// </summary>
internal sealed class ZaloApiRequest
{
    /// <summary>The content type of every JSON body; shared, never changed.</summary>
    public static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>Names the call in logs, metrics and exceptions, e.g. <c>messages.send</c>.</summary>
    public required string Operation { get; init; }

    public required HttpMethod Method { get; init; }

    public ZaloApiHost Host { get; init; } = ZaloApiHost.OpenApi;

    /// <summary>Path relative to the host's base address, e.g. <c>v3.0/oa/message/cs</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The encoded query string without <c>?</c>, or null.</summary>
    public string? Query { get; init; }

    /// <summary>A JSON body as UTF-8 bytes, sent as <c>application/json; charset=utf-8</c>; null for none.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>Builds any other body for one attempt (multipart uploads); null for none.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Extra headers (for example a <c>token</c> header some endpoints read).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>Whether a transient failure may be retried. Reads are; sends are not, since a
    /// message whose answer was lost may still have been delivered.</summary>
    public bool Idempotent { get; init; }

    /// <summary>A GET with Zalo's <c>data=&lt;json&gt;</c> query parameter.</summary>
    public static ZaloApiRequest GetWithData<T>(string operation, string path, T data, JsonTypeInfo<T> typeInfo) => new()
    {
        Operation = operation,
        Method = HttpMethod.Get,
        Path = path,
        Query = "data=" + Uri.EscapeDataString(JsonSerializer.Serialize(data, typeInfo)),
        Idempotent = true,
    };

    /// <summary>A GET with ordinary query parameters (already encoded by the caller when needed).</summary>
    public static ZaloApiRequest Get(string operation, string path, string? query = null, ZaloApiHost host = ZaloApiHost.OpenApi) => new()
    {
        Operation = operation,
        Method = HttpMethod.Get,
        Path = path,
        Query = query,
        Host = host,
        Idempotent = true,
    };

    /// <summary>A POST with a JSON body, serialised once.</summary>
    public static ZaloApiRequest PostJson<T>(string operation, string path, T body, JsonTypeInfo<T> typeInfo, bool idempotent = false, ZaloApiHost host = ZaloApiHost.OpenApi)
    {
        return PostJsonBytes(operation, path, ZaloJsonBody.Serialize(body, typeInfo), idempotent, host);
    }

    /// <summary>A POST with a JSON body given as UTF-8 bytes.</summary>
    public static ZaloApiRequest PostJsonBytes(string operation, string path, byte[] utf8Json, bool idempotent = false, ZaloApiHost host = ZaloApiHost.OpenApi) => new()
    {
        Operation = operation,
        Method = HttpMethod.Post,
        Path = path,
        Host = host,
        Idempotent = idempotent,
        JsonBody = utf8Json,
    };

    /// <summary>A POST with no body (for example the v2 quota call).</summary>
    public static ZaloApiRequest PostEmpty(string operation, string path, bool idempotent = false) => new()
    {
        Operation = operation,
        Method = HttpMethod.Post,
        Path = path,
        Idempotent = idempotent,
    };

    /// <summary>A multipart upload with the file in field <c>file</c>, as Zalo's upload endpoints expect.</summary>
    public static ZaloApiRequest PostFile(string operation, string path, ReadOnlyMemory<byte> file, string fileName, string contentType) => new()
    {
        Operation = operation,
        Method = HttpMethod.Post,
        Path = path,
        Content = () =>
        {
            var part = new ReadOnlyMemoryContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var form = new MultipartFormDataContent();
            form.Add(part, "file", fileName);
            return form;
        },
    };
}
