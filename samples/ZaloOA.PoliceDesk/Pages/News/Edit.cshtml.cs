using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.News;

namespace ZaloOA.PoliceDesk.Pages.News;

/// <summary>Compose or edit an article: title, author, description, cover (upload or link) and body blocks.</summary>
public sealed class EditModel(NewsDesk news, CaseAccess access) : PageModel
{
    /// <summary>Empty block rows offered under the existing ones.</summary>
    public const int SpareBlocks = 3;

    [BindProperty]
    public NewsDraft Draft { get; set; } = new();

    [BindProperty]
    public IFormFile? CoverFile { get; set; }

    public List<Unit> Units { get; private set; } = [];

    public bool IsPublished { get; private set; }

    public string? Error { get; private set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadUnitsAsync(cancellationToken);
        if (id is int existing)
        {
            var article = await news.FindAsync(Me, existing, cancellationToken);
            if (article is null)
            {
                return NotFound();
            }

            IsPublished = article.ZaloArticleId is not null;
            Draft = new NewsDraft
            {
                Id = article.Id,
                UnitId = article.UnitId,
                Title = article.Title,
                Author = article.Author,
                Description = article.Description,
                CoverUrl = article.CoverImageId is null ? article.CoverUrl : null,
                CoverImageId = article.CoverImageId,
                Blocks = [.. article.Blocks.OrderBy(b => b.Order).Select(b => new NewsDraftBlock { Kind = b.Kind, Content = b.Content, Url = b.Url, Caption = b.Caption, Thumb = b.Thumb })],
            };
        }
        else
        {
            Draft = new NewsDraft { UnitId = Me.UnitId, Author = Units.FirstOrDefault(u => u.Id == Me.UnitId)?.Name ?? "" };
        }

        PadBlocks();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken) => SaveAsync(id, publish: false, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int? id, CancellationToken cancellationToken) => SaveAsync(id, publish: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, bool publish, CancellationToken cancellationToken)
    {
        Draft.Id = id;
        var errors = Validate();
        if (CoverFile is { Length: > 0 } file)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var image = await news.SaveImageAsync(Me, Draft.UnitId, file.ContentType, buffer.ToArray(), cancellationToken);
            if (image.Succeeded)
            {
                Draft.CoverImageId = image.Value;
            }
            else
            {
                errors.Add(image.Message!);
            }
        }
        else if (!string.IsNullOrWhiteSpace(Draft.CoverUrl))
        {
            Draft.CoverImageId = null;
        }
        else if (id is int existing && Draft.CoverImageId is null)
        {
            // Keep the cover uploaded earlier when neither a new file nor a link is given.
            Draft.CoverImageId = (await news.FindAsync(Me, existing, cancellationToken))?.CoverImageId;
        }

        if (Draft.CoverImageId is null && string.IsNullOrWhiteSpace(Draft.CoverUrl))
        {
            errors.Add("Cần ảnh bìa: tải ảnh lên hoặc nhập liên kết ảnh.");
        }

        if (errors.Count > 0)
        {
            Error = string.Join(" ", errors);
            await LoadUnitsAsync(cancellationToken);
            PadBlocks();
            return Page();
        }

        var draft = await news.SaveDraftAsync(Me, Draft, cancellationToken);
        if (draft.Value is not { } saved)
        {
            return id is null ? Forbid() : NotFound();
        }

        var result = publish ? await news.PublishAsync(Me, saved.Id, new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/"), cancellationToken) : null;
        TempData["Flash"] = result?.Message ?? "Đã lưu bản nháp.";
        TempData["FlashOk"] = result?.Succeeded ?? true;
        return Redirect($"/News/{saved.Id}");
    }

    private List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Draft.Title))
        {
            errors.Add("Cần nhập tiêu đề.");
        }

        if (string.IsNullOrWhiteSpace(Draft.Author))
        {
            errors.Add("Cần nhập tác giả.");
        }

        if (string.IsNullOrWhiteSpace(Draft.Description))
        {
            errors.Add("Cần nhập mô tả ngắn.");
        }

        if (!Draft.Blocks.Any(b => !b.IsEmpty))
        {
            errors.Add("Nội dung cần ít nhất một khối (đoạn văn, hình ảnh hoặc video).");
        }

        if (Draft.Blocks.Any(b => b.Kind == NewsBlockKind.Video && !b.IsEmpty && string.IsNullOrWhiteSpace(b.Thumb)))
        {
            errors.Add("Khối video cần ảnh đại diện (thumbnail).");
        }

        errors.AddRange(NewsDesk.UrlProblems(Draft));

        return errors;
    }

    private async Task LoadUnitsAsync(CancellationToken cancellationToken) =>
        Units = await access.VisibleUnits(Me).OrderBy(u => u.Path).ToListAsync(cancellationToken);

    private void PadBlocks()
    {
        Draft.Blocks = [.. Draft.Blocks.Where(b => !b.IsEmpty)];
        if (Draft.Blocks.Count == 0)
        {
            Draft.Blocks.Add(new NewsDraftBlock { Kind = NewsBlockKind.Text });
        }

        for (var i = 0; i < SpareBlocks; i++)
        {
            Draft.Blocks.Add(new NewsDraftBlock { Kind = i == 0 ? NewsBlockKind.Image : NewsBlockKind.Text });
        }
    }
}
