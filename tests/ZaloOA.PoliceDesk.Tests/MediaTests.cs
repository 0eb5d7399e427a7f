using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Tests;

public sealed class MediaTests : IDisposable
{
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InboundCitizenMessage Image(DeskFactory desk, string msgId, string oaId = DeskFactory.OaTpTraVinh) =>
        desk.Text(msgId, "Ảnh hiện trường", oaId) with
        {
            Kind = MessageKind.Image,
            Media = [new InboundMedia($"https://photo-stal-1.zdn.vn/{msgId}.jpg")],
        };

    [Fact]
    public async Task Worker_stores_our_own_copy_of_the_media()
    {
        using var desk = new DeskFactory(_state);
        var c = await desk.RecordAsync(Image(desk, "msg-1"));

        Assert.Equal(1, await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct));

        var media = await desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal((MediaStatus.Stored, "image/jpeg", 8L), (media.Status, media.ContentType, media.SizeBytes));
        var file = Path.Combine(_state.Root, "media", media.StoredPath!);
        Assert.Equal(_state.Media.Body, await File.ReadAllBytesAsync(file, Ct));
        Assert.Equal(c.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetDirectoryName(media.StoredPath));
    }

    [Fact]
    public async Task Pending_download_is_resumed_after_a_restart()
    {
        using (var before = new DeskFactory(_state))
        {
            await before.RecordAsync(Image(before, "msg-1"));
            Assert.Equal(MediaStatus.Pending, await before.DbAsync(db => db.Media.Select(m => m.Status).SingleAsync()));
        }

        Assert.Equal(0, _state.Media.Requests);
        using var after = new DeskFactory(_state, workers: true);
        _ = after.Services; // start the host: the worker picks up the pending row on its own

        await AcknowledgementTests.Eventually(() =>
            after.DbAsync(db => db.Media.Select(m => m.Status).SingleAsync()).GetAwaiter().GetResult() == MediaStatus.Stored);
        Assert.Equal(1, _state.Media.Requests);
    }

    [Fact]
    public async Task Expired_zalo_url_fails_without_retrying()
    {
        using var desk = new DeskFactory(_state);
        _state.Media.Status = HttpStatusCode.NotFound;
        await desk.RecordAsync(Image(desk, "msg-1"));

        await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);

        var media = await desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal((MediaStatus.Failed, 1, "HTTP 404"), (media.Status, media.Attempts, media.LastError));
    }

    [Fact]
    public async Task Server_error_is_retried_later()
    {
        using var desk = new DeskFactory(_state);
        _state.Media.Status = HttpStatusCode.ServiceUnavailable;
        await desk.RecordAsync(Image(desk, "msg-1"));
        var worker = desk.Services.GetRequiredService<MediaDownloadWorker>();

        await worker.ProcessDueAsync(Ct);
        _state.Media.Status = HttpStatusCode.OK;
        _state.Time.Advance(TimeSpan.FromSeconds(30));
        await worker.ProcessDueAsync(Ct);

        var media = await desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal((MediaStatus.Stored, 2), (media.Status, media.Attempts));
    }

    [Fact]
    public async Task Stored_media_is_served_only_within_scope()
    {
        using var desk = new DeskFactory(_state);
        await desk.RecordAsync(Image(desk, "msg-1"));
        await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);
        var mediaId = await desk.DbAsync(db => db.Media.Select(m => m.Id).SingleAsync());
        var own = await desk.SignInAsync("canbo.tptravinh");
        var other = await desk.SignInAsync("canbo.canglong");

        using var ownResponse = await own.GetAsync($"/media/{mediaId}", Ct);
        using var otherResponse = await other.GetAsync($"/media/{mediaId}", Ct);

        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal(_state.Media.Body, await ownResponse.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, otherResponse.StatusCode);
    }
}
