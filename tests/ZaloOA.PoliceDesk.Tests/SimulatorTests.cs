using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The citizen simulator on a real loopback port: its sends go out through the emulator
/// as signed webhooks to the app's own <c>/zalo/webhook</c>, as in <c>dotnet run</c>.</summary>
public sealed class SimulatorTests : IAsyncDisposable
{
    private const string Citizen = "2468000000000000042";
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public SimulatorTests()
    {
        _desk = new EmulatorDeskFactory(_state, kestrel: true, systemClock: true);
        _desk.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Query => $"oa={EmulatorDeskFactory.OaTpTraVinh}&userId={Citizen}&name=Tr%E1%BA%A7n%20Th%E1%BB%8B%20B%C3%ACnh";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, HttpContent form)
    {
        using (form)
        {
            return await client.PostAsync($"/simulator?handler={handler}&{Query}", form, Ct);
        }
    }

    [Fact]
    public async Task Simulated_text_becomes_a_case_and_the_acknowledgement_shows_on_the_simulator()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/simulator?{Query}");

        using var sent = await PostAsync(client, "Text", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["text"] = "Có nhóm thanh niên tụ tập gây mất trật tự", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var c = await _desk.DbAsync(db => db.Cases.Include(x => x.Unit).SingleAsync());
        Assert.Equal(("CATP-TRAVINH", Citizen, CaseCategory.PublicOrder), (c.Unit.Code, c.CitizenUserId, c.Category));
        Assert.Equal(1, await _desk.SendQueuedAsync());

        var lines = JsonDocument.Parse(await client.GetStringAsync($"/simulator?handler=Messages&{Query}", Ct)).RootElement;

        Assert.Equal(2, lines.GetArrayLength());
        Assert.Equal((true, "Có nhóm thanh niên tụ tập gây mất trật tự"), (lines[0].GetProperty("fromCitizen").GetBoolean(), lines[0].GetProperty("text").GetString()));
        Assert.False(lines[1].GetProperty("fromCitizen").GetBoolean());
        Assert.Contains($"Mã hồ sơ: {c.Number}.", lines[1].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_photo_is_stored_as_the_case_media()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/simulator?{Query}");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var photo = new ByteArrayContent(png);
        photo.Headers.ContentType = new("image/png");

        using var sent = await PostAsync(client, "Photo", new MultipartFormDataContent
        {
            { photo, "photo", "hien-truong.png" },
            { new StringContent("Xe máy bị bỏ lại"), "caption" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await _desk.DownloadMediaAsync());

        var media = await _desk.DbAsync(db => db.Media.Include(m => m.Message).SingleAsync());
        Assert.Equal((MediaStatus.Stored, MessageKind.Image, "Xe máy bị bỏ lại"), (media.Status, media.Kind, media.Message.Text));
        Assert.Equal(png, await client.GetByteArrayAsync($"/media/{media.Id}", Ct));
    }

    [Fact]
    public async Task Simulated_location_is_stored_with_its_coordinates()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/simulator?{Query}");

        using var sent = await PostAsync(client, "Location", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["latitude"] = "9.9347", ["longitude"] = "106.3455", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.Direction == MessageDirection.Inbound));
        Assert.Equal((MessageKind.Location, (double?)9.9347, (double?)106.3455), (m.Kind, m.Latitude, m.Longitude));
    }
}
