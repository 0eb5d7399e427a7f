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
/// Links the OA a unit authorised to that unit. The connect page remembers which unit asked (and
/// who) in a short-lived, data-protected cookie before handing over to the SDK's consent start;
/// the SDK's callback stores the OA's tokens and then calls <see cref="OnAuthorizedAsync"/>, which
/// checks the same person is still allowed, sets <see cref="Unit.ZaloOaId"/> and writes the audit
/// entry. The outcome is shown on <see cref="DeskRoutes.ZaloConnected"/>.
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

    /// <summary>The SDK's <c>OnAuthorized</c> hook.</summary>
    public static Task OnAuthorizedAsync(ZaloOAuthorizedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.RequestServices.GetRequiredService<ZaloOaLinking>().LinkAsync(context.HttpContext, context.OaId);
    }

    private async Task LinkAsync(HttpContext http, string oaId)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var cookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        var me = DeskUser.From(http.User);
        string message;
        var ok = false;
        if (me is null || !TryRead(cookie, out var unitId, out var staffId) || staffId != me.Id)
        {
            message = "Không xác định được đơn vị yêu cầu kết nối (phiên đã hết hạn hoặc được mở từ trình duyệt khác). Vui lòng bấm \"Kết nối Zalo OA\" lại từ trang Đơn vị.";
        }
        else
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var access = scope.ServiceProvider.GetRequiredService<CaseAccess>();
            var unit = await access.VisibleUnits(me).FirstOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null || !CaseAccess.CanLinkOa(me, unit))
            {
                message = "Bạn không có quyền kết nối Zalo OA cho đơn vị này.";
            }
            else
            {
                message = await LinkUnitAsync(db, me, unit, oaId, ct);
                ok = true;
            }
        }

        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[ResultKey] = message;
        tempData[ResultOkKey] = ok;
        tempData.Save();
    }

    private async Task<string> LinkUnitAsync(DeskDbContext db, DeskUser me, Unit unit, string oaId, CancellationToken ct)
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
            db.Audit.Add(new AuditEntry { At = now, ActorId = me.Id, ActorName = me.DisplayName, Action = AuditActions.OaLinked, UnitId = previous.Id, Detail = $"OA {oaId} chuyển sang {unit.Code}" });
            await db.SaveChangesAsync(ct);
        }

        var old = unit.ZaloOaId;
        unit.ZaloOaId = oaId;
        unit.ZaloLinkedAt = now;
        db.Audit.Add(new AuditEntry
        {
            At = now,
            ActorId = me.Id,
            ActorName = me.DisplayName,
            Action = AuditActions.OaLinked,
            UnitId = unit.Id,
            Detail = old is null ? $"OA {oaId}" : $"OA {oaId} (thay OA {old})",
        });
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
