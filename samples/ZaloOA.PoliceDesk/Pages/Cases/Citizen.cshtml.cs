using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Citizens;

namespace ZaloOA.PoliceDesk.Pages.Cases;

/// <summary>The actions of the case page's citizen panel (<c>_Citizen.cshtml</c>): each starts from
/// the case id in the route, which must be a case the officer can read (else 404).</summary>
public sealed class CitizenModel(CitizenProfiles profiles) : PageModel
{
    private DeskUser Me => DeskUser.From(User)!;

    public IActionResult OnGet(int id) => Redirect($"/Cases/{id}");

    public async Task<IActionResult> OnPostRequestInfoAsync(int id, CancellationToken cancellationToken) =>
        Done(id, await profiles.RequestInfoAsync(Me, id, cancellationToken));

    public async Task<IActionResult> OnPostBlockAsync(int id, CancellationToken cancellationToken) =>
        Done(id, await profiles.SetBlockedAsync(Me, id, blocked: true, cancellationToken));

    public async Task<IActionResult> OnPostUnblockAsync(int id, CancellationToken cancellationToken) =>
        Done(id, await profiles.SetBlockedAsync(Me, id, blocked: false, cancellationToken));

    private IActionResult Done(int id, DeskResult result)
    {
        switch (result.Outcome)
        {
            case DeskOutcome.NotFound:
                return NotFound();
            case DeskOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden, result.Message ?? "Forbidden");
        }

        // The case page shows the flash (its TempData properties).
        TempData["Flash"] = result.Message;
        TempData["FlashOk"] = result.Succeeded;
        return Redirect($"/Cases/{id}#citizen");
    }
}
