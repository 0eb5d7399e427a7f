using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Operations;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>Vận hành: the Zalo link of each OA in the administrator's scope and the durable queues.</summary>
public sealed class OperationsModel(OperationsOverview overview) : PageModel
{
    public OperationsSnapshot Snapshot { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!me.IsAdministrator)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Snapshot = await overview.GetAsync(me, cancellationToken);
        return Page();
    }

    /// <summary>The token state in Vietnamese, and whether it needs someone.</summary>
    public static (string Text, bool Attention) TokenVi(ZaloTokenState? state) => state switch
    {
        null => ("Không áp dụng (chế độ thử nghiệm)", false),
        ZaloTokenState.Valid => ("Hợp lệ", false),
        ZaloTokenState.Refreshing => ("Đang làm mới", false),
        ZaloTokenState.RefreshDue => ("Sắp hết hạn, sẽ tự làm mới", false),
        ZaloTokenState.Missing => ("Chưa có mã truy cập: cần kết nối OA", true),
        ZaloTokenState.ReauthorizationRequired => ("Zalo từ chối: cần kết nối lại OA", true),
        _ => (state.ToString()!, true),
    };
}
