using ZaloOA.PoliceDesk.Audit;

namespace ZaloOA.PoliceDesk.Domain;

/// <summary>Vietnamese labels for the UI and the API.</summary>
public static class Labels
{
    public static string Vi(this CaseStatus status) => status switch
    {
        CaseStatus.New => "Mới",
        CaseStatus.InProgress => "Đang xử lý",
        CaseStatus.Transferred => "Đã chuyển",
        CaseStatus.Resolved => "Đã giải quyết",
        CaseStatus.Answered => "Đã trả lời",
        CaseStatus.NotOurJurisdiction => "Không thuộc thẩm quyền",
        CaseStatus.Rejected => "Từ chối / tin rác",
        CaseStatus.Duplicate => "Trùng, đã gộp",
        _ => status.ToString(),
    };

    public static string Vi(this CaseCategory category) => category switch
    {
        CaseCategory.PublicOrder => "An ninh trật tự",
        CaseCategory.TrafficSafety => "Trật tự an toàn giao thông",
        CaseCategory.CrimeAndViolations => "Tội phạm, vi phạm pháp luật",
        CaseCategory.GoodDeeds => "Gương người tốt, việc tốt",
        CaseCategory.AdministrativeProcedures => "Thủ tục hành chính",
        CaseCategory.Other => "Khác",
        _ => category.ToString(),
    };

    public static string Vi(this MessageKind kind) => kind switch
    {
        MessageKind.Text => "Văn bản",
        MessageKind.Image => "Hình ảnh",
        MessageKind.Video => "Video",
        MessageKind.Audio => "Ghi âm",
        MessageKind.File => "Tệp",
        MessageKind.Location => "Vị trí",
        MessageKind.Link => "Liên kết",
        MessageKind.Sticker => "Nhãn dán",
        _ => kind.ToString(),
    };

    public static string Vi(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "Đang gửi",
        DeliveryStatus.Sent => "Đã gửi",
        DeliveryStatus.WindowClosed => "Không gửi được (quá 7 ngày, -230)",
        DeliveryStatus.Failed => "Gửi thất bại",
        _ => status.ToString(),
    };

    public static string Vi(this StaffRole role) => role switch
    {
        StaffRole.Administrator => "Quản trị",
        StaffRole.UnitOfficer => "Cán bộ đơn vị",
        _ => role.ToString(),
    };

    public static string Vi(this MediaStatus status) => status switch
    {
        MediaStatus.Pending => "Đang tải về",
        MediaStatus.Stored => "Đã lưu",
        MediaStatus.Failed => "Không tải được",
        MediaStatus.Purged => "Đã xóa (hết thời hạn lưu trữ hoặc theo yêu cầu)",
        _ => status.ToString(),
    };

    /// <summary>Vietnamese name of an audit action code.</summary>
    public static string AuditVi(string action) => action switch
    {
        AuditActions.CaseOpened => "Mở hồ sơ",
        AuditActions.MessageReceived => "Nhận tin nhắn",
        AuditActions.Acknowledged => "Gửi tin xác nhận tự động",
        AuditActions.AcknowledgementWindowClosed => "Tin xác nhận không gửi được (-230)",
        AuditActions.AcknowledgementFailed => "Tin xác nhận gửi thất bại",
        AuditActions.ReplyQueued => "Soạn trả lời (chờ gửi)",
        AuditActions.ReplyRetried => "Gửi lại tin nhắn",
        AuditActions.Replied => "Trả lời đã gửi tới người dân",
        AuditActions.ReplyWindowClosed => "Trả lời không gửi được (-230)",
        AuditActions.ReplyFailed => "Trả lời gửi thất bại",
        AuditActions.NoteAdded => "Thêm ghi chú nội bộ",
        AuditActions.Assigned => "Phân công",
        AuditActions.StatusChanged => "Đổi trạng thái",
        AuditActions.CategoryChanged => "Đổi lĩnh vực",
        AuditActions.Transferred => "Chuyển đơn vị",
        AuditActions.SignedIn => "Đăng nhập",
        AuditActions.SignInFailed => "Đăng nhập thất bại",
        AuditActions.SignInLocked => "Đăng nhập bị chặn (tạm khóa)",
        AuditActions.StaffUpdated => "Cập nhật tài khoản cán bộ",
        AuditActions.OaLinked => "Liên kết Zalo OA",
        AuditActions.OaLinkRefused => "Từ chối liên kết Zalo OA",
        AuditActions.CaseViewed => "Xem hồ sơ",
        AuditActions.MediaViewed => "Xem tệp đính kèm",
        AuditActions.ApiCasesListed => "API: danh sách hồ sơ",
        AuditActions.ApiCaseRead => "API: đọc hồ sơ",
        AuditActions.CitizenExported => "Xuất dữ liệu người dân",
        AuditActions.CitizenErased => "Xóa dữ liệu người dân theo yêu cầu",
        AuditActions.RetentionRun => "Xóa dữ liệu hết thời hạn lưu trữ",
        _ => News.NewsLabels.AuditVi(action) ?? Groups.GroupLabels.AuditVi(action) ?? Citizens.CitizenAuditActions.AuditVi(action) ?? Configuration.DeskDataRegistration.AuditVi(action) ?? Echoes.ZaloEchoes.AuditVi(action) ?? action,
    };

    /// <summary>Vietnam time (Asia/Ho_Chi_Minh, see <see cref="Deadlines.VietnamTime"/>) for display.</summary>
    public static string VnTime(this DateTimeOffset at) => Deadlines.VietnamTime.Format(at);

    public static string VnTime(this DateTimeOffset? at) => at is { } v ? v.VnTime() : "—";

    /// <summary>A duration as "2 giờ 5 phút".</summary>
    public static string Vi(this TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "dưới 1 phút";
        }

        var parts = new List<string>(3);
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} ngày");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} giờ");
        }

        if (span.Minutes > 0 && span.Days == 0)
        {
            parts.Add($"{span.Minutes} phút");
        }

        return string.Join(' ', parts);
    }
}
