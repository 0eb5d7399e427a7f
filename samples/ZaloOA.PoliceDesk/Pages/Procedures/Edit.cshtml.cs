using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Procedures;

namespace ZaloOA.PoliceDesk.Pages.Procedures;

/// <summary>Add or edit a procedure (administrators).</summary>
public sealed class EditModel(ProcedureCatalog catalog) : PageModel
{
    [BindProperty]
    public ProcedureInput Input { get; set; } = new();

    public List<ProcedureCategory> Categories { get; private set; } = [];

    public List<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (!ProcedureCatalog.CanEdit(DeskUser.From(User)!))
        {
            return Forbid();
        }

        Categories = await catalog.CategoriesAsync(cancellationToken);
        if (id is int existing)
        {
            var p = await catalog.FindAsync(existing, cancellationToken);
            if (p is null)
            {
                return NotFound();
            }

            Input = new ProcedureInput
            {
                Id = p.Id, CategoryId = p.CategoryId, Code = p.Code, Name = p.Name, Authority = p.Authority,
                Steps = p.Steps, Documents = p.Documents, Fees = p.Fees, ProcessingTime = p.ProcessingTime, PortalUrl = p.PortalUrl,
            };
        }
        else
        {
            Input = new ProcedureInput { PortalUrl = ProcedureSeed.BoCongAnPortal };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!ProcedureCatalog.CanEdit(me))
        {
            return Forbid();
        }

        Input.Id = id;
        var (saved, errors) = await catalog.SaveAsync(me, Input, cancellationToken);
        if (saved is null)
        {
            Errors = errors;
            Categories = await catalog.CategoriesAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = "Đã lưu thủ tục.";
        TempData["FlashOk"] = true;
        return Redirect("/Procedures");
    }
}
