using System.Net;
using System.Text;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

public class WebhookEndpointTests
{
    private const string Text = """{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"96d3cdf3af150460909"},"timestamp":"1700000000000"}""";

    [Fact]
    public async Task A_signed_event_is_answered_200_and_handled_once()
    {
        await using var app = await WebhookApp.StartAsync();

        var response = await app.PostAsync(Text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.IsType<UserSendTextEvent>(Assert.Single(app.Recorder.Handled));
        Assert.Equal("Xin chào", e.Text);
        Assert.Equal(Text, e.RawJson);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("mac=df2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e60")]
    [InlineData("mac=nothex")]
    public async Task Unverified_requests_get_401_and_nothing_is_dispatched(string? signature)
    {
        await using var app = await WebhookApp.StartAsync();

        var response = await app.PostAsync(Text, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_gets_413()
    {
        await using var app = await WebhookApp.StartAsync(maxBodyBytes: 1024);

        var response = await app.PostAsync(Text.Replace("Xin chào", new string('a', 2000), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_chunked_body_larger_than_the_limit_gets_413()
    {
        await using var app = await WebhookApp.StartAsync(maxBodyBytes: 1024);
        var body = Encoding.UTF8.GetBytes(Text.Replace("Xin chào", new string('a', 2000), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, WebhookSigner.Sign(body));
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_read_whole_and_handled()
    {
        await using var app = await WebhookApp.StartAsync(maxBodyBytes: 64 * 1024);
        // Longer than the first read buffer (4 KiB), so the body grows while it is read.
        var body = Encoding.UTF8.GetBytes(Text.Replace("Xin chào", string.Concat(Enumerable.Repeat("Tôi muốn trình báo. ", 600)), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, WebhookSigner.Sign(body));
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(app.Recorder.Handled).RawBody.ToArray());
    }

    [Theory]
    [InlineData("""{"app_id":"1234567890123456789","event_name":"user_send_text","timestamp":"1700000000000","sender":"not an object"}""")]
    [InlineData("""{"app_id":"1234567890123456789","timestamp":"1700000000000"}""")]
    [InlineData("""{"app_id":"1234567890123456789","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"a","msg_id":"m"},"timestamp":"1700000000000"}""")]
    public async Task A_signed_body_that_is_not_a_zalo_event_gets_400(string body)
    {
        await using var app = await WebhookApp.StartAsync();

        var response = await app.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        await using var app = await WebhookApp.StartAsync();
        var body = """{"app_id":"1234567890123456789","timestamp":"1700000000000","event_name":"follow",""";

        var response = await app.PostAsync(body, ZaloWebhookSignature.ComputeHeaderValue(ZaloTestHost.AppId, Encoding.UTF8.GetBytes(body), "1700000000000", ZaloTestHost.OaSecretKey));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_gets_400()
    {
        await using var app = await WebhookApp.StartAsync();
        var body = """{"app_id":"1234567890123456789","timestamp":"1700000000000","event_name":"follow","x":""" + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await app.PostAsync(body, ZaloWebhookSignature.ComputeHeaderValue(ZaloTestHost.AppId, Encoding.UTF8.GetBytes(body), "1700000000000", ZaloTestHost.OaSecretKey));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Fact]
    public async Task An_unknown_event_is_answered_200_and_reaches_the_unknown_handler_with_raw_json()
    {
        await using var app = await WebhookApp.StartAsync(zalo: z => z.AddWebhookProcessor<UnknownProcessor>());
        const string body = """{"app_id":"1234567890123456789","oa_id":"388613280878808645","event_name":"brand_new_event","x":{"y":1},"timestamp":"1700000000000"}""";

        var response = await app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(UnknownProcessor.Seen));
    }

    [Fact]
    public async Task A_redelivery_is_answered_200_and_not_handled_again()
    {
        await using var app = await WebhookApp.StartAsync();

        var first = await app.PostAsync(Text);
        var second = await app.PostAsync(Text);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(app.Recorder.Handled);
        Assert.Equal(1, app.Recorder.Attempts);
    }

    [Fact]
    public async Task Fifty_parallel_deliveries_of_one_event_are_handled_exactly_once()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.PostAsync(Text)));
        await app.Recorder.WaitForAsync(1);
        await app.App.StopAsync(TestContext.Current.CancellationToken);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(app.Recorder.Handled);
        Assert.Equal(1, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_failed_inline_handler_answers_500_and_the_redelivery_is_handled()
    {
        await using var app = await WebhookApp.StartAsync();
        app.Recorder.FailNext(1);

        var first = await app.PostAsync(Text);
        var second = await app.PostAsync(Text);
        var third = await app.PostAsync(Text);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (second.StatusCode, third.StatusCode));
        Assert.Single(app.Recorder.Handled);
        Assert.Equal(2, app.Recorder.Attempts);
    }

    [Fact]
    public async Task The_background_worker_retries_a_failed_handler_and_succeeds_once()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => o.MaxAttempts = 3);
        app.Recorder.FailNext(2);

        var response = await app.PostAsync(Text);
        await app.Recorder.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Recorder.Handled);
        Assert.Equal(3, app.Recorder.Attempts);
    }

    [Fact]
    public async Task After_the_last_failed_attempt_the_mark_is_released_so_a_redelivery_is_handled()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => o.MaxAttempts = 2);
        app.Recorder.FailNext(2);
        await app.PostAsync(Text);
        while (Volatile.Read(ref app.Recorder.Attempts) < 2 || await IsClaimedAsync(app))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var redelivery = await app.PostAsync(Text);
        await app.Recorder.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.Single(app.Recorder.Handled);
        Assert.Equal(3, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_and_accepts_the_redelivery_later()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => { o.QueueCapacity = 1; o.MaxConcurrency = 1; o.RetryAfter = TimeSpan.FromSeconds(7); });
        app.Recorder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(Body("a"))).StatusCode);
        await app.Recorder.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(Body("b"))).StatusCode);

        var refused = await app.PostAsync(Body("c"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter!.Delta);
        app.Recorder.Gate.SetResult();
        await app.Recorder.WaitForAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(Body("c"))).StatusCode);
        await app.Recorder.WaitForAsync(1);
        Assert.Equal(["a", "b", "c"], app.Recorder.Handled.Select(e => e.MessageId!).Order());
    }

    [Fact]
    public async Task Shutdown_drains_the_queue()
    {
        var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => o.MaxConcurrency = 1);
        app.Recorder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(Body(id))).StatusCode);
        }

        var stopping = app.App.StopAsync(TestContext.Current.CancellationToken);
        app.Recorder.Gate.SetResult();
        await stopping;

        Assert.Equal(3, app.Recorder.Handled.Count);
        await app.DisposeAsync();
    }

    private static string Body(string msgId) =>
        Text.Replace("96d3cdf3af150460909", msgId, StringComparison.Ordinal);

    private static async Task<bool> IsClaimedAsync(WebhookApp app)
    {
        var store = (IZaloWebhookDeduplicationStore)app.App.Services.GetService(typeof(IZaloWebhookDeduplicationStore))!;
        var key = ZaloWebhookParser.Parse(Text).DeduplicationKey;
        if (await store.TryBeginAsync(key, TimeSpan.FromMinutes(1)))
        {
            await store.AbandonAsync(key);
            return false;
        }

        return true;
    }

    public sealed class UnknownProcessor : ZaloWebhookProcessor
    {
        public static List<string> Seen { get; } = [];

        public override Task OnUnknownEventAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Seen.Add(webhookEvent.RawJson);
            return Task.CompletedTask;
        }
    }

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
