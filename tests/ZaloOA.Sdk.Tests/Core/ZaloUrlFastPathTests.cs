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
}
