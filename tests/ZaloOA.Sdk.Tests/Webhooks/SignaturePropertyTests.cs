using System.Globalization;
using System.Text;
using CsCheck;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;
using Status = ZaloOA.Sdk.Webhooks.ZaloWebhookVerificationStatus;

namespace ZaloOA.Sdk.Tests.Webhooks;

/// <summary>
/// Properties of signing and verification beyond VerifierTests' (sign-then-verify and a changed body
/// byte): a change anywhere in the signed input (app id, timestamp, OA secret key, any digit of the
/// mac) fails, and arbitrary headers and bodies only ever produce a status, never an exception.
/// </summary>
public class SignaturePropertyTests
{
    private static readonly Gen<string> AppId = Gen.Long[1, long.MaxValue].Select(n => n.ToString(CultureInfo.InvariantCulture));
    private static readonly Gen<long> Timestamp = Gen.Long[1, 4_000_000_000_000];
    private static readonly Gen<string> Secret = Gen.String[1, 64];

    private static byte[] Body(string appId, long timestamp, string text) =>
        Encoding.UTF8.GetBytes($$"""{"app_id":"{{appId}}","event_name":"user_send_text","message":{"text":{{System.Text.Json.JsonSerializer.Serialize(text, TestJson.Default.String)}}},"timestamp":"{{timestamp.ToString(CultureInfo.InvariantCulture)}}"}""");

    private static string Changed(string value, int position, char replacement)
    {
        var chars = value.ToCharArray();
        var i = position % chars.Length;
        chars[i] = chars[i] == replacement ? (char)(replacement + 1) : replacement;
        return new string(chars);
    }

    [Fact]
    public void Signature_made_with_another_app_id_does_not_verify()
    {
        Gen.Select(AppId, Timestamp, Secret, Gen.String, Gen.Int[0, 100], Gen.Char['0', '9'], (app, ts, key, text, pos, c) => (app, ts, key, text, pos, c)).Sample(t =>
        {
            var body = Body(t.app, t.ts, t.text);
            var other = Changed(t.app, t.pos, t.c);
            var header = ZaloWebhookSignature.ComputeHeaderValue(other, body, t.ts.ToString(CultureInfo.InvariantCulture), t.key);

            Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(body, header, t.app, t.key).Status);
        });
    }

    [Fact]
    public void Signature_made_with_another_timestamp_does_not_verify()
    {
        Gen.Select(AppId, Timestamp, Secret, Gen.String, Gen.Long[1, 1_000_000], (app, ts, key, text, delta) => (app, ts, key, text, delta)).Sample(t =>
        {
            var body = Body(t.app, t.ts, t.text);
            var header = ZaloWebhookSignature.ComputeHeaderValue(t.app, body, (t.ts + t.delta).ToString(CultureInfo.InvariantCulture), t.key);

            Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(body, header, t.app, t.key).Status);
        });
    }

    [Fact]
    public void Changing_the_timestamp_in_a_signed_body_fails_verification()
    {
        Gen.Select(AppId, Timestamp, Secret, Gen.String, Gen.Long[1, 1_000_000], (app, ts, key, text, delta) => (app, ts, key, text, delta)).Sample(t =>
        {
            var header = ZaloWebhookSignature.ComputeHeaderValue(t.app, Body(t.app, t.ts, t.text), t.ts.ToString(CultureInfo.InvariantCulture), t.key);
            var replayed = Body(t.app, t.ts + t.delta, t.text);

            Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(replayed, header, t.app, t.key).Status);
        });
    }

    [Fact]
    public void Signature_made_with_another_secret_does_not_verify()
    {
        Gen.Select(AppId, Timestamp, Secret, Gen.String, Gen.Int[0, 100], Gen.Char, (app, ts, key, text, pos, c) => (app, ts, key, text, pos, c)).Sample(t =>
        {
            var body = Body(t.app, t.ts, t.text);
            var header = ZaloWebhookSignature.ComputeHeaderValue(t.app, body, t.ts.ToString(CultureInfo.InvariantCulture), Changed(t.key, t.pos, t.c));

            Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(body, header, t.app, t.key).Status);
        });
    }

    [Fact]
    public void Any_changed_hex_digit_of_the_mac_fails_and_case_and_prefix_do_not_matter()
    {
        Gen.Select(AppId, Timestamp, Secret, Gen.String, Gen.Int[0, 63], Gen.Bool, (app, ts, key, text, pos, upper) => (app, ts, key, text, pos, upper)).Sample(t =>
        {
            var body = Body(t.app, t.ts, t.text);
            var mac = ZaloWebhookSignature.Compute(t.app, body, t.ts.ToString(CultureInfo.InvariantCulture), t.key);
            var shown = t.upper ? mac.ToUpperInvariant() : mac;

            Assert.True(ZaloWebhookVerifier.VerifySignature(body, shown, t.app, t.key).IsValid);
            Assert.True(ZaloWebhookVerifier.VerifySignature(body, " mac=" + shown + " ", t.app, t.key).IsValid);
            var tampered = Changed(mac, t.pos, mac[t.pos] == 'a' ? 'b' : 'a');
            Assert.Equal(Status.Mismatch, ZaloWebhookVerifier.VerifySignature(body, "mac=" + tampered, t.app, t.key).Status);
        });
    }

    [Fact]
    public void Arbitrary_headers_only_ever_give_a_status()
    {
        var body = Encoding.UTF8.GetBytes("""{"app_id":"1234567890123456789","event_name":"follow","timestamp":"1700000000000"}""");
        var header = Gen.OneOf(
            Gen.String,
            Gen.String[Gen.Char.AlphaNumeric, 60, 70].Select(s => "mac=" + s),
            Gen.Char["0123456789abcdefABCDEF \t=mac\u0660\uff10"].Array[0, 80].Select(c => new string(c)));
        header.Sample(h =>
        {
            var result = ZaloWebhookVerifier.VerifySignature(body, h, ZaloTestHost.AppId, ZaloTestHost.OaSecretKey);

            Assert.True(Enum.IsDefined(result.Status));
            Assert.False(result.IsValid);
        });
    }

    [Fact]
    public void Arbitrary_bodies_with_any_header_only_ever_give_a_status()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.String.Null(), (body, header) => (body, header)).Sample(t =>
        {
            var result = ZaloWebhookVerifier.VerifySignature(t.body, t.header, ZaloTestHost.AppId, ZaloTestHost.OaSecretKey, TimeSpan.FromMinutes(5));

            Assert.True(Enum.IsDefined(result.Status));
        });
    }

    [Fact]
    public void Arbitrary_bytes_signed_correctly_either_verify_or_are_refused_as_unreadable()
    {
        // Mutated real bodies: whatever the parser makes of them, a correct signature over the exact
        // bytes never gives Mismatch, and the parser itself only throws its documented exception.
        var seeds = Fixtures.Names("Webhooks").Select(n => Fixtures.Bytes("Webhooks", n)).ToArray();
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, int.MaxValue], Gen.Byte, (i, pos, b) => (i, pos, b)).Sample(t =>
        {
            var body = (byte[])seeds[t.i].Clone();
            body[t.pos % body.Length] = t.b;
            string? timestamp;
            try
            {
                timestamp = WebhookSigner.TimestampOf(body);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                return;
            }

            var header = ZaloWebhookSignature.ComputeHeaderValue(ZaloTestHost.AppId, body, timestamp, ZaloTestHost.OaSecretKey);
            var result = ZaloWebhookVerifier.VerifySignature(body, header, ZaloTestHost.AppId, ZaloTestHost.OaSecretKey);
            Assert.NotEqual(Status.Mismatch, result.Status);
            try
            {
                ZaloWebhookParser.Parse(body);
            }
            catch (ZaloWebhookParseException)
            {
            }
        });
    }
}
