namespace ZaloOA.Tests.Common;

/// <summary>Reads JSON fixtures from a test project's <c>Resources/&lt;area&gt;/&lt;case&gt;.json</c>.</summary>
public static class Fixtures
{
    /// <summary>The fixture's text, exactly as stored (no trailing newline trimmed).</summary>
    public static string Text(string area, string name) =>
        File.ReadAllText(PathOf(area, name));

    /// <summary>The fixture's bytes, exactly as stored.</summary>
    public static byte[] Bytes(string area, string name) =>
        File.ReadAllBytes(PathOf(area, name));

    /// <summary>All fixture names (without extension) in an area.</summary>
    public static IEnumerable<string> Names(string area) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Resources", area), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    private static string PathOf(string area, string name)
    {
        var file = name.EndsWith(".json", StringComparison.Ordinal) ? name : name + ".json";
        return Path.Combine(AppContext.BaseDirectory, "Resources", area, file);
    }
}
