using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Articles;

public partial class ArticlesClient
{
    /// <summary>
    /// Uploads a video for an article (<c>POST /v2.0/article/upload_video/preparevideo</c>,
    /// multipart field <c>file</c>). Accepts <c>.mp4</c> and <c>.avi</c> up to 50 MB [S].
    /// Then poll <see cref="VerifyVideoAsync"/> with the returned token until the video is ready.
    /// </summary>
    /// <returns>The upload token.</returns>
    public virtual async Task<string> PrepareVideoAsync(ReadOnlyMemory<byte> file, string fileName, CancellationToken cancellationToken = default)
    {
        var contentType = VideoContentType(fileName);
        if (file.IsEmpty)
        {
            throw new ZaloValidationException("file is empty; give the video's bytes.", nameof(file));
        }

        if (file.Length > ArticleLimits.MaxVideoBytes)
        {
            throw new ZaloValidationException($"file is {file.Length} bytes; article videos may be at most 50 MB ({ArticleLimits.MaxVideoBytes} bytes). Compress or shorten it.", nameof(file));
        }

        var data = await Connection.SendAsync(OaId, ZaloApiRequest.PostFile("articles.preparevideo", "v2.0/article/upload_video/preparevideo", file, fileName, contentType), ArticlesJsonContext.Default.ArticleTokenData, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(data.Token)
            ? throw new ZaloResponseFormatException("Zalo accepted the video but its answer has no data.token.", System.Net.HttpStatusCode.OK, string.Empty)
            : data.Token;
    }

    /// <summary>Uploads a video read from <paramref name="video"/> (see <see cref="PrepareVideoAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/>).</summary>
    public virtual async Task<string> PrepareVideoAsync(Stream video, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(video);
        VideoContentType(fileName);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await video.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > ArticleLimits.MaxVideoBytes)
            {
                throw new ZaloValidationException($"The video is larger than 50 MB ({ArticleLimits.MaxVideoBytes} bytes); compress or shorten it.", nameof(video));
            }

            buffer.Write(chunk, 0, read);
        }

        return await PrepareVideoAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), fileName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The processing state of an uploaded video (<c>GET /v2.0/article/upload_video/verify</c>).
    /// </summary>
    /// <remarks>Where Zalo reads the token is [U] (query parameter in one source, header in
    /// another), so the SDK sends it both as query parameter <c>token</c> and as header <c>token</c>.</remarks>
    public virtual Task<ArticleVideoStatus> VerifyVideoAsync(string token, CancellationToken cancellationToken = default)
    {
        ZaloText.Id(token, nameof(token));
        var request = new ZaloApiRequest
        {
            Operation = "articles.verifyvideo",
            Method = HttpMethod.Get,
            Path = "v2.0/article/upload_video/verify",
            Query = "token=" + Uri.EscapeDataString(token),
            Headers = [new("token", token)],
            Idempotent = true,
        };
        return Connection.SendAsync(OaId, request, ArticlesJsonContext.Default.ArticleVideoStatus, cancellationToken);
    }

    private static string VideoContentType(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ZaloValidationException("fileName is required, ending in .mp4 or .avi.", nameof(fileName));
        }

        return Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".MP4" => "video/mp4",
            ".AVI" => "video/x-msvideo",
            _ => throw new ZaloValidationException($"fileName \"{fileName}\" is not an .mp4 or .avi file; Zalo accepts only those for article videos.", nameof(fileName)),
        };
    }
}
