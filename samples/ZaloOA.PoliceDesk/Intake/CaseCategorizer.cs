using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Intake;

/// <summary>
/// Picks a case category from the citizen's words. Matching is on whole words after folding
/// (diacritics-insensitive: "tai nạn" and "tai nan" both match). Categories are tried in order of
/// seriousness, so "bị trộm xe" is a crime, not a traffic matter. Staff can change the result.
/// </summary>
public static class CaseCategorizer
{
    private static readonly (CaseCategory Category, string[] Keywords)[] Rules =
    [
        (CaseCategory.CrimeAndViolations,
        [
            "trộm", "trộm cắp", "ăn trộm", "cướp", "cướp giật", "lừa đảo", "chiếm đoạt", "ma túy", "ma tuý",
            "đánh bạc", "cá độ", "cá cược", "số đề", "cho vay nặng lãi", "tín dụng đen", "giết", "giết người", "hiếp dâm", "xâm hại",
            "buôn lậu", "hàng giả", "tàng trữ", "vũ khí", "mua bán người", "bắt cóc", "tống tiền",
            "đe dọa", "đe doạ", "phạm tội", "tội phạm", "vi phạm pháp luật", "gây thương tích", "hành hung", "mất cắp", "bị mất",
        ]),
        (CaseCategory.TrafficSafety,
        [
            "tai nạn", "giao thông", "đua xe", "lạng lách", "vượt đèn đỏ", "đèn đỏ", "nồng độ cồn", "kẹt xe", "ùn tắc",
            "csgt", "cảnh sát giao thông", "xe tải", "quá tải", "đậu xe", "đỗ xe", "lấn chiếm lòng đường", "mũ bảo hiểm", "bằng lái",
            "giấy phép lái xe", "ngược chiều", "chạy quá tốc độ", "xe container", "va chạm",
        ]),
        (CaseCategory.PublicOrder,
        [
            "gây rối", "mất trật tự", "trật tự", "ồn ào", "karaoke", "hát karaoke", "tụ tập", "đánh nhau", "ẩu đả", "say xỉn",
            "quấy rối", "an ninh", "khả nghi", "đốt pháo", "xả rác", "cãi nhau", "bạo lực gia đình",
        ]),
        (CaseCategory.AdministrativeProcedures,
        [
            "căn cước", "cccd", "cmnd", "chứng minh", "định danh", "vneid", "tạm trú", "thường trú", "cư trú", "tạm vắng",
            "hộ khẩu", "hộ chiếu", "giấy tờ", "thủ tục", "hồ sơ", "đăng ký", "đăng ký xe", "biển số", "cấp đổi", "cấp lại", "xác nhận",
            "xuất nhập cảnh", "dịch vụ công", "lệ phí", "sang tên",
        ]),
        (CaseCategory.GoodDeeds,
        [
            "nhặt được", "trả lại", "người tốt", "việc tốt", "giúp đỡ", "cảm ơn", "cám ơn", "tuyên dương", "khen ngợi", "dũng cảm",
            "cứu người", "tốt bụng",
        ]),
    ];

    private static readonly (CaseCategory Category, string[] Folded)[] FoldedRules =
        [.. Rules.Select(r => (r.Category, r.Keywords.Select(VietnameseText.Fold).Distinct(StringComparer.Ordinal).ToArray()))];

    /// <summary>The category for a text; <see cref="CaseCategory.Other"/> when nothing matches.</summary>
    public static CaseCategory Categorize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CaseCategory.Other;
        }

        var folded = VietnameseText.Fold(text);
        foreach (var (category, keywords) in FoldedRules)
        {
            foreach (var keyword in keywords)
            {
                if (folded.Contains(keyword, StringComparison.Ordinal))
                {
                    return category;
                }
            }
        }

        return CaseCategory.Other;
    }
}
