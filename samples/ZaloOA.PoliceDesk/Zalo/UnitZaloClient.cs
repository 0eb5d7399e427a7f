using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk;

namespace ZaloOA.PoliceDesk.Zalo;

/// <summary>
/// The SDK client of a unit's linked OA for the desk's own calls to Zalo (news, group warnings), and
/// the one Vietnamese explanation of the SDK's failures those pages show.
/// </summary>
internal static class UnitZaloClient
{
    /// <summary>The client of <paramref name="unit"/>'s OA, or null with the reason in
    /// <paramref name="unavailable"/> (no Zalo app configured, or the unit has no linked OA).</summary>
    /// <param name="purpose">What the officer was doing, completing "chưa thể …".</param>
    public static ZaloOAClient? For(IServiceProvider services, Unit unit, string purpose, out string? unavailable)
    {
        var factory = services.GetService<IZaloOAClientFactory>();
        if (factory is null)
        {
            unavailable = $"Ứng dụng chưa cấu hình Zalo (mục Zalo:AppId), chưa thể {purpose}.";
            return null;
        }

        if (string.IsNullOrEmpty(unit.ZaloOaId))
        {
            unavailable = $"{unit.Name} chưa kết nối Zalo OA. Quản trị viên kết nối tại trang Đơn vị.";
            return null;
        }

        unavailable = null;
        return factory.GetClient(unit.ZaloOaId);
    }

    /// <summary>The Vietnamese explanation of an SDK failure.</summary>
    /// <param name="subject">What was refused as invalid ("Bài viết", "Cảnh báo").</param>
    public static string Explain(Exception ex, string subject) => ex switch
    {
        ZaloValidationException v => $"{subject} chưa hợp lệ: {v.Message}",
        ZaloReauthorizationRequiredException => "Zalo OA của đơn vị cần được kết nối lại (trang Đơn vị → Kết nối Zalo OA).",
        ZaloApiException api => $"Zalo từ chối (mã {api.ErrorCode}): {api.ZaloMessage}",
        ZaloTransportException => "Không kết nối được tới Zalo. Vui lòng thử lại sau.",
        _ => "Zalo trả lời không như mong đợi. Vui lòng thử lại sau.",
    };
}
