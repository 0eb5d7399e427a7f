using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>
/// Keeps each case's one search column (<see cref="CitizenCase.SearchText"/>) current whoever
/// stores a message (intake, a reply, a Zalo echo, a future path): on save, the folded text of
/// every new message is appended to its case's column, in the same transaction. The inbox searches
/// that column (<see cref="CaseSearch"/>; a word index on PostgreSQL), never the messages.
/// </summary>
public sealed class CaseSearchText : SaveChangesInterceptor
{
    /// <summary>A case's search text stops growing here (about 25 full-length messages): a citizen's
    /// report is in its first messages, and the row stays cheap to rewrite on every message.</summary>
    public const int MaxLength = 100_000;

    /// <summary>The one instance (stateless).</summary>
    public static CaseSearchText Instance { get; } = new();

    /// <summary>The case's search text with one message's folded text appended (space-separated
    /// words, as <see cref="Intake.VietnameseText.Fold"/> writes them), capped at <see cref="MaxLength"/>.</summary>
    public static string? Append(string? current, string? folded)
    {
        var words = folded?.Trim();
        if (string.IsNullOrEmpty(words))
        {
            return current;
        }

        var joined = string.IsNullOrEmpty(current) ? words : current + " " + words;
        // Cut at a word boundary so a clipped word never matches as a shorter one.
        return joined.Length <= MaxLength ? joined : joined[..(joined.LastIndexOf(' ', MaxLength) is > 0 and var cut ? cut : MaxLength)];
    }

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is DeskDbContext db)
        {
            foreach (var message in NewTexts(db))
            {
                var @case = message.Case ?? db.Cases.Find(message.CaseId);
                Stamp(@case, message);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is DeskDbContext db)
        {
            foreach (var message in NewTexts(db))
            {
                // Every path that stores a message has its case loaded (it updates the case's
                // activity), so this finds it tracked and costs no query.
                var @case = message.Case ?? await db.Cases.FindAsync([message.CaseId], cancellationToken);
                Stamp(@case, message);
            }
        }

        return result;
    }

    private static List<CaseMessage> NewTexts(DeskDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        return [.. db.ChangeTracker.Entries<CaseMessage>()
            .Where(e => e.State == EntityState.Added && !string.IsNullOrWhiteSpace(e.Entity.SearchText))
            .Select(e => e.Entity)];
    }

    private static void Stamp(CitizenCase? @case, CaseMessage message)
    {
        if (@case is not null)
        {
            @case.SearchText = Append(@case.SearchText, message.SearchText);
        }
    }
}
