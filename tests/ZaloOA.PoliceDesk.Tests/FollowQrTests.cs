using System.Net;
using StbImageSharp;
using ZaloOA.PoliceDesk.FollowQr;
using ZXing;
using ZXing.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The follow QR code and poster, and the hotline directory behind "Liên hệ".</summary>
public sealed class FollowQrTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public FollowQrTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Reads the PNG's pixels (StbImageSharp) and decodes the QR code in them (ZXing.Net).</summary>
    private static string? Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = true } };
        return reader.Decode(source)?.Text;
    }

    [Fact]
    public async Task The_QR_code_png_decodes_to_the_units_OA_link()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await client.GetAsync("/follow/CATP-TRAVINH/qr.png", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://zalo.me/" + DeskFactory.OaTpTraVinh, Decode(await response.Content.ReadAsByteArrayAsync(Ct)));
    }

    [Fact]
    public void The_QR_code_matches_the_matrix_generated_for_the_link()
    {
        var png = OaQrCode.Png(DeskFactory.OaProvince, pixelsPerModule: 4);

        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        using var expected = OaQrCode.Matrix("https://zalo.me/" + DeskFactory.OaProvince);
        var size = expected.ModuleMatrix.Count;
        Assert.Equal((size * 4, size * 4), (image.Width, image.Height));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // The centre pixel of each module: dark for a set module.
                var dark = image.Data[((y * 4) + 2) * image.Width + (x * 4) + 2] < 128;
                Assert.True(expected.ModuleMatrix[y][x] == dark, $"Module ({x},{y}) differs.");
            }
        }
    }

    [Fact]
    public async Task An_officer_gets_no_QR_code_of_another_unit()
    {
        var client = await _desk.SignInAsync("canbo.canglong");

        using var response = await client.GetAsync("/follow/CATP-TRAVINH/qr.png", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_poster_shows_the_unit_the_QR_code_what_the_OA_offers_and_the_hotlines()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync("/follow/CATP-TRAVINH/poster", Ct);

        Assert.Contains("<h1>Công an TP Trà Vinh</h1>", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/follow/CATP-TRAVINH/qr.png\"", page, StringComparison.Ordinal);
        Assert.Contains("https://zalo.me/" + DeskFactory.OaTpTraVinh, page, StringComparison.Ordinal);
        Assert.Contains("Thủ tục hành chính", page, StringComparison.Ordinal);
        Assert.Contains("Đường dây nóng: 0294 3852 207 · 113 · 0294 3862 113", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_edits_their_units_hotlines_and_Contact_answers_with_them()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var unitId = await _desk.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id)));
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/Hotlines");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hotlines"] = "0294 3852 208",
            ["__RequestVerificationToken"] = token,
        });

        using var response = await client.PostAsync("/Hotlines", form, Ct);
        await _desk.SendTextAsync("#lienhe");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var sent = System.Text.Json.JsonDocument.Parse(Assert.Single((await _desk.SentToAsync())));
        var phones = sent.RootElement.GetProperty("message").GetProperty("attachment").GetProperty("payload").GetProperty("buttons").EnumerateArray()
            .Select(b => b.GetProperty("payload").GetProperty("phone_code").GetString()).ToList();
        Assert.Equal(["842943852208", "842943862113", "113"], phones);
    }

    [Fact]
    public async Task An_officer_cannot_edit_another_units_hotlines()
    {
        var client = await _desk.SignInAsync("canbo.canglong");
        var unitId = await _desk.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id)));
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/Hotlines");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hotlines"] = "0900 000 000",
            ["__RequestVerificationToken"] = token,
        });

        using var response = await client.PostAsync("/Hotlines", form, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0294 3852 207; 113", await _desk.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Id == unitId).Select(u => u.Hotlines))));
    }
}
