using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>
/// Keeps the one-time notices ("Đã lưu trả lời…", kept in TempData) for the page they were meant for
/// when the request is a live refresh. The script of the page the officer just submitted from is still
/// running while the browser follows the redirect; without this its refresh of the conversation read,
/// and so deleted, the notice before the redirected page could show it.
/// </summary>
public sealed class LiveRefreshKeepsFlash(ITempDataDictionaryFactory tempData) : IResultFilter
{
    /// <summary>The header <c>desk.js</c> sends on a live refresh.</summary>
    public const string Header = "X-Desk-Live";

    /// <inheritdoc />
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.HttpContext.Request.Headers.ContainsKey(Header))
        {
            tempData.GetTempData(context.HttpContext).Keep();
        }
    }

    /// <inheritdoc />
    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
