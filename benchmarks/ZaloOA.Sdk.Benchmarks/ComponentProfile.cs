using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// A quick breakdown of the hot paths into their steps (time and bytes allocated per call, after
/// warm-up), to find what a missed goal is spent on. Not a substitute for the BenchmarkDotNet
/// numbers: run with <c>-- components</c>.
/// </summary>
public static class ComponentProfile
{
    public static async Task<int> RunAsync()
    {
        await SendPathAllocationsAsync();
        return Run();
    }

    /// <summary>Bytes allocated per call (all threads) along the send path: a raw HttpClient, the
    /// SDK's named HttpClient from IHttpClientFactory (its resilience handler), and
    /// SendTextAsync (which adds the SDK's own work on top of that client).</summary>
    private static async Task SendPathAllocationsAsync()
    {
        var e2e = new SendTextEndToEndBenchmarks();
        await e2e.SetupAsync();
        var factory = e2eProvider(e2e).GetRequiredService<IHttpClientFactory>();
        var uri = new Uri(e2eStubUrl(e2e), "v3.0/oa/message/cs");
        var body = MessagesClient.WriteSendBody(ZaloRecipient.User("2468458835296197922"), new ZaloTextMessage("Xin chào"));
        async Task<int> ViaFactory()
        {
            // The SDK's request type: it selects the OA's resilience pipelines.
            using var request = new ZaloHttpRequest(HttpMethod.Post, uri, "388613280878808645", "messages.send", idempotent: false);
            request.Headers.TryAddWithoutValidation("access_token", "token");
            request.Content = new ByteArrayContent(body);
            using var response = await factory.CreateClient("ZaloOA").SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        Console.WriteLine("send path, bytes per call (all threads)");
        await MeasureAsync("  raw HttpClient POST (floor)", e2e.RawPost);
        await MeasureAsync("  IHttpClientFactory \"ZaloOA\" client POST", ViaFactory);
        await MeasureAsync("  MessagesClient.SendTextAsync", e2e.SendText);
        await e2e.CleanupAsync();
    }

    private static ServiceProvider e2eProvider(SendTextEndToEndBenchmarks b) =>
        (ServiceProvider)typeof(SendTextEndToEndBenchmarks).GetField("_provider", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(b)!;

    private static Uri e2eStubUrl(SendTextEndToEndBenchmarks b) =>
        ((LoopbackStub)typeof(SendTextEndToEndBenchmarks).GetField("_stub", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(b)!).BaseUrl;

    private static async Task MeasureAsync<T>(string name, Func<Task<T>> call)
    {
        for (var i = 0; i < 500; i++)
        {
            await call();
        }

        const int n = 2000;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await call();
        }

        watch.Stop();
        bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {watch.Elapsed.TotalMicroseconds / n,10:N1} µs {bytes / (double)n,8:N0} B"));
    }

    public static int Run()
    {
        var services = new ServiceCollection();
        services.AddZaloOA(o =>
        {
            o.AppId = WebhookSamples.AppId;
            o.SecretKey = "app-secret";
            o.OaSecretKey = WebhookSamples.OaSecretKey;
        }).AddWebhooks();
        using var provider = services.BuildServiceProvider();
        var verifier = provider.GetRequiredService<ZaloWebhookVerifier>();
        foreach (var (name, size) in new[] { ("user_send_text", 512), ("user_send_text", 4096), ("user_send_image", 512), ("user_send_image", 4096) })
        {
            var (body, signature) = WebhookSamples.Create(name, size);
            var memory = (ReadOnlyMemory<byte>)body;
            Console.WriteLine($"{name} {size} B");
            Measure("  Utf8JsonReader pass", () =>
            {
                var r = new Utf8JsonReader(body);
                while (r.Read())
                {
                }
            });
            Measure("  SHA256.HashData(body)", () => SHA256.HashData(body, stackalloc byte[32]));
            Measure("  ZaloWebhookSignature.Compute", () => ZaloWebhookSignature.Compute(WebhookSamples.AppId, body, WebhookSamples.Timestamp, WebhookSamples.OaSecretKey));
            Measure("  ZaloWebhookEnvelope.TryRead", () => ZaloWebhookEnvelope.TryRead(body, out _, out _));
            Measure("  ZaloWebhookVerifier.Verify", () => verifier.Verify(body, signature));
            Measure("  ZaloWebhookParser.Parse", () => ZaloWebhookParser.Parse(memory));
            Measure("  Verify + Parse", () =>
            {
                verifier.Verify(body, signature);
                ZaloWebhookParser.Parse(memory);
            });
        }

        var recipient = ZaloRecipient.User("2468458835296197922");
        const string text = "Công an phường 5 đã tiếp nhận phản ánh số PA-2026-0142 của anh/chị. Cán bộ sẽ liên hệ trong 24 giờ.";
        var message = new ZaloTextMessage(text);
        Console.WriteLine("send-text body");
        Measure("  text.IsNormalized(FormC)", () => text.IsNormalized(NormalizationForm.FormC));
        Measure("  MessagesClient.WriteSendBody", () => MessagesClient.WriteSendBody(recipient, message));
        var floor = new SerializationBenchmarks();
        floor.Setup();
        Compare("  floor vs SDK send-text", floor.SendTextFloor, floor.SendTextSdk);
        Compare("  floor vs SDK list", floor.SendListFloor, floor.SendListSdk);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        var writer = new Utf8JsonWriter(buffer);
        Compare("  floor vs string-named writer", floor.SendTextFloor, () =>
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStartObject();
            writer.WriteStartObject("recipient");
            writer.WriteString("user_id", "2468458835296197922");
            writer.WriteEndObject();
            writer.WriteStartObject("message");
            writer.WriteString("text", text);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        });
        Compare("  floor vs ZaloJsonBody message only", floor.SendTextFloor, () => ZaloJsonBody.Write(message, static (w, m) => m.Write(w)));
        Compare("  floor vs writer + message.Write", floor.SendTextFloor, () =>
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStartObject();
            message.Write(writer);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        });
        Compare("  floor vs ZaloJsonBody empty", floor.SendTextFloor, () => ZaloJsonBody.Write(0, static (w, _) => { }));
        Compare("  floor vs ZaloJsonBody recipient only", floor.SendTextFloor, () => ZaloJsonBody.Write(recipient, static (w, r) => r.Write(w)));
        Measure("  ZaloGuard.Text", () => ZaloGuard.Text(text, "message.text", 2000, required: true));
        Measure("  ZaloGuard.IsPlainNfc", () => ZaloGuard.IsPlainNfc(text));
        return 0;
    }

    /// <summary>Runs two actions in alternating batches so machine load hits both alike; reports
    /// wall-clock and this thread's CPU time (which a busy machine inflates far less).</summary>
    private static void Compare(string name, Func<object> a, Func<object> b)
    {
        double ta = 0, tb = 0, ca = 0, cb = 0;
        for (var round = 0; round < 200; round++)
        {
            var w = Stopwatch.StartNew();
            var cpu = WebhookLoop.ThreadCpuNanoseconds();
            for (var i = 0; i < 500; i++)
            {
                a();
            }

            ca += WebhookLoop.ThreadCpuNanoseconds() - cpu;
            ta += w.Elapsed.TotalNanoseconds;
            w.Restart();
            cpu = WebhookLoop.ThreadCpuNanoseconds();
            for (var i = 0; i < 500; i++)
            {
                b();
            }

            cb += WebhookLoop.ThreadCpuNanoseconds() - cpu;
            tb += w.Elapsed.TotalNanoseconds;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {ta / 100_000,10:N0} ns vs {tb / 100_000,10:N0} ns  ratio {tb / ta:0.00}; CPU {ca / 100_000,8:N0} vs {cb / 100_000,8:N0} ns  ratio {cb / ca:0.00}"));
    }

    private static void Measure(string name, Action action)
    {
        for (var i = 0; i < 20_000; i++)
        {
            action();
        }

        const int n = 100_000;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            action();
        }

        watch.Stop();
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {watch.Elapsed.TotalNanoseconds / n,10:N0} ns {bytes / (double)n,8:N0} B"));
    }
}
