using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The Testing package's chat simulator mounted in the desk (emulator mode), on a real
/// loopback port: its sends go out through the emulator as signed webhooks to the app's own
/// <c>/zalo/webhook</c>, as in <c>dotnet run</c>.</summary>
public sealed class SimulatorTests : IAsyncDisposable
{
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

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/" + path) { Content = content };
        request.Headers.Add("X-Zalo-Simulator", "1");
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static Task<JsonObject> PostJsonAsync(HttpClient client, string path, object body) =>
        PostAsync(client, path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>A citizen who follows the city police's OA, added through the simulator.</summary>
    private static async Task<string> AddCitizenAsync(HttpClient client)
    {
        var added = await PostJsonAsync(client, "api/citizens", new { oaId = EmulatorDeskFactory.OaTpTraVinh, displayName = "Trần Thị Bình" });
        Assert.Equal(200, (int)added["webhookStatus"]!);
        return (string)added["userId"]!;
    }

    [Fact]
    public async Task Simulator_is_for_signed_in_staff_only()
    {
        using var anonymous = _desk.CreateManualClient();
        using var page = await anonymous.GetAsync("/simulator/", Ct);
        using var api = await anonymous.GetAsync("/simulator/api/accounts", Ct);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (page.StatusCode, api.StatusCode));
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var client = await _desk.SignInAsync("canbo.tptravinh");
        var html = await client.GetStringAsync("/simulator/", Ct);
        Assert.Contains("assets/simulator.js", html, StringComparison.Ordinal);
        var accounts = JsonNode.Parse(await client.GetStringAsync("/simulator/api/accounts", Ct))!.AsArray();
        Assert.Contains(accounts, a => (string)a!["oaId"]! == EmulatorDeskFactory.OaTpTraVinh);
    }

    [Fact]
    public async Task Simulated_text_becomes_a_case_and_the_acknowledgement_shows_on_the_simulator()
    {
        using var client = await _desk.SignInAsync("canbo.tptravinh");
        var citizen = await AddCitizenAsync(client);
        Assert.Equal(1, await _desk.SendQueuedAsync()); // the menu for the new follower

        var sent = await PostJsonAsync(client, "api/send", new { oaId = EmulatorDeskFactory.OaTpTraVinh, userId = citizen, type = "text", text = "Có nhóm thanh niên tụ tập\ngây mất trật tự" });

        Assert.Equal(200, (int)sent["webhookStatus"]!);
        var c = await _desk.DbAsync(db => db.Cases.Include(x => x.Unit).SingleAsync());
        Assert.Equal(("CATP-TRAVINH", citizen, CaseCategory.PublicOrder), (c.Unit.Code, c.CitizenUserId, c.Category));
        Assert.Equal(1, await _desk.SendQueuedAsync());
        var messages = JsonNode.Parse(await client.GetStringAsync($"/simulator/api/conversation?oa={EmulatorDeskFactory.OaTpTraVinh}&user={citizen}", Ct))!["messages"]!.AsArray();

        // The greeting with the menu buttons (sent on follow), the report, the acknowledgement.
        Assert.Equal(3, messages.Count);
        Assert.True((bool)messages[0]!["fromOa"]!);
        Assert.Equal(3, messages[0]!["message"]!["attachment"]!["payload"]!["buttons"]!.AsArray().Count);
        Assert.Equal((false, "Có nhóm thanh niên tụ tập\ngây mất trật tự"), ((bool)messages[1]!["fromOa"]!, (string)messages[1]!["message"]!["text"]!));
        Assert.True((bool)messages[2]!["fromOa"]!);
        Assert.Contains($"\nMã phản ánh: {c.Number}\n", (string)messages[2]!["message"]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_photo_is_stored_as_the_case_media()
    {
        using var client = await _desk.SignInAsync("canbo.tptravinh");
        var citizen = await AddCitizenAsync(client);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var photo = new ByteArrayContent(png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        await PostAsync(client, $"api/upload?oaId={EmulatorDeskFactory.OaTpTraVinh}&userId={citizen}&type=image&name=hien-truong.png&caption=Xe%20m%C3%A1y%20b%E1%BB%8B%20b%E1%BB%8F%20l%E1%BA%A1i", photo);

        Assert.Equal(1, await _desk.DownloadMediaAsync());
        var media = await _desk.DbAsync(db => db.Media.Include(m => m.Message).SingleAsync());
        Assert.Equal((MediaStatus.Stored, MessageKind.Image, "Xe máy bị bỏ lại"), (media.Status, media.Kind, media.Message.Text));
        Assert.Equal(png, await client.GetByteArrayAsync($"/media/{media.Id}", Ct));
    }

    [Fact]
    public async Task Simulated_location_is_stored_with_its_coordinates()
    {
        using var client = await _desk.SignInAsync("canbo.tptravinh");
        var citizen = await AddCitizenAsync(client);

        await PostJsonAsync(client, "api/send", new { oaId = EmulatorDeskFactory.OaTpTraVinh, userId = citizen, type = "location", latitude = "9.9347", longitude = "106.3455" });

        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.Direction == MessageDirection.Inbound));
        Assert.Equal((MessageKind.Location, (double?)9.9347, (double?)106.3455), (m.Kind, m.Latitude, m.Longitude));
    }
}
