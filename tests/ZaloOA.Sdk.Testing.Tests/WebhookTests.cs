using System.Net;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Testing.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task Citizen_text_is_posted_as_compact_json_signed_over_the_exact_bytes()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        using var app = StartApp();
        host.Emulator.WebhookUrl = new Uri(app.Url + "/zalo/webhook");

        var delivery = await host.Emulator.Citizen(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId).SendTextAsync("Tôi muốn trình báo mất xe", TestContext.Current.CancellationToken);

        var received = app.SingleRequestTo("/zalo/webhook");
        var body = received.BodyAsBytes!;
        var json = JsonDocument.Parse(body).RootElement;
        var timestamp = json.GetProperty("timestamp").GetString()!;
        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        Assert.Equal(delivery.Event.Body, Encoding.UTF8.GetString(body));
        Assert.Equal(
            "mac=" + ZaloWebhookSignature.Compute(host.Emulator.AppId, body, timestamp, host.Emulator.OaSecretKey),
            received.Headers![ZaloWebhookSignature.HeaderName][0]);
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.Equal("Tôi muốn trình báo mất xe", json.GetProperty("message").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("user_send_text")]
    [InlineData("follow")]
    [InlineData("user_submit_info")]
    public async Task Event_body_has_the_field_layout_of_zalos_sample(string eventName)
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var events = host.Emulator.Events;
        var built = eventName switch
        {
            "user_send_text" => events.UserSendText(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, "message"),
            "follow" => events.Follow(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId),
            _ => events.UserSubmitInfo(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId),
        };

        using var sample = JsonDocument.Parse(Fixtures.Text("Webhooks", eventName));
        using var actual = JsonDocument.Parse(built.Body);
        Assert.Equal(Layout(sample.RootElement), Layout(actual.RootElement));
        Assert.DoesNotContain("\n", built.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Location_event_attachment_has_the_sample_shape_with_string_coordinates()
    {
        await using var host = await EmulatorSdkHost.StartAsync();

        var built = host.Emulator.Events.UserSendLocation(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, 10.7642473, 106.6564314);

        using var sample = JsonDocument.Parse(Fixtures.Text("Webhooks", "user_send_location"));
        using var actual = JsonDocument.Parse(built.Body);
        var attachment = actual.RootElement.GetProperty("message").GetProperty("attachments")[0];
        Assert.Equal(Layout(sample.RootElement.GetProperty("message").GetProperty("attachments")[0]), Layout(attachment));
        Assert.Equal("10.7642473", attachment.GetProperty("payload").GetProperty("coordinates").GetProperty("latitude").GetString());
    }

    [Fact]
    public async Task Image_event_media_url_downloads_a_valid_png()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var built = host.Emulator.Events.UserSendImage(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, "Ảnh hiện trường");
        using var payload = JsonDocument.Parse(built.Body);
        var url = payload.RootElement.GetProperty("message").GetProperty("attachments")[0].GetProperty("payload").GetProperty("url").GetString()!;
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Convert.FromHexString("89504E470D0A1A0A"), bytes[..8]);
        Assert.Equal(64, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
    }

    [Fact]
    public async Task A_citizen_message_reopens_the_cs_window_closed_by_8_days_of_silence()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        using var app = StartApp();
        host.Emulator.SetLastInteraction(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, host.Time.GetUtcNow().AddDays(-8));
        var ct = TestContext.Current.CancellationToken;

        await host.Emulator.PostWebhookAsync(new Uri(app.Url + "/zalo/webhook"), host.Emulator.Events.UserSendText(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, "Xin chào"), ct);
        await host.Connection.SendRawAsync(
            EmulatorSdkHost.OaId,
            ZaloOA.Sdk.Internal.ZaloApiRequest.PostJsonBytes("messages.cs", "v3.0/oa/message/cs", Encoding.UTF8.GetBytes("""{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Chào bạn"}}""")),
            ct);

        Assert.Equal(host.Time.GetUtcNow(), host.Emulator.GetFollower(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId)!.LastInteraction);
        Assert.Single(host.Emulator.SentMessages);
    }

    internal static WireMockServer StartApp()
    {
        var app = WireMockServer.Start();
        app.Given(Request.Create().WithPath("/zalo/webhook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        return app;
    }

    /// <summary>Property names in order with their value kinds, recursively (arrays by their first item).</summary>
    internal static string Layout(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Layout(p.Value))) + "}",
        JsonValueKind.Array => "[" + (element.GetArrayLength() > 0 ? Layout(element[0]) : string.Empty) + "]",
        _ => element.ValueKind.ToString(),
    };
}
