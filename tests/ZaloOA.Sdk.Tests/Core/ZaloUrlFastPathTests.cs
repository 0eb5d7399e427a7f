using CsCheck;
using ZaloOA.Sdk.Articles;

namespace ZaloOA.Sdk.Tests.Core;

/// <summary>
/// <see cref="ZaloUrl.IsCanonical"/> lets already-encoded URLs skip <see cref="ZaloUrl.Normalize"/>;
/// that is only safe if Normalize would have returned them unchanged.
/// </summary>
public sealed class ZaloUrlFastPathTests
{
    // Characters that URLs really contain, plus the ones that must be encoded.
    private static readonly Gen<string> Path = Gen.String[Gen.Char["abcAZ09-._~:/?#[]@!$&'()*+,;=% \"<>^`{|}đơưạ"], 0, 40];

    [Fact]
    public void A_canonical_url_is_exactly_what_normalize_returns()
    {
        Gen.Select(Gen.OneOfConst("http://", "https://", "HTTPS://", "ftp://"), Gen.OneOfConst("example.com", "dichvucong.gov.vn", "xn--bcher-kva.vn"), Path, (s, h, p) => s + h + p)
            .Sample(url =>
            {
                if (!ZaloUrl.IsCanonical(url))
                {
                    return;
                }

                string normalized;
                try
                {
                    normalized = ZaloUrl.Normalize(url, "url");
                }
                catch (ZaloValidationException)
                {
                    return; // invalid either way; the caller's Uri check refuses it first
                }

                Assert.Equal(normalized, url);
            }, iter: 20_000);
    }

    [Theory]
    [InlineData("https://example.com/a b", false)]
    [InlineData("https://example.com/tin-tức", false)]
    [InlineData("HTTPS://example.com/", false)]
    [InlineData("https://example.com/a%20b?x=1#top", true)]
    [InlineData("https://example.com/100%", false)]
    public void Is_canonical_only_for_urls_normalize_keeps(string url, bool expected) =>
        Assert.Equal(expected, ZaloUrl.IsCanonical(url));

    [Fact]
    public void A_url_taken_by_the_fast_path_is_one_uri_accepts_as_an_absolute_http_url()
    {
        var authority = Gen.String[Gen.Char["abcAZ09-.:@[]_"], 0, 24];
        Gen.Select(Gen.OneOfConst("http://", "https://"), authority, Path, (s, a, p) => s + a + p)
            .Sample(url =>
            {
                if (!ZaloUrl.IsCanonical(url) || !Internal.ZaloGuard.HasPlainHost(url))
                {
                    return;
                }

                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), url);
                Assert.True(uri.Scheme is "http" or "https", url);
                Assert.False(string.IsNullOrEmpty(uri.Host), url);
            }, iter: 20_000);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("https://cdn.example.gov.vn:8443/x.png", true)]
    [InlineData("https://user@example.com/", false)]
    [InlineData("https://[::1]/", false)]
    [InlineData("https:///path", false)]
    [InlineData("https://example.com:99999/", false)]
    [InlineData("https://-bad.example/", false)]
    [InlineData("http://9.-", false)]
    [InlineData("https://a..b/", false)]
    public void Plain_host_is_only_a_host_name_and_an_optional_port(string url, bool expected) =>
        Assert.Equal(expected, Internal.ZaloGuard.HasPlainHost(url));
}
