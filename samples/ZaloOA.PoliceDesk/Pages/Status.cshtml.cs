using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>The desk-styled page for an error status (403, 404, ...), shown by the status code pages
/// middleware; the response keeps the original status code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A failed form post is re-executed as a POST.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            StatusCodes.Status403Forbidden => ("Không có quyền truy cập", "Bạn không có quyền thực hiện thao tác này hoặc xem trang này. Nếu cần, hãy liên hệ quản trị viên đơn vị. (403)"),
            StatusCodes.Status404NotFound => ("Không tìm thấy", "Trang hoặc hồ sơ này không tồn tại, hoặc nằm ngoài phạm vi đơn vị của bạn. (404)"),
            StatusCodes.Status400BadRequest => ("Yêu cầu không hợp lệ", "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại. (400)"),
            _ => ("Đã xảy ra lỗi", $"Yêu cầu không xử lý được (mã {code}). Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị viên."),
        };
    }
}
