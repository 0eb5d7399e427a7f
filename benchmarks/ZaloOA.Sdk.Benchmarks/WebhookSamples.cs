using System.Globalization;
using System.Text;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Webhook bodies shaped like Zalo's (api-reference.md §8.3, §8.4, §12.1): compact JSON, raw UTF-8
/// Vietnamese text, string ids and a string millisecond timestamp, padded to an exact byte size
/// with longer text and more attachments, the way real bodies grow.
/// </summary>
public static class WebhookSamples
{
    public const string AppId = "1234567890123456789";
    public const string OaSecretKey = "ExampleOaSecretKey01";
    public const string OaId = "388613280878808645";
    public const string UserId = "2468458835296197922";
    /// <summary>When the samples are stamped: this process's start (13 digits, like every
    /// millisecond timestamp until 2286), so they are inside the verifier's timestamp window.</summary>
    public static readonly string Timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private const string Filler =
        "Chào anh chị, tôi muốn phản ánh việc xe máy đỗ trên vỉa hè đường Nguyễn Thị Minh Khai, " +
        "phường 5, gây cản trở người đi bộ vào giờ cao điểm buổi sáng. Mong Công an phường kiểm tra giúp. ";

    /// <summary>A signed body of exactly <paramref name="size"/> bytes and its signature header.</summary>
    /// <param name="eventName"><c>user_send_text</c> or <c>user_send_image</c>.</param>
    /// <param name="size">Exact UTF-8 length of the body.</param>
    /// <param name="msgId">The message id (distinct ids defeat de-duplication in load tests).</param>
    public static (byte[] Body, string Signature) Create(string eventName, int size, string msgId = "96d3cdf3af150460909")
    {
        var body = eventName switch
        {
            "user_send_text" => Pad(size, text => Text(text, msgId)),
            "user_send_image" => Pad(size, caption => Image(caption, msgId, size)),
            _ => throw new ArgumentOutOfRangeException(nameof(eventName), eventName, "Only user_send_text and user_send_image are sampled."),
        };
        return (body, ZaloWebhookSignature.ComputeHeaderValue(AppId, body, Timestamp, OaSecretKey));
    }

    private static string Text(string text, string msgId) =>
        "{\"app_id\":\"" + AppId + "\",\"sender\":{\"id\":\"" + UserId + "\"},\"user_id_by_app\":\"552177279717587730\"," +
        "\"recipient\":{\"id\":\"" + OaId + "\"},\"event_name\":\"user_send_text\"," +
        "\"message\":{\"text\":\"" + text + "\",\"msg_id\":\"" + msgId + "\"},\"timestamp\":\"" + Timestamp + "\"}";

    private static string Image(string caption, string msgId, int size)
    {
        // A citizen sends several photos at once; each attachment is ~330 bytes of signed CDN URLs
        // (the smallest sample has one photo with plain URLs).
        var count = Math.Max(1, (size - 600) / 400);
        var small = size < 1024;
        var attachments = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                attachments.Append(',');
            }

            var n = (7_311_472_004_118_265_911L + i).ToString(CultureInfo.InvariantCulture);
            attachments.Append("{\"type\":\"image\",\"payload\":{\"thumbnail\":\"https://photo-stal-13.zadn.vn/thumb/600_600/")
                .Append(n).Append(small ? "/3c7e8a1b95d24f0e8b7d.jpg\"," : "/3c7e8a1b95d24f0e8b7d.jpg?w=240&h=320&sig=0f3a9c2d4e6b8a1f\",")
                .Append("\"url\":\"https://photo-stal-13.zadn.vn/")
                .Append(n).Append(small ? "/3c7e8a1b95d24f0e8b7d.jpg\"}}" : "/3c7e8a1b95d24f0e8b7d.jpg?w=1440&h=1920&sig=7be21d0c5f3a6e9b\"}}");
        }

        return "{\"app_id\":\"" + AppId + "\",\"sender\":{\"id\":\"" + UserId + "\"},\"user_id_by_app\":\"552177279717587730\"," +
            "\"recipient\":{\"id\":\"" + OaId + "\"},\"event_name\":\"user_send_image\"," +
            "\"message\":{\"text\":\"" + caption + "\",\"msg_id\":\"" + msgId + "\",\"attachments\":[" + attachments + "]}," +
            "\"timestamp\":\"" + Timestamp + "\"}";
    }

    /// <summary>Grows the free text until the body is exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Pad(int size, Func<string, string> build)
    {
        var baseLength = Encoding.UTF8.GetByteCount(build(string.Empty));
        if (baseLength > size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The event needs at least {baseLength} bytes.");
        }

        var text = new StringBuilder();
        var bytes = 0;
        for (var i = 0; ; i++)
        {
            var c = Filler[i % Filler.Length];
            var n = Encoding.UTF8.GetByteCount([c]);
            if (baseLength + bytes + n > size)
            {
                break;
            }

            text.Append(c);
            bytes += n;
        }

        // A multi-byte letter may not fit the last byte or two: finish with ASCII.
        text.Append('.', size - baseLength - bytes);
        var result = Encoding.UTF8.GetBytes(build(text.ToString()));
        if (result.Length != size)
        {
            throw new InvalidOperationException($"Sample body is {result.Length} bytes, expected {size}.");
        }

        return result;
    }
}
