using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>End to end through <c>/zalo/webhook</c> with events the emulator signs as Zalo does.</summary>
public sealed class ZaloWebhookTests : IAsyncDisposable
{
    private const string Citizen = EmulatorDeskFactory.Citizen;
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public ZaloWebhookTests()
    {
        _desk = new EmulatorDeskFactory(_state);
        _desk.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        _state.Dispose();
    }

    private static string Oa => EmulatorDeskFactory.OaTpTraVinh;

    [Fact]
    public async Task Signed_text_is_stored_in_a_new_case_of_the_oa_unit_before_the_webhook_answers()
    {
        var status = await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, Citizen, "Có vụ va chạm giao thông ở đường Nguyễn Đáng"));

        Assert.Equal(HttpStatusCode.OK, status);
        // Inline dispatch: the case is committed by the time the 200 arrives.
        var c = await _desk.DbAsync(db => db.Cases.Include(x => x.Unit).SingleAsync());
        Assert.Equal(("CATP-TRAVINH", Oa, Citizen, CaseCategory.TrafficSafety, "TV-2026-000001"), (c.Unit.Code, c.OaId, c.CitizenUserId, c.Category, c.Number));
        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.Direction == MessageDirection.Inbound));
        Assert.Equal((MessageKind.Text, "Có vụ va chạm giao thông ở đường Nguyễn Đáng"), (m.Kind, m.Text));
    }

    [Fact]
    public async Task Redelivered_event_creates_one_case_and_one_message()
    {
        var e = _desk.Emulator.Events.UserSendText(Oa, Citizen, "Mất xe máy trước chợ");

        var first = await _desk.DeliverAsync(e);
        var second = await _desk.DeliverAsync(e);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(1, await _desk.DbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound)));
        Assert.Equal(1, await _desk.DbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_create_one_case_and_one_message()
    {
        var e = _desk.Emulator.Events.UserSendText(Oa, Citizen, "Có người lạ khả nghi");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _desk.DeliverAsync(e)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await _desk.DbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound)));
    }

    [Fact]
    public async Task Webhook_with_a_wrong_signature_is_refused_and_stores_nothing()
    {
        var e = _desk.Emulator.Events.UserSendText(Oa, Citizen, "Giả mạo").WithSignature("mac=" + new string('0', 64));

        var status = await _desk.DeliverAsync(e);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await _desk.DbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task Unsigned_webhook_is_refused_without_sign_in_redirects()
    {
        using var client = _desk.CreateClient(new() { AllowAutoRedirect = false });
        using var body = new StringContent("""{"event_name":"user_send_text"}""", new MediaTypeHeaderValue("application/json"));

        using var response = await client.PostAsync("/zalo/webhook", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Photo_is_downloaded_from_zalo_and_served_to_the_unit()
    {
        var photo = Convert.FromBase64String("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==");
        var status = await _desk.DeliverAsync(_desk.Emulator.Events.UserSendImage(Oa, Citizen, "Biển số xe gây tai nạn", photo));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, await _desk.DownloadMediaAsync());
        var media = await _desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal((MediaStatus.Stored, MessageKind.Image, "image/jpeg", (long?)photo.Length), (media.Status, media.Kind, media.ContentType, media.SizeBytes));
        var message = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.Id == media.MessageId));
        Assert.Equal((MessageKind.Image, "Biển số xe gây tai nạn"), (message.Kind, message.Text));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        Assert.Equal(photo, await client.GetByteArrayAsync($"/media/{media.Id}", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Location_is_stored_with_its_coordinates()
    {
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendLocation(Oa, Citizen, 9.9347, 106.3455));

        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.Direction == MessageDirection.Inbound));
        Assert.Equal((MessageKind.Location, (double?)9.9347, (double?)106.3455), (m.Kind, m.Latitude, m.Longitude));
    }

    [Fact]
    public async Task Message_to_an_oa_no_unit_is_linked_to_goes_to_the_province()
    {
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Zalo.Emulation.DeskEmulator.SpareOaId, Citizen, "a"));

        Assert.Equal("CAT-TRAVINH", await _desk.DbAsync(db => db.Cases.Select(c => c.Unit.Code).SingleAsync()));
    }
}
