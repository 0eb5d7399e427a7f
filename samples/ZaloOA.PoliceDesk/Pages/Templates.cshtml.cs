using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Units;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>Quick replies: administrators manage the templates of the units in their scope.</summary>
public sealed class TemplatesModel(ReplyTemplates templates, UnitPicker picker) : PageModel
{
    public List<TemplateRow> Templates { get; private set; } = [];

    /// <summary>The new template's unit (Units/UnitPicker.cs).</summary>
    public UnitPickerView UnitChoice { get; private set; } = null!;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await templates.ManagedAsync(Me, cancellationToken) is not { } rows)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Templates = rows;
        UnitChoice = await picker.VisibleAsync(Me, new UnitPickerSpec("unitId", "Đơn vị", UnitPickerMeaning.Unit), Me.UnitId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? templateId, int unitId, string? title, string? text, CancellationToken cancellationToken) =>
        Done(await templates.SaveAsync(Me, templateId, unitId, title, text, cancellationToken));

    public async Task<IActionResult> OnPostDeleteAsync(int templateId, CancellationToken cancellationToken) =>
        Done(await templates.DeleteAsync(Me, templateId, cancellationToken));

    private IActionResult Done(DeskResult result)
    {
        switch (result.Outcome)
        {
            case DeskOutcome.NotFound:
                return NotFound();
            case DeskOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden, result.Message ?? "Forbidden");
        }

        Flash = result.Message;
        FlashOk = result.Succeeded;
        return RedirectToPage();
    }
}
