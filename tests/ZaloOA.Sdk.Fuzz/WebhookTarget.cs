using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Fuzz;

/// <summary>
/// The code under fuzz and its oracle. For any input bytes:
/// <list type="bullet">
/// <item><see cref="ZaloWebhookParser.Parse(ReadOnlyMemory{byte})"/> returns an event or throws
/// <see cref="ZaloWebhookParseException"/>, and every property of a returned event can be read;</item>
/// <item><see cref="ZaloWebhookParser.TryParse"/> never throws and agrees with <c>Parse</c>;</item>
/// <item><see cref="ZaloWebhookVerifier.VerifySignature(ReadOnlySpan{byte}, string?, string?, string?, TimeSpan?, TimeProvider?)"/>
/// never throws for any header, and a body signed the way Zalo signs verifies while the same
/// signature with one hex digit changed does not;</item>
/// <item><see cref="ZaloWebhookVerifier.VerifyAndParse"/> agrees with verify-then-parse on such a body.</item>
/// </list>
/// Anything else is a finding: <see cref="Run"/> throws <see cref="FuzzFindingException"/> or lets
/// the unexpected exception escape.
/// </summary>
internal static class WebhookTarget
{
    public const string AppId = "1234567890123456789";
    public const string Key = "ExampleOaSecretKey01";

    /// <summary>Runs every check on one input and returns a short outcome label (used as cheap
    /// coverage feedback by the in-process fuzzer).</summary>
    public static string Run(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        var outcome = ParseChecks(bytes);
        outcome += "|" + VerifyChecks(bytes);
        return outcome;
    }

    private static string ParseChecks(byte[] bytes)
    {
        string outcome;
        ZaloWebhookEvent? parsed = null;
        try
        {
            parsed = ZaloWebhookParser.Parse(bytes);
            outcome = parsed.GetType().Name + ":" + Touch(parsed);
        }
        catch (ZaloWebhookParseException ex)
        {
            if (ex.IsTransient)
            {
                throw new FuzzFindingException("ZaloWebhookParseException.IsTransient must be false.");
            }

            outcome = "parse-error:" + Shape(ex.Message);
        }

        var ok = ZaloWebhookParser.TryParse(bytes, out var again, out var error);
        if (ok != (parsed is not null) || (ok && again!.GetType() != parsed!.GetType()) || (!ok && string.IsNullOrEmpty(error)))
        {
            throw new FuzzFindingException("TryParse disagrees with Parse.");
        }

        // The string overload sees the same text after a UTF-8 round trip (invalid sequences become U+FFFD).
        try
        {
            ZaloWebhookParser.Parse(Encoding.UTF8.GetString(bytes));
        }
        catch (ZaloWebhookParseException)
        {
        }

        return outcome;
    }

    /// <summary>Reads every public property, as a handler would; none may throw.</summary>
    private static string Touch(ZaloWebhookEvent e)
    {
        _ = e.EventName.Value;
        _ = e.EventName.ToString();
        _ = e.AppId;
        _ = e.OaId;
        _ = e.UserId;
        _ = e.MessageId;
        _ = e.Timestamp;
        _ = e.RawJson;
        _ = e.AdditionalProperties?.Count;
        var key = e.DeduplicationKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new FuzzFindingException("DeduplicationKey is empty.");
        }

        // Which properties came out set is the cheap coverage signal of the in-process mode: a
        // mutant that fills a field no earlier input filled is kept in the corpus.
        var shape = new StringBuilder();
        foreach (var property in e.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length == 0)
            {
                var value = property.GetValue(e);
                shape.Append(value switch
                {
                    null => '0',
                    string { Length: 0 } => 'e',
                    System.Collections.ICollection { Count: 0 } => 'e',
                    _ => '1',
                });
            }
        }

        return shape.ToString();
    }

    private static string VerifyChecks(byte[] bytes)
    {
        // An arbitrary header built from the input itself must be classified, never throw.
        var rawHeader = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 72));
        var arbitrary = ZaloWebhookVerifier.VerifySignature(bytes, rawHeader, AppId, Key);
        var status = arbitrary.Status.ToString();
        if (arbitrary.IsValid)
        {
            throw new FuzzFindingException("A header taken from the body's own bytes verified.");
        }

        // Zalo sends UTF-8 JSON; a body that is not valid UTF-8 may be refused as malformed
        // before its signature is checked (fail closed), so the oracle only signs valid text.
        if (!System.Text.Unicode.Utf8.IsValid(bytes) || !TryReadSigningFields(bytes, out var appId, out var timestamp))
        {
            return status;
        }

        var signer = appId ?? AppId;
        var header = ZaloWebhookSignature.ComputeHeaderValue(signer, bytes, timestamp, Key);
        var result = ZaloWebhookVerifier.VerifySignature(bytes, header, signer, Key);
        if (!result.IsValid)
        {
            throw new FuzzFindingException($"A correctly signed body did not verify: {result.Status}.");
        }

        // Change one hex digit, chosen by the input, and the signature must stop verifying.
        var position = 4 + (int)(unchecked((uint)bytes.Length * 2654435761u) % 64);
        var chars = header.ToCharArray();
        chars[position] = chars[position] == '0' ? '1' : '0';
        var tampered = ZaloWebhookVerifier.VerifySignature(bytes, new string(chars), signer, Key);
        if (tampered.Status != ZaloWebhookVerificationStatus.Mismatch)
        {
            throw new FuzzFindingException($"A signature with one changed digit gave {tampered.Status}, not Mismatch.");
        }

        OnePassChecks(bytes, header, signer);
        return status + "|signed";
    }

    /// <summary>The verifier of the configured app (the replay window off: the oracle's timestamps
    /// are arbitrary).</summary>
    private static readonly ZaloWebhookVerifier Configured = new(
        new FixedOptions<ZaloWebhookOptions>(new ZaloWebhookOptions { TimestampTolerance = null }),
        new FixedOptions<ZaloOAOptions>(new ZaloOAOptions { AppId = AppId, OaSecretKey = Key }),
        TimeProvider.System);

    /// <summary>On a correctly signed body of the configured app, the one-pass
    /// <see cref="ZaloWebhookVerifier.VerifyAndParse"/> gives what verify-then-parse gives: the
    /// same event type, or the parse exception when parsing throws.</summary>
    private static void OnePassChecks(byte[] bytes, string header, string signer)
    {
        if (signer != AppId)
        {
            return;
        }

        Type? expected;
        try
        {
            expected = ZaloWebhookParser.Parse(bytes).GetType();
        }
        catch (ZaloWebhookParseException)
        {
            expected = null;
        }

        try
        {
            var result = Configured.VerifyAndParse(bytes, header, out var e);
            if (!result.IsValid || e is null || e.GetType() != expected || !e.RawBody.Span.SequenceEqual(bytes))
            {
                throw new FuzzFindingException($"VerifyAndParse gave {result.Status} and {e?.GetType().Name ?? "no event"} where Parse gave {expected?.Name ?? "a parse error"}.");
            }
        }
        catch (ZaloWebhookParseException) when (expected is null)
        {
        }
        catch (ZaloWebhookParseException)
        {
            throw new FuzzFindingException("VerifyAndParse threw the parse exception for a body Parse reads.");
        }
    }

    private sealed class FixedOptions<T>(T value) : Microsoft.Extensions.Options.IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    /// <summary>
    /// Reads <c>app_id</c> and <c>timestamp</c> the way Zalo's signer sees them (a string's value, a
    /// number's exact text), with an independent JSON reader. False when the body is not an
    /// unambiguous object with a timestamp (duplicate keys, too deep, not JSON), where the
    /// verifier's answer is not determined by this oracle.
    /// </summary>
    private static bool TryReadSigningFields(byte[] bytes, out string? appId, out string timestamp)
    {
        appId = null;
        timestamp = string.Empty;
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = ZaloWebhookParser.MaxDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            int timestamps = 0, appIds = 0;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.NameEquals("timestamp"))
                {
                    timestamps++;
                    timestamp = Scalar(p.Value) ?? string.Empty;
                }
                else if (p.NameEquals("app_id"))
                {
                    appIds++;
                    appId = Scalar(p.Value);
                }
            }

            // The verifier decodes the names and strings it looks at; JSON that escapes a lone
            // surrogate (\ud800) in any of them is not valid Unicode and is refused as malformed
            // before the signature is checked (fail closed), so this oracle does not judge it.
            if (!DecodesAsUnicode(doc.RootElement))
            {
                return false;
            }

            return timestamps == 1 && appIds <= 1 && timestamp.Length > 0 && (appIds == 0 || !string.IsNullOrEmpty(appId));
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 inside a string surfaces as ArgumentException from GetString.
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool DecodesAsUnicode(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var p in element.EnumerateObject())
                    {
                        _ = p.Name;
                        if (!DecodesAsUnicode(p.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var e in element.EnumerateArray())
                    {
                        if (!DecodesAsUnicode(e))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>The start of the message up to its first detail, so similar errors share a label.</summary>
    private static string Shape(string message)
    {
        if (message.StartsWith("The ", StringComparison.Ordinal) && message.IndexOf(" event ", StringComparison.Ordinal) is > 0 and var e)
        {
            // "The <event name> event has a field ...": the name is mutated freely; drop it.
            message = "The * event " + message[(e + 7)..];
        }

        var end = message.IndexOfAny([':', '\'', '"', '.']);
        var cut = message[..Math.Min(end < 0 ? message.Length : end, 40)];
        var sb = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            sb.Append(char.IsAsciiDigit(c) ? '#' : c);
        }

        return sb.ToString();
    }
}

/// <summary>An oracle violation that is not an exception of the code under test.</summary>
internal sealed class FuzzFindingException(string message) : Exception(message);
