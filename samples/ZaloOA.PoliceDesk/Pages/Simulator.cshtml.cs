using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Zalo;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>
/// The citizen simulator (emulator mode only, 404 otherwise): acts as a Zalo user writing to a
/// unit's OA. Each send goes through the emulator as a signed webhook to this app's own
/// <c>/zalo/webhook</c>, exactly as Zalo would deliver it, and the page lists what the OA sent back.
/// </summary>
public sealed class SimulatorModel(DeskZaloModeInfo mode, IServiceProvider services, DeskDbContext db, TimeProvider time) : PageModel
{
    /// <summary>Largest photo the simulator accepts.</summary>
    public const long MaxPhotoBytes = 5L * 1024 * 1024;

    /// <summary>The demo citizen.</summary>
    public const string DefaultUserId = "2468000000000000001";

    /// <summary>The demo citizen's Zalo name.</summary>
    public const string DefaultName = "Nguyễn Văn An";

    public List<OaChoice> Accounts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Oa { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public List<Line> Conversation { get; private set; } = [];

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskEmulator? Desk => mode.Mode == DeskZaloMode.Emulator ? services.GetService<DeskEmulator>() : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Desk is null)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        Conversation = Lines(Desk, Oa!, UserId!);
        return Page();
    }

    /// <summary>The conversation as JSON, for the page's refresh.</summary>
    public async Task<IActionResult> OnGetMessagesAsync(CancellationToken cancellationToken)
    {
        if (Desk is null)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        return new JsonResult(Lines(Desk, Oa!, UserId!), new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }

    public Task<IActionResult> OnPostTextAsync(string? text, CancellationToken cancellationToken) =>
        SendAsync(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), (citizen, ct) => citizen.SendTextAsync(text!.Trim(), ct), cancellationToken);

    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, string? caption, CancellationToken cancellationToken)
    {
        if (photo is not { Length: > 0 } || photo.Length > MaxPhotoBytes)
        {
            return await SendAsync(null, null, cancellationToken, "Chọn một ảnh JPG hoặc PNG, tối đa 5 MB.");
        }

        using var buffer = new MemoryStream((int)photo.Length);
        await photo.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var shown = string.IsNullOrWhiteSpace(caption) ? "[Ảnh]" : "[Ảnh] " + caption.Trim();
        return await SendAsync(shown, (citizen, ct) => citizen.SendImageAsync(string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(), bytes, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostLocationAsync(double? latitude, double? longitude, CancellationToken cancellationToken)
    {
        if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180))
        {
            return SendAsync(null, null, cancellationToken, "Vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.");
        }

        var shown = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[Vị trí] {latitude:0.#####}, {longitude:0.#####}");
        return SendAsync(shown, (citizen, ct) => citizen.SendLocationAsync(latitude.Value, longitude.Value, ct), cancellationToken);
    }

    private async Task<IActionResult> SendAsync(string? shown, Func<EmulatedCitizen, CancellationToken, Task<ZaloWebhookDelivery>>? send, CancellationToken cancellationToken, string? invalid = null)
    {
        var desk = Desk;
        if (desk is null)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        if (shown is null || send is null)
        {
            Flash = invalid ?? "Nhập nội dung tin nhắn.";
            FlashOk = false;
            return Back();
        }

        var emulator = desk.Emulator;
        // Writing to an OA makes the person a follower who has just interacted, so the unit's
        // replies are accepted (the real Zalo refuses messages to non-followers with -213).
        if (emulator.GetFollower(Oa!, UserId!) is not { IsFollower: true })
        {
            emulator.AddFollower(Oa!, UserId!, Name!);
        }

        try
        {
            var delivery = await send(emulator.Citizen(Oa!, UserId!), cancellationToken);
            var status = (int)delivery.StatusCode;
            desk.RecordSimulated(new SimulatedCitizenMessage(Oa!, UserId!, shown, time.GetUtcNow(), status));
            FlashOk = delivery.StatusCode == HttpStatusCode.OK;
            Flash = FlashOk
                ? "Đã gửi. Bàn tiếp nhận đã lưu tin nhắn; tin xác nhận kèm mã hồ sơ sẽ hiện ở đây sau giây lát."
                : $"Bàn tiếp nhận trả lời webhook với mã HTTP {status}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Flash = "Không gửi được webhook tới bàn tiếp nhận: " + ex.Message;
            FlashOk = false;
        }

        return Back();
    }

    private RedirectToPageResult Back() => RedirectToPage(new { oa = Oa, userId = UserId, name = Name });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.ZaloOaId != null).OrderBy(u => u.Path)
            .Select(u => new { u.ZaloOaId, u.Name }).ToListAsync(cancellationToken);
        Accounts = [.. units.Select(u => new OaChoice(u.ZaloOaId!, u.Name))];
        if (!Accounts.Any(a => a.OaId == DeskEmulator.SpareOaId))
        {
            Accounts.Add(new OaChoice(DeskEmulator.SpareOaId, DeskEmulator.SpareOaName));
        }

        // The city police first: its demo officer (canbo.tptravinh) is the README's walk-through.
        var preferred = Accounts.FirstOrDefault(a => a.OaId == DeskEmulator.OaIdFor("CATP-TRAVINH")) ?? Accounts[0];
        Oa = Accounts.Any(a => a.OaId == Oa) ? Oa : preferred.OaId;
        UserId = string.IsNullOrWhiteSpace(UserId) || !UserId.All(char.IsAsciiDigit) || UserId.Length > 30 ? DefaultUserId : UserId;
        Name = string.IsNullOrWhiteSpace(Name) ? DefaultName : Name.Trim()[..Math.Min(Name.Trim().Length, 60)];
    }

    private static List<Line> Lines(DeskEmulator desk, string oaId, string userId)
    {
        var fromCitizen = desk.SimulatedMessages.Where(m => m.OaId == oaId && m.UserId == userId)
            .Select(m => new Line(true, m.Text, m.At));
        var fromOa = desk.Emulator.SentMessages.Where(m => m.OaId == oaId && m.UserId == userId)
            .Select(m => new Line(false, Describe(m), m.SentAt));
        return [.. fromCitizen.Concat(fromOa).OrderBy(l => l.At)];
    }

    /// <summary>What a citizen would see of an OA message: its text, or the kind of attachment.</summary>
    private static string Describe(EmulatedSentMessage message)
    {
        var json = message.Json;
        if (json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
            && m.TryGetProperty("attachment", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            var kind = a.TryGetProperty("type", out var t) && t.GetString() == "file" ? "[Tệp đính kèm]" : "[Ảnh]";
            return message.Text is { } caption ? kind + " " + caption : kind;
        }

        return message.Text ?? "[Tin nhắn]";
    }

    /// <summary>An OA the citizen can write to.</summary>
    public sealed record OaChoice(string OaId, string Name);

    /// <summary>One line of the conversation as the citizen sees it.</summary>
    public sealed record Line(bool FromCitizen, string Text, DateTimeOffset At);
}
