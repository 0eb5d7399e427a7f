using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>
/// <c>GET /live/events</c>: a server-sent event stream of the changes to cases the signed-in officer
/// may read, as <c>event: report|update</c>, <c>data: {"caseId":N}</c>, <c>id: cursor</c>. No case
/// content travels on it: the page fetches its own list or conversation again, through the same
/// access rules as any page. The officer's readable set (<see cref="CaseAccess.ReadableCases"/>:
/// the cases they handle and those they oversee, e.g. a case their unit transferred down) is applied
/// when each change is read, so a case that leaves it stops reporting at once. A reconnecting browser sends <c>Last-Event-ID</c>
/// and gets what it missed; a page that was away too long gets one <c>reset</c>. Heartbeats keep
/// the connection open; it is closed after <see cref="LiveOptions.MaxConnectionAge"/> so the
/// sign-in is checked again on reconnect.
/// </summary>
public static class LiveEndpoint
{
    // A change committed late (a concurrent transaction with a lower id) is still picked up if it is
    // within this many ids of the cursor; events already sent are not repeated.
    private const long Overlap = 200;

    // A cursor further behind than this gets one reset instead of every change.
    private const long MaxCatchUp = 1000;

    /// <summary>Maps the stream (signed-in staff only: the fallback policy).</summary>
    public static IEndpointConventionBuilder MapDeskLive(this IEndpointRouteBuilder app) =>
        app.MapGet(DeskRoutes.LiveEvents, StreamAsync);

    private static async Task StreamAsync(
        HttpContext context,
        DeskChangeFeed feed,
        LiveConnections connections,
        IServiceScopeFactory scopes,
        IOptions<LiveOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        if (DeskUser.From(context.User) is not { } user)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!connections.TryEnter(user.Id))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        try
        {
            var settings = options.Value;
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Accel-Buffering"] = "no";

            using var age = new CancellationTokenSource(settings.MaxConnectionAge, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, age.Token);
            var ct = linked.Token;
            var cursor = Cursor(context.Request) is { } asked && asked <= feed.Latest ? asked : feed.Latest;
            // Ids this connection streamed within the overlap. Its first read starts at the cursor
            // itself: a reconnecting page is not told again (nor beeped at) what it already had.
            var sent = new HashSet<long>();
            var overlap = false;
            await WriteAsync(context, string.Create(CultureInfo.InvariantCulture, $"retry: 3000\nid: {cursor}\n\n"), ct);
            while (!ct.IsCancellationRequested)
            {
                var changed = feed.WaitForChangeAsync(cursor, ct);
                await Task.WhenAny(changed, Task.Delay(settings.Heartbeat, time, ct));
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                if (changed.IsCompletedSuccessfully)
                {
                    cursor = await SendChangesAsync(context, scopes, user, cursor, feed.Latest, sent, overlap, ct);
                    overlap = true;
                }
                else
                {
                    await WriteAsync(context, ": heartbeat\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left, the connection reached its age, or the app is stopping.
        }
        finally
        {
            connections.Leave(user.Id);
        }
    }

    private static async Task<long> SendChangesAsync(HttpContext context, IServiceScopeFactory scopes, DeskUser user, long cursor, long upTo, HashSet<long> sent, bool overlap, CancellationToken ct)
    {
        var text = new StringBuilder();
        if (upTo - cursor > MaxCatchUp)
        {
            text.Append("event: reset\ndata: {}\n\n");
            sent.Clear();
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var visible = scope.ServiceProvider.GetRequiredService<CaseAccess>().ReadableCases(user);
            var from = overlap ? Math.Max(0, cursor - Overlap) : cursor;
            var rows = await db.DeskChanges.AsNoTracking()
                .Where(d => d.Id > from && d.Id <= upTo && visible.Any(c => c.Id == d.CaseId))
                .OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.CaseId, d.Kind })
                .ToListAsync(ct);
            var fresh = rows.Where(r => sent.Add(r.Id)).ToList();
            // One event per case, at its newest change; "report" when the citizen wrote.
            foreach (var group in fresh.GroupBy(r => r.CaseId).OrderBy(g => g.Max(r => r.Id)))
            {
                var kind = group.Any(r => r.Kind == DeskChangeKinds.Report) ? DeskChangeKinds.Report : DeskChangeKinds.Update;
                text.Append(CultureInfo.InvariantCulture, $"id: {group.Max(r => r.Id)}\nevent: {kind}\ndata: {{\"caseId\":{group.Key}}}\n\n");
            }

            sent.RemoveWhere(id => id <= upTo - Overlap);
        }

        // The browser's Last-Event-ID moves past changes this officer may not see too.
        text.Append(CultureInfo.InvariantCulture, $"id: {upTo}\n\n");
        await WriteAsync(context, text.ToString(), ct);
        return upTo;
    }

    private static long? Cursor(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : null;
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.WriteAsync(text, ct);
        await context.Response.Body.FlushAsync(ct);
    }
}

/// <summary>Open live connections per officer on this instance (<see cref="LiveOptions.MaxConnectionsPerUser"/>).</summary>
public sealed class LiveConnections(IOptions<LiveOptions> options)
{
    private readonly ConcurrentDictionary<int, int> _open = new();

    /// <summary>Counts a connection in, or refuses it when the officer has too many open.</summary>
    public bool TryEnter(int staffId)
    {
        var count = _open.AddOrUpdate(staffId, 1, static (_, n) => n + 1);
        if (count <= options.Value.MaxConnectionsPerUser)
        {
            return true;
        }

        Leave(staffId);
        return false;
    }

    /// <summary>Counts a connection out.</summary>
    public void Leave(int staffId) => _open.AddOrUpdate(staffId, 0, static (_, n) => Math.Max(0, n - 1));
}
