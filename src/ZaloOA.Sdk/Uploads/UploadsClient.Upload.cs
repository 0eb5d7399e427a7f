using System.Globalization;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Uploads;

public partial class UploadsClient
{
    /// <summary>Image upload limit: 1 MB.</summary>
    public const long MaxImageBytes = 1024 * 1024;

    /// <summary>GIF upload limit: 5 MB. [S]</summary>
    public const long MaxGifBytes = 5 * 1024 * 1024;

    /// <summary>File upload limit: 5 MB.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Uploads a JPG or PNG image (at most 1 MB) to <c>POST /v2.0/oa/upload/image</c> and returns its
    /// <c>attachment_id</c> for <c>ZaloImageMessage.FromAttachment</c>. Ids expire after about 7 days: do not store them.
    /// </summary>
    /// <param name="content">The image bytes.</param>
    /// <param name="fileName">The file name; its extension must be .jpg, .jpeg or .png.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">Too large, empty, or not a JPG/PNG (by extension and content); nothing was sent.</exception>
    public virtual Task<ZaloUploadedAttachment> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken = default)
    {
        var kind = UploadKind.Image;
        var contentType = kind.Check(content.Span, content.Length, fileName);
        return Connection.SendAsync(OaId, ZaloApiRequest.PostFile("uploads.image", "v2.0/oa/upload/image", content, Path.GetFileName(fileName), contentType), UploadsJsonContext.Default.ZaloUploadedAttachment, cancellationToken);
    }

    /// <summary>Uploads a JPG or PNG image read from <paramref name="content"/> (at most 1 MB; reading stops past the limit).</summary>
    /// <param name="content">The image stream, read from its current position.</param>
    /// <param name="fileName">The file name; its extension must be .jpg, .jpeg or .png.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedAttachment> UploadImageAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        await UploadImageAsync(await ReadLimitedAsync(content, UploadKind.Image, cancellationToken).ConfigureAwait(false), fileName, cancellationToken).ConfigureAwait(false);

    /// <summary>Uploads the JPG or PNG image at <paramref name="path"/> (at most 1 MB).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedAttachment> UploadImageAsync(string path, CancellationToken cancellationToken = default) =>
        await UploadImageAsync(await ReadFileAsync(path, UploadKind.Image, cancellationToken).ConfigureAwait(false), path, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Uploads a GIF (at most 5 MB) to <c>POST /v2.0/oa/upload/gif</c> and returns its <c>attachment_id</c>
    /// for <c>ZaloGifMessage</c>.
    /// </summary>
    /// <param name="content">The GIF bytes.</param>
    /// <param name="fileName">The file name; its extension must be .gif.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloUploadedAttachment> UploadGifAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken = default)
    {
        var contentType = UploadKind.Gif.Check(content.Span, content.Length, fileName);
        return Connection.SendAsync(OaId, ZaloApiRequest.PostFile("uploads.gif", "v2.0/oa/upload/gif", content, Path.GetFileName(fileName), contentType), UploadsJsonContext.Default.ZaloUploadedAttachment, cancellationToken);
    }

    /// <summary>Uploads a GIF read from <paramref name="content"/> (at most 5 MB).</summary>
    /// <param name="content">The GIF stream, read from its current position.</param>
    /// <param name="fileName">The file name; its extension must be .gif.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedAttachment> UploadGifAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        await UploadGifAsync(await ReadLimitedAsync(content, UploadKind.Gif, cancellationToken).ConfigureAwait(false), fileName, cancellationToken).ConfigureAwait(false);

    /// <summary>Uploads the GIF at <paramref name="path"/> (at most 5 MB).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedAttachment> UploadGifAsync(string path, CancellationToken cancellationToken = default) =>
        await UploadGifAsync(await ReadFileAsync(path, UploadKind.Gif, cancellationToken).ConfigureAwait(false), path, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Uploads a PDF, DOC or DOCX file (at most 5 MB) to <c>POST /v2.0/oa/upload/file</c> and returns the
    /// <c>token</c> for <c>ZaloFileMessage</c>.
    /// </summary>
    /// <param name="content">The file bytes.</param>
    /// <param name="fileName">The file name shown to the follower; its extension must be .pdf, .doc or .docx.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloUploadedFile> UploadFileAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken = default)
    {
        var contentType = UploadKind.File.Check(content.Span, content.Length, fileName);
        return Connection.SendAsync(OaId, ZaloApiRequest.PostFile("uploads.file", "v2.0/oa/upload/file", content, Path.GetFileName(fileName), contentType), UploadsJsonContext.Default.ZaloUploadedFile, cancellationToken);
    }

    /// <summary>Uploads a PDF, DOC or DOCX read from <paramref name="content"/> (at most 5 MB).</summary>
    /// <param name="content">The file stream, read from its current position.</param>
    /// <param name="fileName">The file name; its extension must be .pdf, .doc or .docx.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedFile> UploadFileAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        await UploadFileAsync(await ReadLimitedAsync(content, UploadKind.File, cancellationToken).ConfigureAwait(false), fileName, cancellationToken).ConfigureAwait(false);

    /// <summary>Uploads the PDF, DOC or DOCX at <paramref name="path"/> (at most 5 MB).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloUploadedFile> UploadFileAsync(string path, CancellationToken cancellationToken = default) =>
        await UploadFileAsync(await ReadFileAsync(path, UploadKind.File, cancellationToken).ConfigureAwait(false), path, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads at most limit + 1 bytes so an oversized stream is refused without reading all of it.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream content, UploadKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[kind.MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        if (total > kind.MaxBytes)
        {
            throw kind.TooLarge(null);
        }

        return buffer.AsMemory(0, total);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadFileAsync(string path, UploadKind kind, CancellationToken cancellationToken)
    {
        ZaloGuard.Required(path, nameof(path));
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw ZaloGuard.Invalid($"path '{path}' does not exist.", nameof(path));
        }

        if (info.Length > kind.MaxBytes)
        {
            throw kind.TooLarge(info.Length);
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What each upload endpoint accepts: extensions, magic bytes and size.</summary>
    private sealed class UploadKind
    {
        public static readonly UploadKind Image = new("image", MaxImageBytes, "JPG or PNG", [
            (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
            (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
            (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ]);

        public static readonly UploadKind Gif = new("GIF", MaxGifBytes, "GIF", [
            (".gif", "image/gif", "GIF8"u8.ToArray()),
        ]);

        public static readonly UploadKind File = new("file", MaxFileBytes, "PDF, DOC or DOCX", [
            (".pdf", "application/pdf", "%PDF"u8.ToArray()),
            (".doc", "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        ]);

        private readonly (string Extension, string ContentType, byte[] Magic)[] _formats;

        private UploadKind(string name, long maxBytes, string formats, (string, string, byte[])[] accepted)
        {
            Name = name;
            MaxBytes = (int)maxBytes;
            Formats = formats;
            _formats = accepted;
        }

        public string Name { get; }

        public int MaxBytes { get; }

        public string Formats { get; }

        public ZaloValidationException TooLarge(long? size)
        {
            var limit = MaxBytes / (1024 * 1024);
            var actual = size is null ? "more than that" : $"{size.Value.ToString("N0", CultureInfo.InvariantCulture)} bytes";
            return ZaloGuard.Invalid(
                $"content is {actual}; Zalo accepts {Name} uploads of at most {limit} MB ({MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes). Compress or resize it first.",
                "content");
        }

        /// <summary>Checks size, extension and magic bytes; returns the content type to send.</summary>
        public string Check(ReadOnlySpan<byte> content, int length, string fileName)
        {
            ZaloGuard.Required(fileName, nameof(fileName));
            if (length == 0)
            {
                throw ZaloGuard.Invalid($"content is empty; pass the {Formats} bytes.", "content");
            }

            if (length > MaxBytes)
            {
                throw TooLarge(length);
            }

            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            var allowed = string.Join(", ", _formats.Select(f => f.Extension));
            foreach (var (ext, contentType, magic) in _formats)
            {
                if (ext != extension)
                {
                    continue;
                }

                if (!content.StartsWith(magic))
                {
                    throw ZaloGuard.Invalid($"content does not look like a {ext} file (its first bytes do not match); Zalo accepts {Formats} here.", "content");
                }

                return contentType;
            }

            throw ZaloGuard.Invalid($"fileName '{Path.GetFileName(fileName)}' has the extension '{extension}'; Zalo accepts {Formats} here ({allowed}).", "fileName");
        }
    }
}
