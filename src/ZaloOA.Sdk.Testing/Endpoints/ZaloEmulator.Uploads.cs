using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// Uploads: image, gif, file (multipart field file) and article videos.
public sealed partial class ZaloEmulator
{
    private const int Megabyte = 1024 * 1024;

    private void MapUploads()
    {
        MapAsync("POST", "/v2.0/oa/upload/image", r => UploadAsync(r, EmulatedUploadKind.Image, 1 * Megabyte, ["jpg", "jpeg", "png"]));
        MapAsync("POST", "/v2.0/oa/upload/gif", r => UploadAsync(r, EmulatedUploadKind.Gif, 5 * Megabyte, ["gif"]));
        MapAsync("POST", "/v2.0/oa/upload/file", r => UploadAsync(r, EmulatedUploadKind.File, 5 * Megabyte, ["pdf", "doc", "docx", "csv"]));
        MapAsync("POST", "/v2.0/article/upload_video/preparevideo", r => UploadAsync(r, EmulatedUploadKind.Video, 50 * Megabyte, ["mp4", "avi"]));
        Map("GET", "/v2.0/article/upload_video/verify", VerifyVideo);
    }

    // One upload endpoint. Limits: image jpg/png ≤ 1 MB, gif ≤ 5 MB, file pdf/doc/docx/csv ≤ 5 MB,
    // video mp4/avi ≤ 50 MB. Too large → -210 Parameter exceeds allowable limit; wrong
    // extension or no file part → -201. (Zalo's exact codes for these are unpublished [U].)
    private async Task<IResponseMessage> UploadAsync(IRequestMessage request, EmulatedUploadKind kind, int maxBytes, string[] extensions)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var file = await ReadFilePartAsync(request).ConfigureAwait(false);
        if (file is null)
        {
            return Wire.Invalid("file");
        }

        var (fileName, contentType, content) = file.Value;
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        if (!extensions.Contains(extension))
        {
            return Wire.Invalid("file type");
        }

        if (content.Length > maxBytes)
        {
            return Wire.Error(-210, "Parameter exceeds allowable limit");
        }

        var id = Wire.OpaqueId(27);
        var now = Now;
        var mediaUrl = AddMedia(content, MediaType(extension), extension);
        lock (_gate)
        {
            _uploads.Add(new EmulatedUpload(oa.OaId, kind, id, fileName, contentType, content, now, mediaUrl));
            if (kind == EmulatedUploadKind.Video)
            {
                _videos[id] = new VideoState(oa.OaId, id, Wire.HexId(32), _options.VideoProcessingPolls);
            }
        }

        var key = kind is EmulatedUploadKind.Image or EmulatedUploadKind.Gif ? "attachment_id" : "token";
        return Wire.Success(new JsonObject { [key] = id }, dataFirst: true);
    }

    // The type the media URL answers with comes from the (checked) extension, never from the
    // uploader's claim, so an upload can never be served as HTML or script.
    internal static string MediaType(string extension) =>
        extension switch
        {
            "jpg" or "jpeg" => "image/jpeg",
            "png" => "image/png",
            "gif" => "image/gif",
            "pdf" => "application/pdf",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "csv" => "text/csv",
            "mp4" => "video/mp4",
            "avi" => "video/x-msvideo",
            _ => "application/octet-stream",
        };

    private static async Task<(string FileName, string? ContentType, byte[] Content)?> ReadFilePartAsync(IRequestMessage request)
    {
        var contentTypeHeader = Wire.Header(request, "Content-Type");
        if (contentTypeHeader is null || !MediaTypeHeaderValue.TryParse(contentTypeHeader, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }

        using var stream = new MemoryStream(Wire.Body(request));
        var reader = new MultipartReader(boundary, stream) { BodyLengthLimit = 64 * Megabyte };
        while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer).ConfigureAwait(false);
            var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "file";
            return (name, section.ContentType, buffer.ToArray());
        }

        return null;
    }

    // GET /v2.0/article/upload_video/verify: the token is read from the query or from a
    // token header (sources disagree [U]). Answers status 3 (converting) for
    // VideoProcessingPolls polls, then 1 (ready) with the video_id.
    private IResponseMessage VerifyVideo(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var token = Wire.QueryValue(request, "token") ?? Wire.Header(request, "token");
        lock (_gate)
        {
            if (token is null || !_videos.TryGetValue(token, out var video) || video.OaId != oa.OaId)
            {
                return Wire.Invalid("token");
            }

            if (video.PollsRemaining > 0)
            {
                video.PollsRemaining--;
                return Wire.Success(new JsonObject
                {
                    ["video_id"] = string.Empty,
                    ["status"] = 3,
                    ["convert_percent"] = 50,
                    ["status_message"] = "Video is being converted",
                });
            }

            return Wire.Success(new JsonObject
            {
                ["video_id"] = video.VideoId,
                ["status"] = 1,
                ["convert_percent"] = 100,
                ["status_message"] = "Video is ready",
            });
        }
    }
}
