using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 3: <c>SendTextAsync</c> end to end (validation, body, token lookup, HTTP pipeline with its
/// resilience handler, envelope parsing) takes at most 1.15× the time and 1.5× the allocation of
/// a raw <see cref="HttpClient"/> POST of the same bytes, with the same header, to the same
/// loopback Kestrel stub. Both use a default <see cref="SocketsHttpHandler"/> (the SDK's comes from
/// IHttpClientFactory) and keep their connections alive.
/// </summary>
[MemoryDiagnoser]
public class SendTextEndToEndBenchmarks
{
    private const string OaId = "388613280878808645";
    private const string UserId = "2468458835296197922";
    private const string AccessToken = "kX2qTn8pLm4R7vYw1sZ3dF6gH9jK0bN5cV8xM2aQ4eT7uI1oP3rS6yW9zL2hJ5k";
    private const string Text = "Công an phường 5 đã tiếp nhận phản ánh số PA-2026-0142 của anh/chị. Cán bộ sẽ liên hệ trong 24 giờ.";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private LoopbackStub _stub = null!;
    private ServiceProvider _provider = null!;
    private MessagesClient _messages = null!;
    private HttpClient _raw = null!;
    private Uri _sendUri = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var answer = Encoding.UTF8.GetBytes("{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"5f3c3e9ab6b4a0e6f9a1\",\"user_id\":\"" + UserId + "\",\"quota\":null}}");
        _stub = await LoopbackStub.StartAsync(_ => answer);
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders());
        services.AddZaloOA(o =>
        {
            o.AppId = "1234567890123456789";
            o.SecretKey = "app-secret";
            o.ApiBaseUrl = _stub.BaseUrl;
            o.OAuthBaseUrl = _stub.BaseUrl;
        });
        _provider = services.BuildServiceProvider();
        await _provider.GetRequiredService<IZaloTokenStore>().TrySaveAsync(OaId, new ZaloTokenSet
        {
            AccessToken = AccessToken,
            RefreshToken = "refresh",
            AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            Version = 1,
        }, expectedVersion: null);
        _messages = _provider.GetRequiredService<IZaloOAClientFactory>().GetClient(OaId).Messages;
        _raw = new HttpClient(new SocketsHttpHandler());
        _sendUri = new Uri(_stub.BaseUrl, "v3.0/oa/message/cs");
        _body = MessagesClient.WriteSendBody(ZaloRecipient.User(UserId), new ZaloTextMessage(Text));
        var before = _stub.RequestCount;
        if ((await SendText()).MessageId is null || await RawPost() == 0 || _stub.RequestCount != before + 2)
        {
            throw new InvalidOperationException("The stub did not answer both paths.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _provider.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "floor: raw HttpClient POST of the same bytes")]
    public async Task<int> RawPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sendUri);
        request.Headers.TryAddWithoutValidation("access_token", AccessToken);
        request.Content = new ByteArrayContent(_body);
        request.Content.Headers.ContentType = Json;
        using var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Description = "MessagesClient.SendTextAsync")]
    public Task<ZaloSendResult> SendText() => _messages.SendTextAsync(UserId, Text);
}
