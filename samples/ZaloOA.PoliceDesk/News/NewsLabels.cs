using ZaloOA.Sdk.Broadcast;

namespace ZaloOA.PoliceDesk.News;

/// <summary>Vietnamese labels of the news desk.</summary>
public static class NewsLabels
{
    public static string Vi(this NewsStatus status) => status switch
    {
        NewsStatus.Draft => "Bản nháp",
        NewsStatus.Processing => "Zalo đang xử lý",
        NewsStatus.Published => "Đã đăng",
        NewsStatus.Removed => "Đã gỡ",
        _ => status.ToString(),
    };

    public static string Vi(this NewsBlockKind kind) => kind switch
    {
        NewsBlockKind.Text => "Đoạn văn",
        NewsBlockKind.Image => "Hình ảnh",
        NewsBlockKind.Video => "Video",
        _ => kind.ToString(),
    };

    public static string Vi(BroadcastAgeGroup age) => age switch
    {
        BroadcastAgeGroup.Under13 => "dưới 13",
        BroadcastAgeGroup.From13To17 => "13–17",
        BroadcastAgeGroup.From18To24 => "18–24",
        BroadcastAgeGroup.From25To34 => "25–34",
        BroadcastAgeGroup.From35To44 => "35–44",
        BroadcastAgeGroup.From45To54 => "45–54",
        BroadcastAgeGroup.From55To64 => "55–64",
        BroadcastAgeGroup.From65 => "từ 65",
        _ => ((int)age).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Provinces offered for targeting: Trà Vinh and its neighbours, plus the largest cities.</summary>
    public static readonly IReadOnlyList<BroadcastCity> OfferedCities =
    [
        BroadcastCity.TraVinh, BroadcastCity.VinhLong, BroadcastCity.BenTre, BroadcastCity.SocTrang,
        BroadcastCity.CanTho, BroadcastCity.HoChiMinh, BroadcastCity.HaNoi,
    ];

    public static string Vi(BroadcastCity city) => city switch
    {
        BroadcastCity.TraVinh => "Trà Vinh",
        BroadcastCity.VinhLong => "Vĩnh Long",
        BroadcastCity.BenTre => "Bến Tre",
        BroadcastCity.SocTrang => "Sóc Trăng",
        BroadcastCity.CanTho => "Cần Thơ",
        BroadcastCity.HoChiMinh => "TP Hồ Chí Minh",
        BroadcastCity.HaNoi => "Hà Nội",
        _ => city.ToString(),
    };

    /// <summary>Vietnamese names of the citizen-services audit actions; null for other codes.</summary>
    public static string? AuditVi(string action) => action switch
    {
        NewsAuditActions.Drafted => "Soạn bài viết",
        NewsAuditActions.Edited => "Sửa bài viết",
        NewsAuditActions.Published => "Đăng bài viết lên Zalo OA",
        NewsAuditActions.Updated => "Cập nhật bài viết trên Zalo OA",
        NewsAuditActions.PublishFailed => "Đăng bài viết thất bại",
        NewsAuditActions.Hidden => "Ẩn bài viết",
        NewsAuditActions.Shown => "Hiện bài viết",
        NewsAuditActions.Removed => "Gỡ bài viết khỏi Zalo OA",
        NewsAuditActions.Deleted => "Xóa bản nháp",
        NewsAuditActions.Broadcast => "Gửi bài viết tới người quan tâm",
        "procedure.created" => "Thêm thủ tục",
        "procedure.updated" => "Sửa thủ tục",
        "procedure.deleted" => "Xóa thủ tục",
        "procedure.category" => "Lưu lĩnh vực thủ tục",
        "unit.hotlines" => "Sửa đường dây nóng",
        _ => null,
    };
}
