namespace ZaloOA.PoliceDesk.News;

/// <summary>Audit action codes of the news desk.</summary>
public static class NewsAuditActions
{
    public const string Drafted = "news.drafted";
    public const string Edited = "news.edited";
    public const string Published = "news.published";
    public const string Updated = "news.updated";
    public const string PublishFailed = "news.publish_failed";
    public const string Hidden = "news.hidden";
    public const string Shown = "news.shown";
    public const string Removed = "news.removed";
    public const string Deleted = "news.deleted";
    public const string Broadcast = "news.broadcast";
}

/// <summary>Routes of the news pages.</summary>
public static class NewsRoutes
{
    public const string Index = "/News";

    /// <summary>An uploaded image, public so Zalo can fetch it.</summary>
    public static string Image(int id) => "news/images/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
