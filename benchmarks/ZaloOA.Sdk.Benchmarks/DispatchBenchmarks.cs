using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 6: delivering a parsed event to its <see cref="IZaloWebhookHandler{TEvent}"/> through
/// <see cref="ZaloWebhookDispatcher"/> (a DI scope per event, the menu-router check for texts, the
/// handlers of the event's type and of its base types) vs calling the handler directly.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private ServiceProvider _provider = null!;
    private ZaloWebhookDispatcher _dispatcher = null!;
    private CountingTextHandler _direct = null!;
    private ZaloWebhookEvent _event = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddZaloOA(o =>
        {
            o.AppId = WebhookSamples.AppId;
            o.SecretKey = "app-secret";
            o.OaSecretKey = WebhookSamples.OaSecretKey;
        })
            .AddWebhooks()
            .AddWebhookHandler<UserSendTextEvent, CountingTextHandler>();
        _provider = services.BuildServiceProvider();
        _dispatcher = _provider.GetRequiredService<ZaloWebhookDispatcher>();
        _direct = new CountingTextHandler();
        _event = ZaloWebhookParser.Parse(WebhookSamples.Create("user_send_text", 512).Body);
        if (await Dispatch() != 1)
        {
            throw new InvalidOperationException("The dispatcher did not call the handler.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "floor: direct handler.HandleAsync call")]
    public Task Direct() => _direct.HandleAsync((UserSendTextEvent)_event, CancellationToken.None);

    [Benchmark(Description = "ZaloWebhookDispatcher.DispatchAsync")]
    public Task<int> Dispatch() => _dispatcher.DispatchAsync(_event);

    /// <summary>The least a handler can do: count the event.</summary>
    public sealed class CountingTextHandler : IZaloWebhookHandler<UserSendTextEvent>
    {
        private static int s_count;

        public Task HandleAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref s_count);
            return Task.CompletedTask;
        }
    }
}
