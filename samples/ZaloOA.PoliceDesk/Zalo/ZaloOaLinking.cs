using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk.AspNetCore.OAuth;

namespace ZaloOA.PoliceDesk.Zalo;

/// <summary>
/// Decides who may connect which OA, and links the OA a unit authorised to that unit. The connect
/// page remembers which unit asked (and who) in a short-lived, data-protected cookie before handing
/// over to the SDK's consent start. After Zalo confirmed which OA was authorised, and before the SDK
/// stores its tokens, <see cref="OnAuthorizingAsync"/> checks that the consent was started from the
/// connect page by the same person, that the person may connect that unit, and that the OA is
/// unlinked, already the unit's, or linked to a unit the person could connect too (an officer
/// never takes another unit's OA; an administrator moves OAs only inside their scope). A refusal
/// stores nothing and is audited. Once the tokens are stored, <see cref="OnAuthorizedAsync"/> sets
/// <see cref="Unit.ZaloOaId"/> and writes the audit entry. The outcome is shown on
/// <see cref="DeskRoutes.ZaloConnected"/>.
/// </summary>
public sealed class ZaloOaLinking(IDataProtectionProvider dataProtection, TimeProvider time)
{
    /// <summary>The cookie remembering the unit between the connect page and the callback.</summary>
    public const string CookieName = "policedesk.zalo.connect";

    /// <summary>TempData key of the outcome message.</summary>
    public const string ResultKey = "ZaloConnectResult";

    /// <summary>TempData key: true when the outcome is a success.</summary>
    public const string ResultOkKey = "ZaloConnectOk";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Carries the unit allowed by <see cref="OnAuthorizingAsync"/> to <see cref="OnAuthorizedAsync"/> within one callback.</summary>
    private static readonly object AllowedUnitKey = new();

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ZaloOA.PoliceDesk.ZaloConnect.v1");

    /// <summary>Remembers that <paramref name="user"/> is connecting an OA for <paramref name="unitId"/>.</summary>
    public void Remember(HttpContext context, DeskUser user, int unitId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var expires = time.GetUtcNow() + Lifetime;
        var payload = string.Join('\n',
            unitId.ToString(CultureInfo.InvariantCulture),
            user.Id.ToString(CultureInfo.InvariantCulture),
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        context.Response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: it must come back on Zalo's top-level redirect to the callback.
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
    }

    /// <summary>The SDK's <c>OnAuthorizing</c> hook (before the OA's tokens are stored).</summary>
    public static Task OnAuthorizingAsync(ZaloOAuthorizingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.RequestServices.GetRequiredService<ZaloOaLinking>().AuthorizeAsync(context);
    }

    /// <summary>The SDK's <c>OnAuthorized</c> hook (after the OA's tokens were stored).</summary>
    public static Task OnAuthorizedAsync(ZaloOAuthorizedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.RequestServices.GetRequiredService<ZaloOaLinking>().LinkAsync(context.HttpContext, context.OaId);
    }

    private async Task AuthorizeAsync(ZaloOAuthorizingContext context)
    {
        var http = context.HttpContext;
        var oaId = context.OaId;
        var ct = http.RequestAborted;
        var cookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        // The SDK binds the consent to the person who started it, so someone is signed in here.
        var me = DeskUser.From(http.User) ?? throw new InvalidOperationException("The Zalo consent callback ran without a signed-in staff member.");
        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<CaseAccess>();

        (string Error, string Message, int? UnitId, string Detail) refusal;
        if (!TryRead(cookie, out var unitId, out var staffId) || staffId != me.Id)
        {
            refusal = ("not_started_here",
                "Không xác định được đơn vị yêu cầu kết nối (phiên đã hết hạn hoặc được mở từ trình duyệt khác). Không có gì được lưu. Vui lòng bấm \"Kết nối Zalo OA\" lại từ trang Đơn vị.",
                null,
                $"OA {oaId}: không bắt đầu từ trang Kết nối Zalo OA");
        }
        else if (await access.VisibleUnits(me).FirstOrDefaultAsync(u => u.Id == unitId, ct) is not { } unit || !CaseAccess.CanLinkOa(me, unit))
        {
            refusal = ("not_allowed", "Bạn không có quyền kết nối Zalo OA cho đơn vị này. Không có gì được lưu.", null, $"OA {oaId}: không có quyền kết nối cho đơn vị #{unitId}");
        }
        else if (await db.Units.FirstOrDefaultAsync(u => u.ZaloOaId == oaId && u.Id != unit.Id, ct) is { } owner
                 && !(await access.VisibleUnits(me).AnyAsync(u => u.Id == owner.Id, ct) && CaseAccess.CanLinkOa(me, owner)))
        {
            // Moving an OA takes the citizens who write to it away from its unit: only someone who
            // could connect that unit too (an administrator over both) may do it.
            refusal = ("linked_elsewhere",
                $"Zalo OA {oaId} đang được kết nối với {owner.Name}. Chỉ quản trị viên quản lý cả hai đơn vị mới chuyển được OA. Không có gì được lưu.",
                owner.Id,
                $"OA {oaId} (đang thuộc {owner.Code}) cho {unit.Code}: từ chối");
        }
        else
        {
            http.Items[AllowedUnitKey] = unit.Id;
            return;
        }

        scope.ServiceProvider.GetRequiredService<DeskAudit>().Add(me, AuditActions.OaLinkRefused, refusal.UnitId, detail: refusal.Detail);
        await db.SaveChangesAsync(ct);
        context.Refuse(refusal.Error);
        ShowResult(http, refusal.Message, ok: false);
    }

    private async Task LinkAsync(HttpContext http, string oaId)
    {
        var ct = http.RequestAborted;
        if (http.Items[AllowedUnitKey] is not int unitId || DeskUser.From(http.User) is not { } me)
        {
            throw new InvalidOperationException("OnAuthorized ran without OnAuthorizing allowing a unit.");
        }

        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var unit = await db.Units.SingleAsync(u => u.Id == unitId, ct);
        ShowResult(http, await LinkUnitAsync(db, scope.ServiceProvider.GetRequiredService<DeskAudit>(), me, unit, oaId, ct), ok: true);
    }

    private static void ShowResult(HttpContext http, string message, bool ok)
    {
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[ResultKey] = message;
        tempData[ResultOkKey] = ok;
        tempData.Save();
    }

    private async Task<string> LinkUnitAsync(DeskDbContext db, DeskAudit audit, DeskUser me, Unit unit, string oaId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (unit.ZaloOaId == oaId)
        {
            return $"Zalo OA {oaId} đã được kết nối với {unit.Name}; mã truy cập đã được làm mới.";
        }

        // One OA answers for one unit: an OA moved here leaves its previous unit.
        var previous = await db.Units.FirstOrDefaultAsync(u => u.ZaloOaId == oaId, ct);
        if (previous is not null)
        {
            previous.ZaloOaId = null;
            previous.ZaloLinkedAt = null;
            audit.Add(me, AuditActions.OaLinked, previous.Id, detail: $"OA {oaId} chuyển sang {unit.Code}");
            await db.SaveChangesAsync(ct);
        }

        var old = unit.ZaloOaId;
        unit.ZaloOaId = oaId;
        unit.ZaloLinkedAt = now;
        audit.Add(me, AuditActions.OaLinked, unit.Id, detail: old is null ? $"OA {oaId}" : $"OA {oaId} (thay OA {old})");
        await db.SaveChangesAsync(ct);
        return $"Đã kết nối Zalo OA {oaId} với {unit.Name}.";
    }

    private bool TryRead(string? cookie, out int unitId, out int staffId)
    {
        unitId = staffId = 0;
        if (string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('\n');
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out unitId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out staffId)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() <= expires;
    }
}
