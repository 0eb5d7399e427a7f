using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Echoes;
using ZaloOA.PoliceDesk.Live;
using ZaloOA.PoliceDesk.Operations;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>Vận hành: the Zalo link of each OA in the administrator's scope and the durable queues.</summary>
public sealed class OperationsModel(OperationsOverview overview, CaseAccess access, DeskDbContext db, IOptions<LiveOptions> live) : PageModel
{
    public OperationsSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The newest Zalo events the desk could not place, of the OAs in the administrator's
    /// scope (the province's administrator also sees those of OAs linked to no unit).</summary>
    public List<UnmatchedZaloEvent> Unmatched { get; private set; } = [];

    /// <summary>How long unmatched events are kept.</summary>
    public TimeSpan UnmatchedRetention => live.Value.UnmatchedRetention;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!me.IsAdministrator)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Snapshot = await overview.GetAsync(me, cancellationToken);
        var scopeOas = access.VisibleUnits(me).Where(u => u.ZaloOaId != null).Select(u => u.ZaloOaId);
        var province = CaseAccess.IsTopAdministrator(me);
        Unmatched = await db.UnmatchedZaloEvents.AsNoTracking()
            .Where(u => scopeOas.Contains(u.OaId) || (province && !db.Units.Any(x => x.ZaloOaId == u.OaId)))
            .OrderByDescending(u => u.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
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
