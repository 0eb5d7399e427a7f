namespace ZaloOA.PoliceDesk.News;

/// <summary>What the compose form sends.</summary>
public sealed class NewsDraft
{
    public int? Id { get; set; }

    public int UnitId { get; set; }

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public string Description { get; set; } = "";

    public string? CoverUrl { get; set; }

    public int? CoverImageId { get; set; }

    public List<NewsDraftBlock> Blocks { get; set; } = [];
}

/// <summary>One body block of the compose form.</summary>
public sealed class NewsDraftBlock
{
    public NewsBlockKind Kind { get; set; }

    public string? Content { get; set; }

    public string? Url { get; set; }

    public string? Caption { get; set; }

    public string? Thumb { get; set; }

    public bool IsEmpty => Kind == NewsBlockKind.Text ? string.IsNullOrWhiteSpace(Content) : string.IsNullOrWhiteSpace(Url);
}
