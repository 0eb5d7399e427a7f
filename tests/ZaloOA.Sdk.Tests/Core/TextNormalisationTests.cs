using System.Text;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Tests.Core;

public class TextNormalisationTests
{
    /// <summary>Every character the allocation-free NFC check accepts without ICU.</summary>
    private static IEnumerable<char> PlainCharacters() =>
        Enumerable.Range(0, 0x300).Concat(Enumerable.Range(0x1E00, 0x100)).Select(c => (char)c);

    [Fact]
    public void Fast_nfc_check_accepts_only_text_icu_also_calls_nfc_for_every_character_and_pair()
    {
        var chars = PlainCharacters().ToArray();
        foreach (var a in chars)
        {
            Assert.True(ZaloGuard.IsPlainNfc([a]));
            Assert.True(a.ToString().IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4}");
            foreach (var b in chars)
            {
                // A pair that composed under NFC would be a string the fast path wrongly accepts.
                Assert.True(string.Concat(a, b).IsNormalized(NormalizationForm.FormC), $"U+{(int)a:X4} U+{(int)b:X4}");
            }
        }
    }

    [Fact]
    public void Fast_nfc_check_sends_combining_marks_and_other_scripts_to_icu()
    {
        Assert.False(ZaloGuard.IsPlainNfc("Việt Nam".Normalize(NormalizationForm.FormD)));
        Assert.False(ZaloGuard.IsPlainNfc("한국"));
        Assert.True(ZaloGuard.IsPlainNfc("Công an phường đã tiếp nhận phản ánh của anh/chị."));
    }

    [Fact]
    public void Decomposed_vietnamese_is_still_normalised_before_sending()
    {
        var nfd = "Phường Bến Nghé".Normalize(NormalizationForm.FormD);

        var text = ZaloGuard.Text(nfd, "message.text", 2000, required: true);

        Assert.Equal("Phường Bến Nghé".Normalize(NormalizationForm.FormC), text);
    }

    [Theory]
    [InlineData(0, 12)]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    public void A_lone_surrogate_after_valid_pairs_is_reported_at_its_index(int which, int index)
    {
        // Built here: attribute strings cannot hold a lone surrogate (metadata stores UTF-8).
        var text = which switch
        {
            0 => "Xin chào 👮 " + "\ud83d" + "ok",
            1 => "\udc00👮",
            _ => "👮a" + "\ud800",
        };

        var ex = Assert.Throws<ZaloValidationException>(() => ZaloGuard.Text(text, "message.text", 2000, required: true));

        Assert.Equal($"message.text has an unpaired UTF-16 surrogate at index {index}, which is not text (was it cut in the middle of an emoji?). Remove it or cut the text on a character boundary. (Parameter 'message.text')", ex.Message);
    }

    [Fact]
    public void Text_with_emoji_pairs_only_is_accepted_unchanged()
    {
        const string text = "Đã nhận 👮‍♂️ 😀";

        Assert.Same(text, ZaloGuard.Text(text, "message.text", 2000, required: true));
    }
}
