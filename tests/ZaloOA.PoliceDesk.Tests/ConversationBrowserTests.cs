using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The README's walkthrough in Debian's Chromium: a citizen on a phone drives the Testing package's
/// chat simulator against the desk in emulator mode (workers on, as <c>dotnet run</c>), and an
/// officer answers from the case page. Screenshots go to the test output's <c>artifacts/</c>; two
/// of them are in the desk's README (<c>samples/ZaloOA.PoliceDesk/docs/</c>).
/// </summary>
public sealed class ConversationBrowserTests : IAsyncDisposable
{
    private const string ArticleTitle = "Cảnh giác lừa đảo qua điện thoại";
    private const string Reply = "Cảm ơn bạn đã phản ánh.\nCán bộ Công an TP Trà Vinh sẽ đến xác minh trong hôm nay.";
    private readonly DeskState _state = new();
    private EmulatorDeskFactory? _desk;

    public async ValueTask DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }

        _state.Dispose();
    }

    private static ILocator Messages(IPage page) => page.Locator("#chat > li");

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_citizen_walks_the_menu_reports_with_a_photo_and_a_video_and_reads_the_officers_reply()
    {
        var chromium = DeskBrowser.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        _desk = new EmulatorDeskFactory(_state, workers: true, kestrel: true, systemClock: true);
        var baseUrl = _desk.Start();
        var oa = EmulatorDeskFactory.OaTpTraVinh;

        // The unit has published an article, as an officer does from "Tin tức".
        await using var officer = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var desk = officer.Page;
        await officer.SignInAsync("canbo.tptravinh");
        await desk.GotoAsync("/News/Edit");
        await desk.FillAsync("#Draft_Title", ArticleTitle);
        await desk.FillAsync("#Draft_Author", "Công an TP Trà Vinh");
        await desk.FillAsync("#Draft_Description", "Kẻ gian giả danh công an gọi điện yêu cầu chuyển tiền.");
        await desk.SetInputFilesAsync("#CoverFile", new FilePayload { Name = "bia.png", MimeType = "image/png", Buffer = SolidPng(480, 240, 0x1F, 0x3A, 0x68) });
        await desk.FillAsync("#Draft_Blocks_0__Content", "Công an không bao giờ yêu cầu người dân chuyển tiền qua điện thoại.");
        await desk.ClickAsync("text=Lưu và đăng lên Zalo");
        await Assertions.Expect(desk.Locator(".flash.ok")).ToHaveTextAsync("Đã đăng bài viết lên Zalo OA.", new() { Timeout = 60_000 });

        // The citizen opens the OA on a phone and follows it: the greeting shows three buttons.
        await using var citizen = await DeskBrowser.OpenAsync(chromium, baseUrl, 390, 844, phone: true);
        var phone = citizen.Page;
        await citizen.SignInAsync("canbo.tptravinh"); // the simulator is for signed-in staff
        await phone.GotoAsync($"/simulator/?oa={oa}");
        await phone.FillAsync("#new-name", "Trần Thị Bình");
        await phone.ClickAsync("#add-citizen button[type=submit]");
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(1);
        Assert.Equal(["Tin tức", "Thủ tục hành chính", "Liên hệ"], await Messages(phone).Nth(0).Locator(".buttons button").AllInnerTextsAsync());
        // Fold the simulator's own controls, so the screenshots show the phone.
        await phone.Locator("#controls").EvaluateAsync("d => { d.open = false; }");
        await citizen.SaveScreenshotAsync("policedesk-simulator-greeting.png");

        // "Thủ tục hành chính": categories, then procedures, then a guide, all by tapping.
        await Button(phone, "Thủ tục hành chính").ClickAsync();
        await Button(phone, "Cư trú").ClickAsync();
        await Button(phone, "Đăng ký tạm trú").ClickAsync();
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(4);
        var guide = await Messages(phone).Nth(3).Locator(".bubble").InnerTextAsync();
        Assert.StartsWith("Đăng ký tạm trú\nCơ quan thực hiện: Công an cấp xã nơi dự kiến tạm trú\nCác bước:\n1. ", guide, StringComparison.Ordinal);
        Assert.Equal(["Nộp hồ sơ trực tuyến", "Thủ tục khác", "Liên hệ"], await Messages(phone).Nth(3).Locator(".buttons > *").AllInnerTextsAsync());

        // "Liên hệ": the hotlines with call buttons; a tap opens the call sheet.
        await Button(phone, "Liên hệ").First.ClickAsync();
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(5);
        Assert.StartsWith("Đường dây nóng:\nCông an TP Trà Vinh: 0294 3852 207, 113\n", await Messages(phone).Nth(4).Locator(".bubble").InnerTextAsync(), StringComparison.Ordinal);
        await Messages(phone).Nth(4).GetByRole(AriaRole.Button, new() { Name = "Gọi 0294 3852 207 – Công an TP Trà Vinh" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#sheet-body a.action")).ToHaveAttributeAsync("href", "tel:842943852207");
        await phone.ClickAsync("#sheet-cancel");

        // "Tin tức": the article as a card that opens its page.
        await Button(phone, "Tin tức").ClickAsync();
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(6);
        await Assertions.Expect(Messages(phone).Nth(5).Locator(".card.list .title")).ToHaveTextAsync(ArticleTitle);
        await Messages(phone).Nth(5).ScrollIntoViewIfNeededAsync();
        await citizen.SaveScreenshotAsync("policedesk-simulator-news.png");
        var article = await phone.RunAndWaitForPopupAsync(() => Messages(phone).Nth(5).Locator(".card.list .list-first").ClickAsync());
        await Assertions.Expect(article.Locator("h1")).ToHaveTextAsync(ArticleTitle);
        await Assertions.Expect(article.Locator("article")).ToContainTextAsync("Công an không bao giờ yêu cầu người dân chuyển tiền qua điện thoại.");
        await ZaloOA.Tests.Common.ChromiumPage.SaveScreenshotAsync(article, "policedesk-simulator-article.png");
        await article.CloseAsync();

        // A report with a photo, then a video: one case, acknowledged with its report code.
        await phone.SetInputFilesAsync("#file-image", new FilePayload { Name = "hien-truong.png", MimeType = "image/png", Buffer = SolidPng(64, 48, 0x8A, 0x2B, 0x2B) });
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(8);
        await phone.SetInputFilesAsync("#file-video", new FilePayload { Name = "hien-truong.mp4", MimeType = "video/mp4", Buffer = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6D, 0x70, 0x34, 0x32] });
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(9);
        // "Đã gửi" under the citizen's message: the desk answered its webhook, so it is stored.
        await Assertions.Expect(Messages(phone).Nth(8).Locator(".meta")).ToContainTextAsync("Đã gửi");
        var c = await _desk.DbAsync(db => db.Cases.Include(x => x.Messages).ThenInclude(m => m.Media).SingleAsync(ct));
        Assert.Equal([MessageKind.Image, MessageKind.Video], c.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).Select(m => m.Kind));
        Assert.Contains($"Mã phản ánh: {c.Number}", await Messages(phone).Nth(7).Locator(".bubble").InnerTextAsync(), StringComparison.Ordinal);
        await AcknowledgementTests.Eventually(() => _desk.DbAsync(db => db.Media.CountAsync(m => m.Status == MediaStatus.Stored)).GetAwaiter().GetResult() == 2);

        // The officer sees both on the case page and answers in two lines.
        await desk.GotoAsync($"/Cases/{c.Id}");
        await Assertions.Expect(desk.Locator(".conversation img")).ToHaveCountAsync(1);
        await Assertions.Expect(desk.Locator(".conversation a[href^=\"/media/\"]").Last).ToHaveTextAsync("Tệp video");
        await desk.FillAsync("#text", Reply);
        await desk.ClickAsync("text=Gửi trả lời");
        await Assertions.Expect(desk.Locator(".flash.ok")).ToContainTextAsync("Đã lưu trả lời");

        // It reaches the citizen's phone last, in two lines.
        await Assertions.Expect(Messages(phone)).ToHaveCountAsync(10, new() { Timeout = 30_000 });
        Assert.Equal(Reply, await Messages(phone).Nth(9).Locator(".bubble").InnerTextAsync());
        Assert.Equal(
            ["msg from-oa", "msg from-oa", "msg from-oa", "msg from-oa", "msg from-oa", "msg from-oa", "msg from-user", "msg from-oa", "msg from-user", "msg from-oa"],
            await Messages(phone).EvaluateAllAsync<string[]>("els => els.map(e => e.className)"));
        await Messages(phone).Nth(9).ScrollIntoViewIfNeededAsync();
        await citizen.SaveScreenshotAsync("policedesk-simulator-reply.png");
        await desk.ReloadAsync();
        await Assertions.Expect(desk.Locator(".conversation li").Last.Locator(".delivery")).ToHaveTextAsync("Đã gửi");
        await officer.SaveScreenshotAsync("policedesk-case-sent.png");
    }

    /// <summary>A PNG of one colour, for covers and photos the tests upload.</summary>
    internal static byte[] SolidPng(int width, int height, byte r, byte g, byte b)
    {
        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = r;
                raw[row + 2 + (x * 3)] = g;
                raw[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var z = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", data.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }
}
