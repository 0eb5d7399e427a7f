using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Contact;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.News;
using ZaloOA.PoliceDesk.Procedures;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.CitizenMenu;

/// <summary>
/// Builds the answers of the citizen menu as SDK messages: the three-button menu, the unit's latest
/// news, the procedure catalogue (categories → procedures → a guide), the hotlines and dossier
/// look-ups. Pure reads; <see cref="CitizenMenuRoutes"/> sends what this returns. Every message
/// stays within Zalo's limits (<see cref="ZaloMessageLimits"/>: 5 buttons, 100-character titles,
/// 2,000-character texts).
/// </summary>
public sealed class CitizenReplies(
    DeskDbContext db,
    ContactDirectory contacts,
    IDossierLookup dossiers,
    IOptions<CitizenServicesOptions> options)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly TimeZoneInfo VietnamTime = TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");

    /// <summary>
    /// The automatic answer to a new report. Two codes reach citizens and must not be confused: the
    /// report's number here ("mã phản ánh", e.g. <c>TV-2026-000123</c>), and the administrative
    /// dossier code on a receipt for a procedure ("mã hồ sơ thủ tục", e.g. <c>CATV-2026-000123</c>).
    /// <c>#hoso</c> answers for both.
    /// </summary>
    public static string Acknowledgement(Unit unit, string caseNumber)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var hotline = unit.HotlineList.FirstOrDefault(h => h != "113");
        return $"{unit.Name} đã tiếp nhận phản ánh của bạn.\nMã phản ánh: {caseNumber}\n"
            + $"Cán bộ sẽ phản hồi trong thời gian sớm nhất. Xem tình trạng: nhắn {CitizenMenuRoutes.Dossier} {caseNumber}\n"
            + "Trường hợp khẩn cấp, vui lòng gọi 113" + (hotline is null ? "." : $" hoặc đường dây nóng {hotline}.");
    }

    /// <summary>The unit answering on <paramref name="oaId"/>; the province when the OA is not linked to a unit.</summary>
    public async Task<Unit> UnitAsync(string oaId, CancellationToken cancellationToken = default) =>
        await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.ZaloOaId == oaId, cancellationToken)
        ?? await db.Units.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync(cancellationToken);

    /// <summary>The three-button menu, sent on follow, on a greeting and on "menu".</summary>
    public async Task<ZaloMessage> MainMenuAsync(string oaId, CancellationToken cancellationToken = default)
    {
        var unit = await UnitAsync(oaId, cancellationToken);
        return new ZaloButtonsMessage(
            $"{unit.Name} xin chào! Mời bạn chọn mục cần xem. Để phản ánh, tố giác hay hỏi đáp, bạn cứ nhắn tin mô tả sự việc, cán bộ sẽ trả lời.",
            MainButtons);
    }

    /// <summary>The menu's buttons: query payloads the admin menu sends too.</summary>
    public static IReadOnlyList<ZaloButton> MainButtons { get; } =
    [
        new("Tin tức", ZaloAction.QueryHide(CitizenMenuRoutes.News)),
        new("Thủ tục hành chính", ZaloAction.QueryHide(CitizenMenuRoutes.Procedures)),
        new("Liên hệ", ZaloAction.QueryHide(CitizenMenuRoutes.Contact)),
    ];

    /// <summary>"Tin tức": the unit's latest visible articles as a list linking to them.</summary>
    public async Task<ZaloMessage> NewsAsync(string oaId, CancellationToken cancellationToken = default)
    {
        var unit = await UnitAsync(oaId, cancellationToken);
        var count = Math.Clamp(options.Value.LatestNewsCount, 1, ZaloMessageLimits.MaxListElements);
        var articles = await db.NewsArticles.AsNoTracking()
            .Where(a => a.UnitId == unit.Id && a.Status == NewsStatus.Published && a.IsVisible && a.ZaloLink != null)
            .OrderByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        if (articles.Count == 0)
        {
            return new ZaloButtonsMessage($"{unit.Name} chưa có tin mới. Mời bạn xem các mục khác.", [MainButtons[1], MainButtons[2]]);
        }

        return new ZaloListMessage([.. articles.Select(a => new ZaloListElement(
            Clip(a.Title, ZaloMessageLimits.MaxListElementTitleLength),
            Clip(a.Description, ZaloMessageLimits.MaxListElementSubtitleLength),
            IsHttpUrl(a.CoverUrl) ? a.CoverUrl : null,
            ZaloAction.OpenUrl(a.ZaloLink!)))]);
    }

    /// <summary>
    /// The same news as buttons that open the articles, for an OA where Zalo refuses the list
    /// template on the v3 consultation endpoint (documented only for v2 [U]); null for no buttons.
    /// </summary>
    public static ZaloMessage? NewsAsButtons(ZaloMessage news, string unitName)
    {
        if (news is not ZaloListMessage list)
        {
            return null;
        }

        var buttons = list.Elements.Where(e => e.DefaultAction is not null)
            .Take(ZaloMessageLimits.MaxButtons)
            .Select(e => new ZaloButton(Clip(e.Title, ZaloMessageLimits.MaxButtonTitleLength), e.DefaultAction!))
            .ToList();
        return buttons.Count == 0 ? null : new ZaloButtonsMessage($"Tin mới của {unitName}:", buttons);
    }

    /// <summary>"Thủ tục hành chính": the categories as buttons (several messages past five).</summary>
    public async Task<IReadOnlyList<ZaloMessage>> CategoriesAsync(string? notice = null, CancellationToken cancellationToken = default)
    {
        var categories = await db.ProcedureCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        if (categories.Count == 0)
        {
            return [new ZaloTextMessage((notice is null ? "" : notice + " ") + "Danh mục thủ tục đang được cập nhật. Bạn có thể nhắn câu hỏi, cán bộ sẽ trả lời.")];
        }

        var intro = (notice is null ? "" : notice + "\n") + "Thủ tục hành chính: mời bạn chọn lĩnh vực. Tra cứu hồ sơ thủ tục: nhắn #hoso và mã hồ sơ trên giấy biên nhận (ví dụ #hoso CATV-2026-000123).";
        return Chunked(intro, [.. categories.Select(c => new ZaloButton(Clip(c.Name, ZaloMessageLimits.MaxButtonTitleLength), ZaloAction.QueryHide($"{CitizenMenuRoutes.Procedures} {c.Code}")))]);
    }

    /// <summary>The procedures of a category as buttons; the categories again when the code is unknown.</summary>
    public async Task<IReadOnlyList<ZaloMessage>> CategoryAsync(string categoryCode, CancellationToken cancellationToken = default)
    {
        var code = categoryCode.ToLowerInvariant();
        var category = await db.ProcedureCategories.AsNoTracking()
            .Include(c => c.Procedures)
            .FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (category is null)
        {
            return await CategoriesAsync("Không tìm thấy lĩnh vực này.", cancellationToken);
        }

        var procedures = category.Procedures.OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToList();
        if (procedures.Count == 0)
        {
            return [new ZaloButtonsMessage($"{category.Name}: chưa có thủ tục nào trong danh mục.", [new("Lĩnh vực khác", ZaloAction.QueryHide(CitizenMenuRoutes.Procedures))])];
        }

        return Chunked(
            $"{category.Name}: chọn thủ tục để xem hướng dẫn.",
            [.. procedures.Select(p => new ZaloButton(Clip(p.Name, ZaloMessageLimits.MaxButtonTitleLength), ZaloAction.QueryHide($"{CitizenMenuRoutes.Procedures} {category.Code} {p.Code}")))]);
    }

    /// <summary>A procedure's guide with a button to the online portal.</summary>
    public async Task<IReadOnlyList<ZaloMessage>> ProcedureAsync(string categoryCode, string procedureCode, CancellationToken cancellationToken = default)
    {
        var code = procedureCode.ToLowerInvariant();
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Category).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (procedure is null)
        {
            return await CategoryAsync(categoryCode, cancellationToken);
        }

        var buttons = new List<ZaloButton>();
        if (IsHttpUrl(procedure.PortalUrl))
        {
            buttons.Add(new("Nộp hồ sơ trực tuyến", ZaloAction.OpenUrl(procedure.PortalUrl!)));
        }

        buttons.Add(new("Thủ tục khác", ZaloAction.QueryHide($"{CitizenMenuRoutes.Procedures} {procedure.Category.Code}")));
        buttons.Add(new("Liên hệ", ZaloAction.QueryHide(CitizenMenuRoutes.Contact)));
        return [new ZaloButtonsMessage(Guide(procedure), buttons)];
    }

    /// <summary>The guide text of a procedure (at most 2,000 characters).</summary>
    public static string Guide(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var sb = new StringBuilder();
        sb.Append(procedure.Name).Append('\n');
        if (!string.IsNullOrWhiteSpace(procedure.Authority))
        {
            sb.Append("Cơ quan thực hiện: ").Append(procedure.Authority).Append('\n');
        }

        sb.Append("Các bước:\n");
        var step = 1;
        foreach (var line in procedure.StepList)
        {
            sb.Append(step++.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(line).Append('\n');
        }

        sb.Append("Hồ sơ gồm:\n");
        foreach (var line in procedure.DocumentList)
        {
            sb.Append("- ").Append(line).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(procedure.Fees))
        {
            sb.Append("Lệ phí: ").Append(procedure.Fees).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(procedure.ProcessingTime))
        {
            sb.Append("Thời gian giải quyết: ").Append(procedure.ProcessingTime).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(procedure.PortalUrl))
        {
            sb.Append("Nộp trực tuyến: ").Append(procedure.PortalUrl);
        }

        return Clip(sb.ToString().TrimEnd(), ZaloMessageLimits.MaxTextLength);
    }

    /// <summary>"Liên hệ": the hotlines of the unit and the units above it; the first five as call buttons.</summary>
    public async Task<ZaloMessage> ContactAsync(string oaId, CancellationToken cancellationToken = default)
    {
        var unit = await UnitAsync(oaId, cancellationToken);
        var chain = await contacts.ChainAsync(unit, cancellationToken);
        var hotlines = await contacts.HotlinesAsync(unit, cancellationToken);
        var sb = new StringBuilder("Đường dây nóng:");
        foreach (var u in chain.Where(u => u.HotlineList.Count > 0))
        {
            sb.Append('\n').Append(u.Name).Append(": ").Append(string.Join(", ", u.HotlineList));
            if (!string.IsNullOrWhiteSpace(u.Address))
            {
                sb.Append(" (").Append(u.Address).Append(')');
            }
        }

        sb.Append("\nKhẩn cấp, gọi ngay 113.");
        if (hotlines.Count == 0)
        {
            return new ZaloButtonsMessage(Clip(sb.ToString(), ZaloMessageLimits.MaxTextLength), [new("Gọi 113", ZaloAction.OpenPhone("113"))]);
        }

        // Zalo shows at most five buttons; every number is in the text above anyway.
        var buttons = hotlines.Take(ZaloMessageLimits.MaxButtons)
            .Select(h => new ZaloButton(Clip($"Gọi {h.Number} – {h.UnitName}", ZaloMessageLimits.MaxButtonTitleLength), ZaloAction.OpenPhone(h.PhoneCode)))
            .ToList();
        return new ZaloButtonsMessage(Clip(sb.ToString(), ZaloMessageLimits.MaxTextLength), buttons);
    }

    /// <summary>
    /// The answer to <c>#hoso [code]</c> from citizen <paramref name="citizenUserId"/> of OA
    /// <paramref name="oaId"/>: the status of their own report when the code is one of their case
    /// numbers, else the administrative dossier with that code. The code is only a claim: a case
    /// number answers only to the citizen who filed it, on the OA it was filed on (the signed
    /// webhook's sender), and anyone else gets the same "not found" as for an unknown code.
    /// </summary>
    public async Task<ZaloMessage> DossierAsync(string oaId, string citizenUserId, string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new ZaloTextMessage(
                "Để tra cứu, bạn nhắn #hoso và mã:\n- mã phản ánh hệ thống gửi khi tiếp nhận, ví dụ: #hoso TV-2026-000123\n- mã hồ sơ thủ tục ghi trên giấy biên nhận, ví dụ: #hoso CATV-2026-000123");
        }

        var normalized = DossierCode.Normalize(code);
        if (!DossierCode.IsWellFormed(normalized))
        {
            return NotFound(normalized);
        }

        var report = await db.Cases.AsNoTracking()
            .Where(c => c.Number == normalized && c.OaId == oaId && c.CitizenUserId == citizenUserId)
            .Select(c => new { c.Number, c.CreatedAt, c.Status, UnitName = c.Unit.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (report is not null)
        {
            return new ZaloTextMessage(
                $"Phản ánh {report.Number}\nNgày tiếp nhận: {Date(report.CreatedAt)}\nĐơn vị xử lý: {report.UnitName}\nTình trạng: {report.Status.Vi()}");
        }

        var found = await dossiers.FindAsync(normalized, cancellationToken);
        if (found is null)
        {
            return NotFound(normalized);
        }

        var sb = new StringBuilder();
        sb.Append("Hồ sơ thủ tục ").Append(found.Code).Append('\n');
        sb.Append("Thủ tục: ").Append(found.ProcedureName).Append('\n');
        if (found.UnitName is not null)
        {
            sb.Append("Nơi tiếp nhận: ").Append(found.UnitName).Append('\n');
        }

        sb.Append("Ngày tiếp nhận: ").Append(Date(found.ReceivedAt)).Append('\n');
        if (found.DueAt is { } due)
        {
            sb.Append("Ngày hẹn trả kết quả: ").Append(Date(due)).Append('\n');
        }

        sb.Append("Tình trạng: ").Append(found.Status);
        if (!string.IsNullOrWhiteSpace(found.Note))
        {
            sb.Append('\n').Append(found.Note);
        }

        return new ZaloTextMessage(Clip(sb.ToString(), ZaloMessageLimits.MaxTextLength));
    }

    private static ZaloTextMessage NotFound(string code) => new(
        $"Không tìm thấy mã {Clip(code, DossierCode.MaxLength)}. Bạn kiểm tra lại mã phản ánh hệ thống đã gửi, hoặc mã hồ sơ thủ tục trên giấy biên nhận (tra cứu thêm tại {ProcedureSeed.BoCongAnPortal}). Cần hỗ trợ, bạn nhắn câu hỏi để cán bộ trả lời.");

    private static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, VietnamTime).ToString("dd/MM/yyyy", Vietnamese);

    private static List<ZaloMessage> Chunked(string intro, List<ZaloButton> buttons)
    {
        var messages = new List<ZaloMessage>();
        for (var i = 0; i < buttons.Count; i += ZaloMessageLimits.MaxButtons)
        {
            var text = i == 0 ? intro : "(tiếp theo)";
            messages.Add(new ZaloButtonsMessage(Clip(text, ZaloMessageLimits.MaxTextLength), buttons.GetRange(i, Math.Min(ZaloMessageLimits.MaxButtons, buttons.Count - i))));
        }

        return messages;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Cuts at a length counted after NFC normalisation, as Zalo counts.</summary>
    private static string Clip(string text, int max)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        return nfc.Length <= max ? nfc : nfc[..(max - 1)] + "…";
    }
}
