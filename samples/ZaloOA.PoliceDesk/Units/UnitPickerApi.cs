using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Units;

/// <summary>
/// The unit picker's one endpoint: <c>GET /api/units/{id}/children</c>, the units directly below
/// <c>id</c> with their own child counts, for <c>desk.js</c> to open the next level. It answers
/// inside the signed-in person's <see cref="CaseAccess.PickerHorizonAsync"/> only: a unit outside
/// it, or unknown, is 404 (the same answer, so ids cannot be probed). It lists names, never grants:
/// every page still checks the unit it receives.
/// </summary>
public static class UnitPickerApi
{
    /// <summary>The route; <c>desk.js</c> reads it from the picker's <c>data-unit-picker</c>.</summary>
    public const string Route = "/api/units/";

    // Vietnamese names as they are (like the pages), not as \u escapes; HTML-sensitive characters stay escaped.
    private static readonly JsonTypeInfo<UnitChildren> ChildrenJson = (JsonTypeInfo<UnitChildren>)new JsonSerializerOptions(UnitPickerJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = UnitPickerJsonContext.Default,
    }.GetTypeInfo(typeof(UnitChildren));

    /// <summary>Maps the endpoint (signed-in staff only).</summary>
    public static IEndpointRouteBuilder MapUnitPicker(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "{id:int}/children", ChildrenAsync).RequireAuthorization();
        return app;
    }

    /// <summary>The URL of a unit's children.</summary>
    public static string ChildrenUrl(int id) => $"{Route}{id}/children";

    private static async Task<Results<JsonHttpResult<UnitChildren>, NotFound, UnauthorizedHttpResult>> ChildrenAsync(
        int id, HttpContext http, CaseAccess access, DeskDbContext db, CancellationToken cancellationToken)
    {
        if (DeskUser.From(http.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var horizon = await access.PickerHorizonAsync(user, cancellationToken);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == id && u.Path.StartsWith(horizon))
            .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return TypedResults.NotFound();
        }

        // Children of a unit inside the horizon are inside it (its subtree).
        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == id).OrderBy(u => u.Path)
            .Select(u => new UnitChild(u.Id, u.Name, db.Units.Count(c => c.ParentId == u.Id)))
            .ToListAsync(cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Json(new UnitChildren(unit.Id, unit.Name, children), ChildrenJson);
    }
}

/// <summary>A unit and the units directly below it.</summary>
/// <param name="Id">The unit asked for.</param>
/// <param name="Name">Its name.</param>
/// <param name="Units">Its children, in the hierarchy's order.</param>
public sealed record UnitChildren(int Id, string Name, IReadOnlyList<UnitChild> Units);

/// <summary>A unit below the one asked for.</summary>
/// <param name="Id">The unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="Children">How many units are directly below it (0: nothing to open).</param>
public sealed record UnitChild(int Id, string Name, int Children);

/// <summary>Source-generated JSON of <see cref="UnitPickerApi"/> (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(UnitChildren))]
internal sealed partial class UnitPickerJsonContext : JsonSerializerContext;
