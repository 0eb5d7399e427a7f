using System.Text.RegularExpressions;

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>
/// The README packed into each package (the one NuGet shows, src/&lt;package&gt;/README.md) stands
/// alone and stays true: its links are absolute, and every C# block is code compiled and run by a
/// test. A block matches a test source file when each of its paragraphs (lines between blank
/// lines, compared trimmed) appears there, contiguous and in the block's order; the tests that
/// hold them are PackageReadmeSnippetTests (one per package's test project), ReadmeBotTests and
/// the bot of tests/ZaloOA.ReadmeBot.
/// </summary>
public partial class PackageReadmeTests
{
    public static TheoryData<string> Packages() => ["ZaloOA.Sdk", "ZaloOA.Sdk.AspNetCore", "ZaloOA.Sdk.Redis", "ZaloOA.Sdk.Testing"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_csharp_block_is_code_a_test_compiles(string package)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Lines: Normalise(File.ReadAllText(f))))
            .ToList();

        var blocks = CSharpBlock().Matches(Readme(package)).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(
            sources.Any(s => ContainsInOrder(s.Lines, Paragraphs(block))),
            $"This C# block of src/{package}/README.md is not in any test under tests/ (every paragraph, in order); change the test and the README together:\n{block}"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Links_are_absolute_so_the_readme_reads_the_same_on_nuget(string package)
    {
        var relative = RelativeLink().Matches(Readme(package)).Select(m => m.Value).ToList();

        Assert.True(relative.Count == 0, $"src/{package}/README.md has repository-relative links, which break on NuGet: {string.Join(", ", relative)}. Use https://github.com/zalooa/zalooa-dotnet/... addresses.");
    }

    [Fact]
    public void The_testing_readme_shows_the_whole_bot_and_its_end_to_end_test()
    {
        var blocks = CSharpBlock().Matches(Readme("ZaloOA.Sdk.Testing")).Select(m => Normalise(m.Groups[1].Value)).ToList();

        Assert.Contains(Normalise(File.ReadAllText(Path.Combine(Root, "tests", "ZaloOA.ReadmeBot", "Program.cs"))), blocks);
        Assert.Contains(blocks, b => b.Contains("public class BotTests") && b.Any(l => l.StartsWith("await using var bot = new WebApplicationFactory<Program>()", StringComparison.Ordinal)));
    }

    private static string Root { get; } = FindRoot();

    private static string Readme(string package) => File.ReadAllText(Path.Combine(Root, "src", package, "README.md"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZaloOA.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ZaloOA.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The lines trimmed, blank lines kept as empty strings.</summary>
    private static List<string> Normalise(string text) => [.. text.ReplaceLineEndings("\n").Trim('\n').Split('\n').Select(l => l.Trim())];

    private static List<List<string>> Paragraphs(string block)
    {
        var paragraphs = new List<List<string>> { new() };
        foreach (var line in Normalise(block))
        {
            if (line.Length == 0)
            {
                paragraphs.Add([]);
            }
            else
            {
                paragraphs[^1].Add(line);
            }
        }

        return [.. paragraphs.Where(p => p.Count > 0)];
    }

    private static bool ContainsInOrder(List<string> lines, List<List<string>> paragraphs)
    {
        var from = 0;
        foreach (var paragraph in paragraphs)
        {
            var at = IndexOf(lines, paragraph, from);
            if (at < 0)
            {
                return false;
            }

            from = at + paragraph.Count;
        }

        return true;
    }

    private static int IndexOf(List<string> lines, List<string> run, int from)
    {
        for (var i = from; i + run.Count <= lines.Count; i++)
        {
            if (lines.Skip(i).Take(run.Count).SequenceEqual(run, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    // A markdown link or image whose target is neither an absolute URL nor an anchor in the page.
    [GeneratedRegex(@"\]\((?!https?://|#|mailto:)[^)]*\)")]
    private static partial Regex RelativeLink();
}
