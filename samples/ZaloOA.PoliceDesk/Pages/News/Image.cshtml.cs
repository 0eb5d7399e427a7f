using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Pages.News;

/// <summary>An uploaded cover image. Public: Zalo fetches it when the article is published, and
/// followers see it in the article; it holds nothing but what the unit chose to publish.</summary>
[AllowAnonymous]
public sealed class ImageModel(DeskDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var image = await db.NewsImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (image is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=86400";
        return File(image.Content, image.ContentType);
    }
}
