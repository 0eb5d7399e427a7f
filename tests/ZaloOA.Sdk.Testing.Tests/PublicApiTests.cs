using System.Xml.Linq;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>The public API of ZaloOA.Sdk.Testing is the listing in src/ZaloOA.Sdk.Testing/PublicAPI.approved.txt.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_listing() => PublicApi.Verify(typeof(ZaloOA.Sdk.Testing.ZaloEmulator).Assembly, "ZaloOA.Sdk.Testing.Tests");

    // The emulator's type is written across partial files: one summary (ZaloEmulator.cs), the others
    // carry plain comments, and nothing internal shows in IntelliSense or on NuGet.
    [Fact]
    public void The_xml_docs_document_only_the_public_api()
    {
        var extra = PublicApi.UndocumentableEntries(typeof(ZaloOA.Sdk.Testing.ZaloEmulator).Assembly);

        Assert.True(extra.Count == 0, $"ZaloOA.Sdk.Testing.xml documents {extra.Count} entries users cannot reach (make the comment a plain // one):\n" + string.Join('\n', extra));
    }

    [Fact]
    public void The_emulator_type_has_one_summary_saying_what_it_is()
    {
        var assembly = typeof(ZaloEmulator).Assembly;
        var xml = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml"));
        var emulator = xml.Descendants("member").Single(m => (string?)m.Attribute("name") == "T:ZaloOA.Sdk.Testing.ZaloEmulator");

        var summary = Assert.Single(emulator.Elements("summary"));
        Assert.StartsWith("An in-process emulator of Zalo's OA platform", summary.Value.Trim(), StringComparison.Ordinal);
    }
}
