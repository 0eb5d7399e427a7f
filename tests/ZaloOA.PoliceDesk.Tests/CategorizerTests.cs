using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Tests;

public sealed class CategorizerTests
{
    [Theory]
    [InlineData("Nhà tôi bị trộm xe máy tối qua", CaseCategory.CrimeAndViolations)]
    [InlineData("nha toi bi trom xe may", CaseCategory.CrimeAndViolations)]
    [InlineData("Phát hiện đối tượng mua bán MA TÚY", CaseCategory.CrimeAndViolations)]
    [InlineData("Có tai nạn giao thông ở ngã tư", CaseCategory.TrafficSafety)]
    [InlineData("Thanh niên đua xe, lạng lách trên đường Nguyễn Đáng", CaseCategory.TrafficSafety)]
    [InlineData("Hàng xóm hát karaoke ồn ào sau 22 giờ", CaseCategory.PublicOrder)]
    [InlineData("Xin hướng dẫn thủ tục đăng ký tạm trú", CaseCategory.AdministrativeProcedures)]
    [InlineData("Cấp đổi CCCD cần giấy tờ gì?", CaseCategory.AdministrativeProcedures)]
    [InlineData("Em nhặt được ví và muốn trả lại người đánh rơi", CaseCategory.GoodDeeds)]
    [InlineData("Xin chào", CaseCategory.Other)]
    [InlineData("", CaseCategory.Other)]
    public void Category_follows_keywords_without_regard_to_diacritics(string text, CaseCategory expected) =>
        Assert.Equal(expected, CaseCategorizer.Categorize(text));

    [Fact]
    public void Crime_wins_over_traffic_when_both_match() =>
        Assert.Equal(CaseCategory.CrimeAndViolations, CaseCategorizer.Categorize("Bị cướp giật điện thoại khi đang tham gia giao thông"));

    [Fact]
    public void Keywords_match_whole_words_only() =>
        // "lúa" must not match "lừa" (fraud): both fold to "lua", so "lừa" alone is not a keyword.
        Assert.Equal(CaseCategory.Other, CaseCategorizer.Categorize("Ruộng lúa nhà tôi sắp thu hoạch"));

    [Fact]
    public void Fold_removes_marks_and_dd() =>
        Assert.Equal(" duong ngo quyen phuong 1 ", VietnameseText.Fold("Đường Ngô Quyền, Phường 1!"));
}
