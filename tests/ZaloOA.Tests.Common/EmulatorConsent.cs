using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace ZaloOA.Tests.Common;

/// <summary>The emulator's OAuth consent page as a browser uses it (ZaloOA.Sdk.Testing).</summary>
public static partial class EmulatorConsent
{
    /// <summary>Opens the consent page at <paramref name="consentUrl"/>, follows the link of
    /// <paramref name="oaId"/>, and returns where Zalo then redirects the browser: the app's
    /// callback with <c>code</c>, <c>oa_id</c> and <c>state</c>.</summary>
    public static async Task<Uri> GrantAsync(Uri consentUrl, string oaId, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var html = await browser.GetStringAsync(consentUrl, cancellationToken);
        var grant = GrantLinks().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Single(href => href.Contains("oa_id=" + oaId, StringComparison.Ordinal));
        using var granted = await browser.GetAsync(new Uri(consentUrl, grant), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        return granted.Headers.Location!;
    }

    [GeneratedRegex("<a class=\"oa\" href=\"([^\"]+)\"")]
    private static partial Regex GrantLinks();
}
