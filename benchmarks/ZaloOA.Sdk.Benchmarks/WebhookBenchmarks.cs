using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 1: verifying a webhook and building its typed event takes at most 2× the floor (issue 16).
/// The floor is the least work the job can take: one <see cref="Utf8JsonReader"/> pass over the
/// body (to find the <c>timestamp</c> the signature covers) and SHA-256 of exactly what Zalo signs,
/// <c>appId + body + timestamp + oaSecretKey</c>, compared in constant time.
/// The SDK path is what the ASP.NET Core endpoint runs: the DI-configured
/// <see cref="ZaloWebhookVerifier.VerifyAndParse"/> (one envelope pass). The separate
/// <see cref="ZaloWebhookVerifier.Verify"/> then <see cref="ZaloWebhookParser.Parse(ReadOnlyMemory{byte})"/>
/// are measured beside it.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private ServiceProvider _provider = null!;
    private ZaloWebhookVerifier _verifier = null!;
    private byte[] _body = null!;
    private string _signature = null!;
    private byte[] _appId = null!;
    private byte[] _secret = null!;
    private IncrementalHash _sha = null!;

    [Params("user_send_text", "user_send_image")]
    public string Event { get; set; } = "user_send_text";

    [Params(512, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_body, _signature) = WebhookSamples.Create(Event, Size);
        var services = new ServiceCollection();
        services.AddZaloOA(o =>
        {
            o.AppId = WebhookSamples.AppId;
            o.SecretKey = "app-secret";
            o.OaSecretKey = WebhookSamples.OaSecretKey;
        }).AddWebhooks();
        _provider = services.BuildServiceProvider();
        _verifier = _provider.GetRequiredService<ZaloWebhookVerifier>();
        _appId = Encoding.UTF8.GetBytes(WebhookSamples.AppId);
        _secret = Encoding.UTF8.GetBytes(WebhookSamples.OaSecretKey);
        _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!Floor() || VerifyAndParse() is null || VerifyThenParse() is null)
        {
            throw new InvalidOperationException("The sample body does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sha.Dispose();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true, Description = "floor: Utf8JsonReader pass + SHA-256(appId+body+timestamp+key)")]
    public bool Floor()
    {
        var body = _body.AsSpan();
        var reader = new Utf8JsonReader(body);
        ReadOnlySpan<byte> timestamp = default;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.ValueSpan;
            }
        }

        Span<byte> expected = stackalloc byte[32];
        Convert.FromHexString(_signature.AsSpan(4), expected, out _, out _);
        Span<byte> actual = stackalloc byte[32];
        _sha.AppendData(_appId);
        _sha.AppendData(body);
        _sha.AppendData(timestamp);
        _sha.AppendData(_secret);
        _sha.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    [Benchmark(Description = "ZaloWebhookVerifier.VerifyAndParse (one pass, the endpoint's path)")]
    public ZaloWebhookEvent? VerifyAndParse()
    {
        _verifier.VerifyAndParse(_body, _signature, out var webhookEvent);
        return webhookEvent;
    }

    [Benchmark(Description = "ZaloWebhookVerifier.Verify + ZaloWebhookParser.Parse (separate calls)")]
    public ZaloWebhookEvent? VerifyThenParse()
    {
        var result = _verifier.Verify(_body, _signature);
        return result.IsValid ? ZaloWebhookParser.Parse(_body) : null;
    }
}
