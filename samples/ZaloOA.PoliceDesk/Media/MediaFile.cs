using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Media;

/// <summary>A media item of a message and its own stored copy. Pending rows are the durable
/// download queue: Zalo's URLs expire, so the desk keeps a copy.</summary>
public sealed class MediaFile
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public int MessageId { get; set; }

    public CaseMessage Message { get; set; } = null!;

    public MessageKind Kind { get; set; }

    /// <summary>The Zalo URL it came from (expires).</summary>
    public string? SourceUrl { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>Path relative to the media folder once stored.</summary>
    public string? StoredPath { get; set; }

    public MediaStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StoredAt { get; set; }
}
