using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>Records handled events; can fail a number of times or block until released.</summary>
public sealed class Recorder
{
    private int _failuresLeft;

    public ConcurrentQueue<ZaloWebhookEvent> Handled { get; } = new();

    public int Attempts;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource? Gate { get; set; }

    public SemaphoreSlim Signal { get; } = new(0);

    public void FailNext(int times) => _failuresLeft = times;

    public async Task RecordAsync(ZaloWebhookEvent e)
    {
        Interlocked.Increment(ref Attempts);
        Started.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("handler failure for the test");
        }

        Handled.Enqueue(e);
        Signal.Release();
    }

    /// <summary>Waits for <paramref name="count"/> successful handlings (hang guard only, not a timing assertion).</summary>
    public async Task WaitForAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await Signal.WaitAsync(TimeSpan.FromSeconds(30)), "The handler was not called.");
        }
    }
}

public sealed class RecordingHandler(Recorder recorder) : IZaloWebhookHandler<ZaloWebhookEvent>
{
    public Task HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) => recorder.RecordAsync(webhookEvent);
}

/// <summary>A minimal app with the webhook endpoint on a TestServer. Its clock is a fake one set
/// to the moment the tests' events are stamped (<see cref="EventTime"/>), so they are inside the
/// timestamp window.</summary>
public sealed class WebhookApp : IAsyncDisposable
{
    /// <summary>The <c>timestamp</c> of the tests' text events (1700000000000).</summary>
    public static readonly DateTimeOffset EventTime = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private WebhookApp(WebApplication app, Recorder recorder, FakeTimeProvider time)
    {
        App = app;
        Recorder = recorder;
        Time = time;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    /// <summary>The app's clock.</summary>
    public FakeTimeProvider Time { get; }

    public Recorder Recorder { get; }

    public HttpClient Client { get; }

    public static async Task<WebhookApp> StartAsync(
        ZaloWebhookDispatchMode mode = ZaloWebhookDispatchMode.Inline,
        Action<ZaloWebhookReceiverOptions>? receiver = null,
        Action<ZaloOABuilder>? zalo = null,
        long? maxBodyBytes = null,
        DateTimeOffset? now = null,
        Action<WebApplicationBuilder>? host = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var recorder = new Recorder();
        var time = new FakeTimeProvider(now ?? EventTime);
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton<TimeProvider>(time);
        host?.Invoke(builder);
        var z = builder.Services.AddZaloOA(o =>
        {
            o.AppId = ZaloTestHost.AppId;
            o.SecretKey = ZaloTestHost.SecretKey;
            o.OaSecretKey = ZaloTestHost.OaSecretKey;
        });
        z.AddWebhookReceiver(o =>
        {
            o.DispatchMode = mode;
            o.RetryDelay = TimeSpan.Zero;
            receiver?.Invoke(o);
        });
        z.AddWebhookHandler<ZaloWebhookEvent, RecordingHandler>();
        zalo?.Invoke(z);
        var app = builder.Build();
        app.MapZaloWebhook("/zalo/webhook", maxBodyBytes);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebhookApp(app, recorder, time);
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? signature = "sign") =>
        PostAsync(Encoding.UTF8.GetBytes(body), signature);

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? signature = "sign")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, signature == "sign" ? WebhookSigner.Sign(body) : signature);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
