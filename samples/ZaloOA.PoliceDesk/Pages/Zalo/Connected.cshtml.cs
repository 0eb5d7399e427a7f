using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Zalo;
using ZaloOA.Sdk.AspNetCore.OAuth;

namespace ZaloOA.PoliceDesk.Pages.Zalo;

/// <summary>Where the SDK's OAuth callback sends staff: the outcome <see cref="ZaloOaLinking"/>
/// left in TempData, or why the SDK or Zalo refused (<c>?error=</c>).</summary>
public sealed class ConnectedModel : PageModel
{
    public string? Message { get; private set; }

    public bool Ok { get; private set; }

    public string? Error { get; private set; }

    /// <summary>What the SDK's own refusals mean, in words; null for Zalo's codes.</summary>
    public string? ErrorText => Error switch
    {
        ZaloOAuthCallbackErrors.OaMismatch => "Địa chỉ Zalo trả về đã bị sửa: mã OA không khớp với OA được cấp quyền. Không có gì được lưu.",
        ZaloOAuthCallbackErrors.UserMismatch => "Phiên kết nối được bắt đầu bởi tài khoản khác (hoặc bạn đã đăng xuất). Không có gì được lưu; vui lòng bắt đầu lại.",
        ZaloOAuthCallbackErrors.OaUnverified => "Zalo không xác nhận được OA vừa cấp quyền. Không có gì được lưu; vui lòng thử lại.",
        ZaloOAuthCallbackErrors.Unavailable => "Không liên lạc được với Zalo. Không có gì được lưu; vui lòng thử lại sau.",
        _ => null,
    };

    public void OnGet(string? error)
    {
        Message = TempData[ZaloOaLinking.ResultKey] as string;
        Ok = TempData[ZaloOaLinking.ResultOkKey] is true;
        Error = error;
    }
}
