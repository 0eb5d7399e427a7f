using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Broadcast;

public partial class BroadcastClient
{
    /// <summary>Most articles in one broadcast [S].</summary>
    public const int MaxArticles = 5;

    /// <summary>Broadcasts one article to <paramref name="target"/>.</summary>
    public virtual Task<BroadcastResult> SendArticleAsync(string articleId, BroadcastTarget target, CancellationToken cancellationToken = default) =>
        SendArticlesAsync(new BroadcastRequest { ArticleIds = [articleId], Target = target }, cancellationToken);

    /// <summary>
    /// Broadcasts up to five articles (<c>POST /v2.0/oa/message</c> with <c>recipient.target</c> and a
    /// <c>media</c> template of <c>article</c> elements). Followers only; Zalo reviews broadcast
    /// content (about 30 minutes) before delivery and counts it against the OA package's monthly
    /// allowance [S].
    /// </summary>
    public virtual async Task<BroadcastResult> SendArticlesAsync(BroadcastRequest request, CancellationToken cancellationToken = default)
    {
        var body = Write(request);
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.PostJsonBytes("broadcast.send", "v2.0/oa/message", body), cancellationToken).ConfigureAwait(false);
        return response.HasData ? response.ReadData(BroadcastJsonContext.Default.BroadcastResult, "broadcast.send") : new BroadcastResult();
    }

    internal static byte[] Write(BroadcastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ArticleIds is null || request.ArticleIds.Count == 0 || request.ArticleIds.Count > MaxArticles)
        {
            throw ZaloText.Invalid($"ArticleIds has {request.ArticleIds?.Count ?? 0} ids; a broadcast carries 1 to {MaxArticles} articles.", nameof(request.ArticleIds));
        }

        var target = request.Target ?? throw ZaloText.Invalid("Target is required; use BroadcastTarget.AllFollowers to reach every follower.", nameof(request.Target));
        if (target.IsEmpty)
        {
            throw ZaloText.Invalid("Target sets no criterion; set at least one, or use BroadcastTarget.AllFollowers to reach every follower.", nameof(request.Target));
        }

        var format = request.WireFormat ?? BroadcastWireFormat.Default;
        if (string.IsNullOrWhiteSpace(format.PlatformKey))
        {
            throw ZaloText.Invalid("WireFormat.PlatformKey must be \"platform\" or \"platforms\".", nameof(request.WireFormat));
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ZaloJsonBody.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("recipient");
            w.WriteStartObject("target");
            WriteCodes(w, "ages", target.Ages, format);
            if (target.Gender is { } gender)
            {
                Check((int)gender, "Target.Gender");
                if (format.UseIntegerArrays)
                {
                    w.WriteNumber("gender", (int)gender);
                }
                else
                {
                    w.WriteString("gender", ((int)gender).ToString(CultureInfo.InvariantCulture));
                }
            }

            WriteCodes(w, "locations", target.Locations, format);
            WriteCodes(w, "cities", target.Cities, format);
            WriteCodes(w, format.PlatformKey, target.Platforms, format);
            WriteCodes(w, "telcos", target.Telcos, format);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("message");
            w.WriteStartObject("attachment");
            w.WriteString("type", "template");
            w.WriteStartObject("payload");
            w.WriteString("template_type", "media");
            w.WriteStartArray("elements");
            for (var i = 0; i < request.ArticleIds.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("media_type", "article");
                w.WriteString("attachment_id", ZaloText.Id(request.ArticleIds[i], $"ArticleIds[{i}]"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCodes<T>(Utf8JsonWriter w, string key, IReadOnlyList<T>? values, BroadcastWireFormat format)
        where T : struct, Enum
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        // Distinct, in the caller's order: a repeated code adds nothing and may be refused.
        var codes = new List<int>(values.Count);
        foreach (var value in values)
        {
            var code = Convert.ToInt32(value, CultureInfo.InvariantCulture);
            Check(code, "Target." + key);
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        if (format.UseIntegerArrays)
        {
            w.WriteStartArray(key);
            foreach (var code in codes)
            {
                w.WriteNumberValue(code);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteString(key, string.Join(',', codes.Select(c => c.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static void Check(int code, string path)
    {
        if (code < 0)
        {
            throw ZaloText.Invalid($"{path} has the code {code}; Zalo's targeting codes are not negative.", path);
        }
    }
}

/// <summary>The answer of a broadcast.</summary>
public sealed class BroadcastResult : ZaloModel
{
    /// <summary>The broadcast message id, when Zalo returns one.</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }
}

/// <summary>Source-generated JSON metadata for broadcast (options copied from ZaloJsonContext).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(BroadcastResult))]
internal sealed partial class BroadcastJsonContext : JsonSerializerContext;
