using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Findings 2 and 3 of the trust-boundaries issue: an attachment URL in a correctly signed webhook
/// is still a claim. The desk downloads only from the allow-listed CDN hosts, connects only to
/// public addresses (checked on the resolved address, so a name pointing at loopback is refused
/// too), follows no redirect elsewhere, and records every refusal on the media row, once.
/// </summary>
public sealed class MediaSourceTests : IDisposable
{
    private const string Citizen = "8400000000000000001";
    private readonly DeskState _state = new();
    private readonly TcpListener _local = new(IPAddress.Loopback, 0);

    public MediaSourceTests() => _local.Start();

    public void Dispose()
    {
        _local.Stop();
        _local.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int LocalPort => ((IPEndPoint)_local.LocalEndpoint).Port;

    /// <summary>The desk in Zalo mode (Production, real webhook signatures) with the real download handler.</summary>
    private ScaleOutDeskFactory ZaloModeDesk(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_state.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(_state.Root, "media"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new ScaleOutDeskFactory(settings);
    }

    private static async Task<MediaFile> DeliverImageAndDownloadAsync(ScaleOutDeskFactory desk, string url)
    {
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(ScaleOutDeskFactory.ImageEvent("img-1", Citizen, url)));
        await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);
        return await desk.DbAsync(db => db.Media.SingleAsync());
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/anh.jpg")]
    [InlineData("http://[::1]:{port}/anh.jpg")]
    [InlineData("http://localhost:{port}/anh.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/anh.jpg")]
    [InlineData("https://photo.attacker.example/anh.jpg")]
    [InlineData("https://zdn.vn.attacker.example/anh.jpg")]
    public async Task A_signed_event_with_an_attachment_outside_the_allow_list_is_never_fetched(string template)
    {
        await using var desk = ZaloModeDesk();
        desk.Start();

        var media = await DeliverImageAndDownloadAsync(desk, template.Replace("{port}", LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.False(_local.Pending(), "The desk connected to a local listener.");
        Assert.Equal((MediaStatus.Failed, 1), (media.Status, media.Attempts));
        Assert.Contains("không thuộc danh sách được phép", media.LastError, StringComparison.Ordinal);
        Assert.Null(media.StoredPath);
    }

    [Fact]
    public async Task An_allowed_host_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        // As if DNS for an allowed name answered 127.0.0.1 (rebinding): "localhost" is allowed here.
        await using var desk = ZaloModeDesk(new() { ["Desk:MediaHosts:0"] = "localhost" });
        desk.Start();

        var media = await DeliverImageAndDownloadAsync(desk, $"http://localhost:{LocalPort}/anh.jpg");

        Assert.False(_local.Pending(), "The desk connected to a local listener.");
        Assert.Equal((MediaStatus.Failed, 1), (media.Status, media.Attempts));
        Assert.Contains("địa chỉ nội bộ", media.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_from_the_cdn_to_another_host_is_not_followed()
    {
        using var desk = new DeskFactory(_state);
        _state.Media.Status = HttpStatusCode.Found;
        _state.Media.Location = new Uri($"http://127.0.0.1:{LocalPort}/noi-bo");
        await desk.RecordAsync(desk.Text("msg-1", "Ảnh") with { Kind = MessageKind.Image, Media = [new InboundMedia("https://photo-stal-1.zdn.vn/a.jpg")] });

        await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);

        var media = await desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal([new Uri("https://photo-stal-1.zdn.vn/a.jpg")], _state.Media.RequestedUrls);
        Assert.Equal(MediaStatus.Failed, media.Status);
        Assert.Contains("Máy chủ 127.0.0.1 không thuộc danh sách", media.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_within_the_cdn_is_followed()
    {
        using var desk = new DeskFactory(_state);
        _state.Media.Status = HttpStatusCode.Found;
        _state.Media.Location = new Uri("https://f20-zpc.zdn.vn/b.jpg");
        await desk.RecordAsync(desk.Text("msg-1", "Ảnh") with { Kind = MessageKind.Image, Media = [new InboundMedia("https://photo-stal-1.zdn.vn/a.jpg")] });
        var worker = desk.Services.GetRequiredService<MediaDownloadWorker>();

        await worker.ProcessDueAsync(Ct);

        // The stub redirects every time, so the worker gives up after MaxRedirects, each to an allowed host.
        var media = await desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal(MediaDownloadWorker.MaxRedirects + 1, _state.Media.Requests);
        Assert.All(_state.Media.RequestedUrls, u => Assert.EndsWith(".zdn.vn", u.Host, StringComparison.Ordinal));
        Assert.Equal((MediaStatus.Failed, "Quá nhiều lần chuyển hướng."), (media.Status, media.LastError));
    }

    [Fact]
    public async Task In_emulator_mode_only_the_emulators_own_address_is_added()
    {
        using var desk = new EmulatorDeskFactory(_state);
        desk.Start();
        desk.Follow(EmulatorDeskFactory.OaTpTraVinh);
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(desk.Emulator.Events.UserSendImage(EmulatorDeskFactory.OaTpTraVinh, EmulatorDeskFactory.Citizen, "Ảnh hiện trường")));
        var c = await desk.DbAsync(db => db.Cases.SingleAsync());
        // A forged attachment on another loopback port of the same machine.
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().RecordInboundAsync(new InboundCitizenMessage
            {
                OaId = c.OaId,
                CitizenUserId = c.CitizenUserId,
                MsgId = "forged-1",
                Kind = MessageKind.Image,
                Media = [new InboundMedia($"http://127.0.0.1:{LocalPort}/anh.jpg")],
                ReceivedAt = _state.Time.GetUtcNow(),
            }, Ct);
        }

        await desk.DownloadMediaAsync();

        var media = await desk.DbAsync(db => db.Media.OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([MediaStatus.Stored, MediaStatus.Failed], media.Select(m => m.Status));
        Assert.False(_local.Pending(), "The desk connected to a local listener.");
    }

    [Fact]
    public void Public_and_non_public_addresses_are_told_apart()
    {
        string[] refused = ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd12::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"];
        string[] allowed = ["203.162.4.191", "8.8.8.8", "172.32.0.1", "2001:4860:4860::8888"];

        Assert.All(refused, a => Assert.False(MediaSourcePolicy.IsPublic(IPAddress.Parse(a)), a));
        Assert.All(allowed, a => Assert.True(MediaSourcePolicy.IsPublic(IPAddress.Parse(a)), a));
    }
}
