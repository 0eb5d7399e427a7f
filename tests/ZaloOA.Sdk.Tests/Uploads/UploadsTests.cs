using ZaloOA.Tests.Common;
using System.Text;
using ZaloOA.Sdk.Tests.Messaging;
using ZaloOA.Sdk.Uploads;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Uploads;

public class UploadsTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] Jpg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2];
    private static readonly byte[] Gif = "GIF89a....."u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-1.7 ..."u8.ToArray();

    private static void AssertMultipartFile(WireMock.RequestMessage request, string fileName, string contentType, byte[] content)
    {
        Assert.StartsWith("multipart/form-data", request.Headers!["Content-Type"][0], StringComparison.Ordinal);
        var body = Encoding.Latin1.GetString(request.BodyAsBytes!);
        Assert.Contains("name=file", body, StringComparison.Ordinal);
        Assert.Contains($"filename={fileName}", body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: " + contentType, body, StringComparison.Ordinal);
        Assert.Contains(Encoding.Latin1.GetString(content), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_upload_posts_multipart_field_file_and_returns_the_attachment_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/upload/image", """{"data":{"attachment_id":"wESbL53O_shdvIPILC7iR_JpC552r_fjukKg"},"error":0,"message":"Success"}""");

        var result = await host.Client.Uploads.UploadImageAsync(Png, "bien-ban.png", Ct);

        AssertMultipartFile(host.Received("POST", "/v2.0/oa/upload/image"), "bien-ban.png", "image/png", Png);
        Assert.Equal("wESbL53O_shdvIPILC7iR_JpC552r_fjukKg", result.AttachmentId);
    }

    [Fact]
    public async Task Image_upload_from_a_stream_sends_the_stream_content()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/upload/image", """{"attachment_id":"a"}""");

        await host.Client.Uploads.UploadImageAsync(new MemoryStream(Jpg), "a.jpeg", Ct);

        AssertMultipartFile(host.Received("POST", "/v2.0/oa/upload/image"), "a.jpeg", "image/jpeg", Jpg);
    }

    [Fact]
    public async Task Gif_upload_returns_the_attachment_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/upload/gif", """{"attachment_id":"g"}""");

        var result = await host.Client.Uploads.UploadGifAsync(Gif, "x.gif", Ct);

        AssertMultipartFile(host.Received("POST", "/v2.0/oa/upload/gif"), "x.gif", "image/gif", Gif);
        Assert.Equal("g", result.AttachmentId);
    }

    [Fact]
    public async Task File_upload_from_a_path_returns_the_token()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/upload/file", """{"token":"file-token"}""");
        var path = Path.Combine(Path.GetTempPath(), $"zalo-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, Pdf, Ct);
        try
        {
            var result = await host.Client.Uploads.UploadFileAsync(path, Ct);

            AssertMultipartFile(host.Received("POST", "/v2.0/oa/upload/file"), Path.GetFileName(path), "application/pdf", Pdf);
            Assert.Equal("file-token", result.Token);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Image_over_1_MB_is_refused_naming_the_limit()
    {
        await using var host = new ZaloTestHost();
        var big = new byte[UploadsClient.MaxImageBytes + 1];
        Png.CopyTo(big, 0);

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Uploads.UploadImageAsync(big, "a.png", Ct));

        Assert.Equal("content", ex.ParamName);
        Assert.Contains("at most 1 MB", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Oversized_stream_is_refused_without_sending()
    {
        await using var host = new ZaloTestHost();
        var big = new byte[UploadsClient.MaxGifBytes + 10];

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Uploads.UploadGifAsync(new MemoryStream(big), "a.gif", Ct));

        Assert.Contains("at most 5 MB", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Content_that_does_not_match_its_extension_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Uploads.UploadImageAsync(Pdf, "a.png", Ct));

        Assert.Equal("content", ex.ParamName);
        Assert.Contains("JPG or PNG", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Unsupported_extension_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Uploads.UploadFileAsync(Pdf, "a.exe", Ct));

        Assert.Equal("fileName", ex.ParamName);
        Assert.Contains(".pdf, .doc, .docx", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Empty_content_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Uploads.UploadImageAsync(Array.Empty<byte>(), "a.png", Ct));

        Assert.Equal("content", ex.ParamName);
        host.ReceivedNothing();
    }
}
