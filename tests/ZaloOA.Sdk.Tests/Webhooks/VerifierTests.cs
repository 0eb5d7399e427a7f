using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;
using Status = ZaloOA.Sdk.Webhooks.ZaloWebhookVerificationStatus;

namespace ZaloOA.Sdk.Tests.Webhooks;

public class VerifierTests
{
    private const string AppId = "1234567890123456789";
    private const string Key = "ExampleOaSecretKey01";
    private const string TextBody = """{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"96d3cdf3af150460909"},"timestamp":"1700000000000"}""";
    private const string TextMac = "df2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e61";
    private const string FollowBody = """{"oa_id":"388613280878808645","follower":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","event_name":"follow","source":"oa_profile","app_id":"1234567890123456789","timestamp":"1700000000001"}""";
    private const string FollowMac = "5785099d88e551a217f10f00323b1fd1c123a5594c6746c143e2bb18f73b6d2b";

    private static ZaloWebhookVerificationResult Verify(string body, string? header, string? key = Key, TimeSpan? tolerance = null, TimeProvider? time = null) =>
        ZaloWebhookVerifier.VerifySignature(Encoding.UTF8.GetBytes(body), header, AppId, key, tolerance, time);

    [Theory]
    [InlineData(TextBody, "mac=" + TextMac)]
    [InlineData(FollowBody, "mac=" + FollowMac)]
    [InlineData(TextBody, TextMac)]
    [InlineData(FollowBody, FollowMac)]
    public void Reference_vectors_verify_with_or_without_the_mac_prefix(string body, string header)
    {
        Assert.Equal(new ZaloWebhookVerificationResult(Status.Valid, AppId), Verify(body, header));
    }

    [Fact]
    public void Upper_case_hex_and_an_upper_case_prefix_verify()
    {
        Assert.True(Verify(TextBody, "MAC=" + TextMac.ToUpperInvariant()).IsValid);
    }

    [Fact]
    public void Missing_header_is_reported_as_missing()
    {
        Assert.Equal(Status.MissingHeader, Verify(TextBody, null).Status);
        Assert.Equal(Status.MissingHeader, Verify(TextBody, "  ").Status);
    }

    [Theory]
    [InlineData("mac=")]
    [InlineData("mac")]
    [InlineData("mac=df26")]
    [InlineData("mac=" + TextMac + "0")]
    [InlineData("mac=" + "f2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e61")]
    [InlineData("mac=zf2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e61")]
    [InlineData("sha256=" + TextMac)]
    [InlineData("mac=mac=" + TextMac)]
    [InlineData("mac:" + TextMac)]
    [InlineData("mac=" + TextMac + ",mac=" + TextMac)]
    [InlineData("mac= df2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e6")]
    [InlineData("ZGYyNjMwNjc0ZWNkMTQyZjQ1Y2ZkOWMzMGM0ZjQ2MzNiNDI4MzZlYzM2YzMwMjkzNDQ3Zjc=")]
    public void Malformed_headers_are_rejected_as_malformed(string header)
    {
        Assert.Equal(Status.MalformedHeader, Verify(TextBody, header).Status);
    }

    [Fact]
    public void The_app_secret_in_place_of_the_oa_secret_key_is_a_mismatch()
    {
        Assert.Equal(Status.Mismatch, Verify(TextBody, "mac=" + TextMac, key: "ExampleAppSecret0001").Status);
    }

    [Fact]
    public void A_signature_of_another_body_is_a_mismatch()
    {
        Assert.Equal(Status.Mismatch, Verify(TextBody, "mac=" + FollowMac).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_secret_fails_closed_even_with_a_correct_signature(string? key)
    {
        Assert.Equal(Status.NoSecretConfigured, Verify(TextBody, "mac=" + TextMac, key).Status);
    }

    [Fact]
    public void No_secret_fails_closed_before_the_header_is_looked_at()
    {
        Assert.Equal(Status.NoSecretConfigured, Verify(TextBody, null, key: null).Status);
    }

    [Fact]
    public void A_body_for_another_app_is_an_unknown_app()
    {
        var body = TextBody.Replace("1234567890123456789", "999", StringComparison.Ordinal);
        var result = Verify(body, ZaloWebhookSignature.ComputeHeaderValue("999", Encoding.UTF8.GetBytes(body), "1700000000000", Key));
        Assert.Equal(new ZaloWebhookVerificationResult(Status.UnknownApp, "999"), result);
    }

    [Fact]
    public void A_body_without_timestamp_cannot_verify()
    {
        Assert.Equal(Status.MissingTimestamp, Verify("""{"app_id":"1234567890123456789","event_name":"follow"}""", "mac=" + TextMac).Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"timestamp":"1",""")]
    public void A_body_that_is_not_a_json_object_is_malformed(string body)
    {
        Assert.Equal(Status.MalformedBody, Verify(body, "mac=" + TextMac).Status);
    }

    [Fact]
    public void The_body_app_id_selects_the_key_among_several_apps()
    {
        var other = """{"app_id":"42","event_name":"follow","timestamp":"1700000000000"}""";
        var bytes = Encoding.UTF8.GetBytes(other);
        var apps = new[] { new ZaloWebhookApp { AppId = AppId, OaSecretKey = Key }, new ZaloWebhookApp { AppId = "42", OaSecretKey = "second-key" } };

        Assert.Equal(new ZaloWebhookVerificationResult(Status.Valid, "42"), ZaloWebhookVerifier.VerifySignature(bytes, ZaloWebhookSignature.ComputeHeaderValue("42", bytes, "1700000000000", "second-key"), apps));
        Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(bytes, ZaloWebhookSignature.ComputeHeaderValue("42", bytes, "1700000000000", Key), apps).Status);
        Assert.True(ZaloWebhookVerifier.VerifySignature(Encoding.UTF8.GetBytes(TextBody), "mac=" + TextMac, apps).IsValid);
    }

    [Theory]
    [InlineData(0, Status.Valid)]
    [InlineData(300_000, Status.Valid)]
    [InlineData(-300_000, Status.Valid)]
    [InlineData(300_001, Status.Stale)]
    [InlineData(-300_001, Status.Stale)]
    public void Timestamp_tolerance_is_inclusive_to_the_millisecond(long nowMinusTimestampMs, Status expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000 + nowMinusTimestampMs));
        Assert.Equal(expected, Verify(TextBody, "mac=" + TextMac, tolerance: TimeSpan.FromMinutes(5), time: time).Status);
    }

    [Fact]
    public void A_stale_body_with_a_wrong_signature_reports_the_mismatch()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1800000000000));
        Assert.Equal(Status.Mismatch, Verify(TextBody, "mac=" + FollowMac, tolerance: TimeSpan.FromMinutes(5), time: time).Status);
    }

    [Fact]
    public void Injected_verifier_defaults_to_the_zalo_options_app_and_key()
    {
        var verifier = CreateVerifier(new ZaloWebhookOptions(), new ZaloOAOptions { AppId = AppId, OaSecretKey = Key }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000)));
        Assert.True(verifier.Verify(Encoding.UTF8.GetBytes(TextBody), "mac=" + TextMac).IsValid);
    }

    [Theory]
    [InlineData(12 * 3600_000, Status.Valid)]
    [InlineData(-12 * 3600_000, Status.Valid)]
    [InlineData(12 * 3600_000 + 1, Status.Stale)]
    [InlineData(-12 * 3600_000 - 1, Status.Stale)]
    public void Injected_verifier_refuses_events_outside_12_hours_by_default(long nowMinusTimestampMs, Status expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000 + nowMinusTimestampMs));
        var verifier = CreateVerifier(new ZaloWebhookOptions(), new ZaloOAOptions { AppId = AppId, OaSecretKey = Key }, time);
        Assert.Equal(expected, verifier.Verify(Encoding.UTF8.GetBytes(TextBody), "mac=" + TextMac).Status);
    }

    [Fact]
    public void Injected_verifier_without_any_key_fails_closed()
    {
        var verifier = CreateVerifier(new ZaloWebhookOptions(), new ZaloOAOptions { AppId = AppId });
        Assert.Equal(Status.NoSecretConfigured, verifier.Verify(Encoding.UTF8.GetBytes(TextBody), "mac=" + TextMac).Status);
    }

    [Fact]
    public void Injected_verifier_applies_the_configured_tolerance_with_its_clock()
    {
        var options = new ZaloWebhookOptions { TimestampTolerance = TimeSpan.FromSeconds(1) };
        options.Apps.Add(new ZaloWebhookApp { AppId = AppId, OaSecretKey = Key });
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1700000001001));
        var verifier = CreateVerifier(options, new ZaloOAOptions { AppId = "1" }, time);
        Assert.Equal(Status.Stale, verifier.Verify(Encoding.UTF8.GetBytes(TextBody), "mac=" + TextMac).Status);
    }

    [Fact]
    public void Compute_then_verify_holds_for_arbitrary_bodies_and_secrets()
    {
        Gen.Select(Gen.String, Gen.String[1, 64], Gen.Long[0, 4_000_000_000_000], (text, key, ts) => (text, key, ts)).Sample(t =>
        {
            var body = BodyWith(t.text, t.ts);
            var header = ZaloWebhookSignature.ComputeHeaderValue(AppId, body, t.ts.ToString(System.Globalization.CultureInfo.InvariantCulture), t.key);
            Assert.True(ZaloWebhookVerifier.VerifySignature(body, header, AppId, t.key).IsValid);
        });
    }

    [Fact]
    public void Any_single_changed_byte_fails_verification()
    {
        Gen.Select(Gen.String, Gen.Int[0, int.MaxValue], Gen.Byte[1, 255], (text, position, delta) => (text, position, delta)).Sample(t =>
        {
            var body = BodyWith(t.text, 1700000000000);
            var header = WebhookSigner.Sign(body, AppId, Key);
            var tampered = (byte[])body.Clone();
            tampered[t.position % tampered.Length] = unchecked((byte)(tampered[t.position % tampered.Length] + t.delta));
            Assert.False(ZaloWebhookVerifier.VerifySignature(tampered, header, AppId, Key).IsValid);
        });
    }

    [Theory]
    [InlineData("{ \"app_id\" : \"1234567890123456789\" ,\n  \"event_name\":\"follow\",\t\"timestamp\":\"1700000000000\" }\r\n")]
    [InlineData("""{"app_id":"1234567890123456789","event_name":"user_send_text","message":{"text":"Xin ch\u00e0o \ud83d\ude00"},"timestamp":"1700000000000"}""")]
    [InlineData("""{"app_id":"1234567890123456789","event_name":"user\u005fsend_text","message":{"text":"Xin chào"},"timestamp":"1700000000000"}""")]
    public void Insignificant_whitespace_and_escapes_verify_when_the_bytes_are_as_sent(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = ZaloWebhookSignature.ComputeHeaderValue(AppId, bytes, "1700000000000", Key);
        Assert.True(ZaloWebhookVerifier.VerifySignature(bytes, header, AppId, Key).IsValid);

        // The same document re-serialised compactly is different bytes: it must not verify.
        var reserialised = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(System.Text.Json.JsonDocument.Parse(bytes).RootElement);
        Assert.False(ZaloWebhookVerifier.VerifySignature(reserialised, header, AppId, Key).IsValid);
    }

    [Fact]
    public void Verify_and_parse_returns_the_typed_event_over_the_bytes_as_received()
    {
        var body = Encoding.UTF8.GetBytes(TextBody);

        var result = Configured().VerifyAndParse(body, "mac=" + TextMac, out var e);

        Assert.Equal(new ZaloWebhookVerificationResult(Status.Valid, AppId), result);
        var text = Assert.IsType<UserSendTextEvent>(e);
        Assert.Equal(("Xin chào", "96d3cdf3af150460909", "388613280878808645", "2468458835296197922"), (text.Text, text.MessageId, text.OaId, text.UserId));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(text.RawBody, out var segment));
        Assert.Same(body, segment.Array);
    }

    [Fact]
    public void Verify_and_parse_parses_nothing_that_does_not_verify()
    {
        // Not a Zalo event (no sender, no message): parsing it would throw, so a plain status shows
        // the signature was checked first.
        const string body = """{"app_id":"1234567890123456789","event_name":"user_send_text","timestamp":"1700000000000"}""";

        var result = Configured().VerifyAndParse(Encoding.UTF8.GetBytes(body), "mac=" + TextMac, out var e);

        Assert.Equal((Status.Mismatch, null), (result.Status, e));
    }

    [Fact]
    public void Verify_and_parse_of_a_signed_body_that_is_not_a_zalo_event_throws_the_parse_exception()
    {
        var body = Encoding.UTF8.GetBytes("""{"app_id":"1234567890123456789","event_name":"user_send_text","timestamp":"1700000000000"}""");

        var ex = Assert.Throws<ZaloWebhookParseException>(() => Configured().VerifyAndParse(body, WebhookSigner.Sign(body, AppId, Key), out _));

        Assert.Contains("lacks the OA id (recipient.id)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TextBody, "mac=" + TextMac)]
    [InlineData(FollowBody, "mac=" + FollowMac)]
    [InlineData(TextBody, "mac=" + FollowMac)]
    [InlineData(TextBody, null)]
    [InlineData(TextBody, "mac=df26")]
    [InlineData("""{"app_id":"1","event_name":"follow","timestamp":"1"}""", "mac=" + TextMac)]
    [InlineData("""{"app_id":"1234567890123456789","event_name":"follow"}""", "mac=" + TextMac)]
    [InlineData("""{"event_name":"follow",""", "mac=" + TextMac)]
    [InlineData("[]", "mac=" + TextMac)]
    [InlineData("""{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"a","msg_id":"m"},"timestamp":"1600000000000"}""", "sign")]
    public void Verify_and_parse_agrees_with_verify_then_parse(string body, string? header)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        header = header == "sign" ? WebhookSigner.Sign(bytes, AppId, Key) : header;
        var verifier = Configured();

        var separate = verifier.Verify(bytes, header);
        var combined = verifier.VerifyAndParse(bytes, header, out var e);

        Assert.Equal(separate, combined);
        Assert.Equal(separate.IsValid ? ZaloWebhookParser.Parse(bytes).GetType() : null, e?.GetType());
    }

    /// <summary>The injected verifier with the default options, its clock at the vectors' timestamp.</summary>
    private static ZaloWebhookVerifier Configured() =>
        CreateVerifier(new ZaloWebhookOptions(), new ZaloOAOptions { AppId = AppId, OaSecretKey = Key }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000)));

    private static byte[] BodyWith(string text, long timestamp) =>
        Encoding.UTF8.GetBytes("{\"app_id\":\"" + AppId + "\",\"event_name\":\"user_send_text\",\"message\":{\"text\":"
            + System.Text.Json.JsonSerializer.Serialize(text, ZaloOA.Sdk.Tests.Webhooks.TestJson.Default.String)
            + "},\"timestamp\":\"" + timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}");

    private static ZaloWebhookVerifier CreateVerifier(ZaloWebhookOptions webhook, ZaloOAOptions zalo, TimeProvider? time = null) =>
        new(new StaticMonitor<ZaloWebhookOptions>(webhook), new StaticMonitor<ZaloOAOptions>(zalo), time ?? TimeProvider.System);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
