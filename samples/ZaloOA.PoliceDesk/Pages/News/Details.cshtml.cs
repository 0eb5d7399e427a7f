using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.News;
using ZaloOA.Sdk.Broadcast;

namespace ZaloOA.PoliceDesk.Pages.News;

/// <summary>An article: its state on Zalo, publish / verify / hide / show / remove, and broadcast.</summary>
public sealed class DetailsModel(NewsDesk news) : PageModel
{
    public NewsArticle Article { get; private set; } = null!;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var article = await news.FindAsync(Me, id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => news.PublishAsync(Me, id, new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/"), cancellationToken));

    public Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => news.VerifyAsync(Me, id, cancellationToken));

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => news.SetVisibilityAsync(Me, id, visible: false, cancellationToken));

    public Task<IActionResult> OnPostShowAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => news.SetVisibilityAsync(Me, id, visible: true, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await news.RemoveAsync(Me, id, cancellationToken);
        if (result.Outcome == DeskOutcome.NotFound)
        {
            return NotFound();
        }

        Flash = result.Message;
        FlashOk = result.Succeeded;
        // A deleted draft has no page any more.
        return result.Succeeded && await news.FindAsync(Me, id, cancellationToken) is null ? Redirect(NewsRoutes.Index) : Redirect($"/News/{id}");
    }

    public Task<IActionResult> OnPostBroadcastAsync(int id, BroadcastGender gender, List<BroadcastAgeGroup> ages, List<BroadcastCity> cities, CancellationToken cancellationToken) =>
        ActAsync(id, () => news.BroadcastAsync(Me, id, new BroadcastChoice(gender, ages ?? [], cities ?? []), cancellationToken));

    private async Task<IActionResult> ActAsync(int id, Func<Task<DeskResult>> action)
    {
        var result = await action();
        if (result.Outcome == DeskOutcome.NotFound)
        {
            return NotFound();
        }

        Flash = result.Message;
        FlashOk = result.Succeeded;
        return Redirect($"/News/{id}");
    }
}
