using System.Net;
using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>OA API calls through the SDK's real connection (token header, envelope, refresh + replay).</summary>
public sealed class ApiTests
{
    private const string TextBody = """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Công an phường đã nhận tin báo của bạn."}}""";

    private static ZaloApiRequest SendText(string json = TextBody) =>
        ZaloApiRequest.PostJsonBytes("messages.cs", "v3.0/oa/message/cs", Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Cs_send_answers_message_id_and_is_recorded_with_the_exact_request_json()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();

        var response = await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(host.Emulator.SentMessages);
        using var data = JsonDocument.Parse(response.DataSpan.ToArray());
        Assert.Equal(sent.MessageId, data.RootElement.GetProperty("message_id").GetString());
        Assert.Equal(EmulatorSdkHost.UserId, data.RootElement.GetProperty("user_id").GetString());
        Assert.Equal("reply", data.RootElement.GetProperty("quota").GetProperty("quota_type").GetString());
        Assert.Equal(TextBody, sent.RequestJson);
        Assert.Equal((EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, EmulatedMessageKind.Consultation), (sent.OaId, sent.UserId, sent.Kind));
        Assert.Equal("Công an phường đã nhận tin báo của bạn.", sent.Text);
    }

    [Fact]
    public async Task Buttons_message_without_template_type_is_accepted_as_the_sdk_sends_it()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        const string body = """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Mời bạn chọn:","attachment":{"type":"template","payload":{"buttons":[{"title":"Tin tức","type":"oa.query.hide","payload":"#tintuc"}]}}}}""";

        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(body), TestContext.Current.CancellationToken);

        Assert.Equal(body, Assert.Single(host.Emulator.SentMessages).RequestJson);
    }

    [Fact]
    public async Task Buttons_message_with_six_buttons_is_refused_with_201()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        var button = """{"title":"Gọi","type":"oa.open.phone","payload":{"phone_code":"113"}}""";
        var body = """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Gọi:","attachment":{"type":"template","payload":{"buttons":[@]}}}}"""
            .Replace("@", string.Join(",", Enumerable.Repeat(button, 6)), StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<ZaloApiException>(() => host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(body), TestContext.Current.CancellationToken));

        Assert.Equal(-201, error.ErrorCode.Value);
        Assert.Empty(host.Emulator.SentMessages);
    }

    [Fact]
    public async Task Send_to_a_user_silent_for_8_days_surfaces_230_as_ZaloApiException()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        host.Emulator.SetLastInteraction(EmulatorSdkHost.OaId, EmulatorSdkHost.UserId, host.Time.GetUtcNow().AddDays(-8));

        var error = await Assert.ThrowsAsync<ZaloApiException>(() => host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(), TestContext.Current.CancellationToken));

        Assert.Equal(-230, error.ErrorCode.Value);
        Assert.Equal("User has not interacted with the OA in the past 7 days", error.ZaloMessage);
        Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
        Assert.Empty(host.Emulator.SentMessages);
    }

    [Fact]
    public async Task Access_token_expired_at_zalo_is_refreshed_by_the_sdk_and_the_call_replayed()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        // The store believes the token is good for a week; Zalo (the emulator) expires it after 25 h.
        var seeded = await host.SeedTokensAsync(claimedExpiry: host.Time.GetUtcNow().AddDays(7));
        host.Time.Advance(TimeSpan.FromSeconds(90001));

        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(), TestContext.Current.CancellationToken);

        var stored = await host.Store.GetAsync(EmulatorSdkHost.OaId, TestContext.Current.CancellationToken);
        Assert.Single(host.Emulator.SentMessages);
        Assert.NotEqual(seeded.AccessToken, stored!.AccessToken);
        Assert.NotEqual(seeded.RefreshToken, stored.RefreshToken);
    }

    [Fact]
    public async Task Image_upload_answers_an_attachment_id_that_a_send_can_use()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        var ct = TestContext.Current.CancellationToken;
        var png = Convert.FromHexString("89504E470D0A1A0A");

        var upload = await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostFile("uploads.image", "v2.0/oa/upload/image", png, "hien-truong.png", "image/png"), ct);
        using var data = JsonDocument.Parse(upload.DataSpan.ToArray());
        var attachmentId = data.RootElement.GetProperty("attachment_id").GetString()!;
        var body = """{"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"image","attachment_id":"ID"}]}}}}""".Replace("ID", attachmentId, StringComparison.Ordinal);
        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(body), ct);

        var recorded = Assert.Single(host.Emulator.UploadedFiles);
        Assert.Equal((EmulatedUploadKind.Image, attachmentId, "hien-truong.png"), (recorded.Kind, recorded.Id, recorded.FileName));
        Assert.Equal(png, recorded.Content.ToArray());
    }

    [Fact]
    public async Task Image_over_1_mb_is_refused()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();

        var error = await Assert.ThrowsAsync<ZaloApiException>(() => host.Connection.SendRawAsync(
            EmulatorSdkHost.OaId,
            ZaloApiRequest.PostFile("uploads.image", "v2.0/oa/upload/image", new byte[(1024 * 1024) + 1], "big.jpg", "image/jpeg"),
            TestContext.Current.CancellationToken));

        Assert.Equal(-210, error.ErrorCode.Value);
        Assert.Empty(host.Emulator.UploadedFiles);
    }

    [Fact]
    public async Task Article_verify_answers_214_while_processing_then_the_id()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        var ct = TestContext.Current.CancellationToken;
        const string article = """{"type":"normal","title":"Cảnh báo lừa đảo","author":"Công an phường","description":"Thủ đoạn mới","cover":{"cover_type":"photo","photo_url":"https://example.vn/a.jpg","status":"show"},"body":[{"type":"text","content":"Nội dung"}],"status":"show","comment":"show"}""";

        var created = await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostJsonBytes("articles.create", "v2.0/article/create", Encoding.UTF8.GetBytes(article)), ct);
        using var createdData = JsonDocument.Parse(created.DataSpan.ToArray());
        var verify = Encoding.UTF8.GetBytes($$"""{"token":"{{createdData.RootElement.GetProperty("token").GetString()}}"}""");
        var processing = await Assert.ThrowsAsync<ZaloApiException>(() => host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostJsonBytes("articles.verify", "v2.0/article/verify", verify), ct));
        var verified = await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostJsonBytes("articles.verify", "v2.0/article/verify", verify), ct);

        using var verifiedData = JsonDocument.Parse(verified.DataSpan.ToArray());
        Assert.Equal(-214, processing.ErrorCode.Value);
        Assert.Equal(Assert.Single(host.Emulator.Articles).Id, verifiedData.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task WaitForMessage_completes_when_a_matching_message_is_sent_later()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        var ct = TestContext.Current.CancellationToken;

        var waiting = host.Emulator.WaitForMessageAsync(m => m.UserId == EmulatorSdkHost.UserId, TimeSpan.FromSeconds(30), ct);
        Assert.False(waiting.IsCompleted);
        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, SendText(), ct);

        Assert.Equal(TextBody, (await waiting).RequestJson);
    }
}
