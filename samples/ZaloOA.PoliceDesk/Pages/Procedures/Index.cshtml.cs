using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Procedures;

namespace ZaloOA.PoliceDesk.Pages.Procedures;

public sealed class IndexModel(ProcedureCatalog catalog) : PageModel
{
    public List<ProcedureCategory> Categories { get; private set; } = [];

    public bool CanEdit { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanEdit = ProcedureCatalog.CanEdit(DeskUser.From(User)!);
        Categories = await catalog.CategoriesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCategoryAsync(string? code, string? name, string? description, CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!ProcedureCatalog.CanEdit(me))
        {
            return Forbid();
        }

        var error = await catalog.SaveCategoryAsync(me, code, name, description, cancellationToken);
        (Flash, FlashOk) = (error ?? "Đã lưu lĩnh vực.", error is null);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!ProcedureCatalog.CanEdit(me))
        {
            return Forbid();
        }

        FlashOk = await catalog.DeleteAsync(me, id, cancellationToken);
        Flash = FlashOk ? "Đã xóa thủ tục." : "Không tìm thấy thủ tục.";
        return RedirectToPage();
    }
}
