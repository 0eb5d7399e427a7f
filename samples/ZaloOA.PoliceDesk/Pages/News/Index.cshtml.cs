using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.News;

namespace ZaloOA.PoliceDesk.Pages.News;

public sealed class IndexModel(NewsDesk news) : PageModel
{
    public List<NewsArticle> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Articles = await news.Visible(DeskUser.From(User)!)
            .Include(a => a.Unit)
            .OrderByDescending(a => a.UpdatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
    }
}
