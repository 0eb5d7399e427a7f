using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The replay guard through the real endpoint: correctly signed events stamped outside the
/// timestamp window (default 12 hours, never longer than the 24-hour de-duplication window) get 400.</summary>
public class WebhookTimestampWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static string TextStampedAt(DateTimeOffset at) =>
        $$"""{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"window-1"},"timestamp":"{{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}"}""";

    [Theory]
    [InlineData("2001-01-01T00:00:00Z")]
    [InlineData("2026-11-28T19:59:59Z")]
    [InlineData("2026-11-29T20:00:01Z")]
    [InlineData("2040-01-01T00:00:00Z")]
    public async Task A_signed_event_stamped_outside_the_default_window_gets_400_and_is_not_handled(string stamped)
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync(TextStampedAt(DateTimeOffset.Parse(stamped, CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The event's timestamp is outside the accepted window (a replayed event, or a wrong clock).", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, app.Recorder.Attempts);
    }

    [Theory]
    [InlineData("2026-11-29T08:00:00Z")]
    [InlineData("2026-11-28T20:00:01Z")]
    [InlineData("2026-11-29T19:59:59Z")]
    public async Task A_signed_event_stamped_inside_the_default_window_gets_200_and_is_handled(string stamped)
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync(TextStampedAt(DateTimeOffset.Parse(stamped, CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Recorder.Handled);
    }

    [Fact]
    public async Task A_stale_event_is_logged_as_one_warning_naming_the_app()
    {
        await using var app = await StartAsync();

        await app.PostAsync(TextStampedAt(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var record = Assert.Single(app.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Category!.EndsWith("ZaloWebhookReceiver", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(
            "Zalo webhook from app 1234567890123456789 refused with 400: its signature is valid but its timestamp is outside Zalo:Webhooks:TimestampTolerance around this server's clock (a replayed or very late event, or a wrong clock).",
            record.Message);
    }

    [Fact]
    public async Task A_configured_window_applies_to_the_endpoint()
    {
        await using var app = await StartAsync(zalo => zalo.AddWebhooks(o => o.TimestampTolerance = TimeSpan.FromMinutes(5)));

        var response = await app.PostAsync(TextStampedAt(Now.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_window_longer_than_the_deduplication_window_stops_the_host()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(zalo =>
            zalo.AddWebhooks(o => o.TimestampTolerance = TimeSpan.Parse("1.00:00:01", CultureInfo.InvariantCulture))));

        Assert.Equal(
            "Zalo:Webhooks:TimestampTolerance (1.00:00:01) must not be longer than Zalo:Webhooks:DeduplicationWindow (1.00:00:00); otherwise a signed event older than the de-duplication window could be replayed and handled twice. Lower the tolerance (default 12:00:00) or lengthen the window.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task No_window_stops_the_host_with_the_endpoint()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(zalo => zalo.AddWebhooks(o => o.TimestampTolerance = null)));

        Assert.Equal(
            "Zalo:Webhooks:TimestampTolerance must be set with the webhook endpoint (default 12:00:00): without it a signed event older than the de-duplication window could be replayed and handled twice.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_window_as_long_as_a_longer_deduplication_window_is_accepted()
    {
        await using var app = await StartAsync(zalo => zalo.AddWebhooks(o =>
        {
            o.TimestampTolerance = TimeSpan.FromHours(36);
            o.DeduplicationWindow = TimeSpan.FromHours(36);
        }));

        var response = await app.PostAsync(TextStampedAt(Now.AddHours(-35)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<WebhookApp> StartAsync(Action<ZaloOABuilder>? zalo = null) =>
        WebhookApp.StartAsync(zalo: zalo, now: Now, host: builder => builder.Logging.AddFakeLogging());
}
