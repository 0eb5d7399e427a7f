using System.Reflection;
using System.Xml.Linq;
using PublicApiGenerator;
using Xunit;

namespace ZaloOA.Tests.Common;

/// <summary>
/// The public API of a package, compared with the listing checked in beside its source
/// (<c>src/&lt;package&gt;/PublicAPI.approved.txt</c>), so every change to what users can call shows
/// in review as a change to that file. When the listing differs, the test fails with the added and
/// removed lines and the one command that accepts the new listing.
/// </summary>
public static class PublicApi
{
    /// <summary>Set to <c>1</c> to write the current listing over the approved one (never under CI).</summary>
    public const string AcceptVariable = "ZALOOA_ACCEPT_API";

    /// <summary>Fails unless the public API of <paramref name="assembly"/> is the approved listing.</summary>
    /// <param name="assembly">The package's assembly (its name is the package id and src/ folder).</param>
    /// <param name="testProject">The test project holding the check, for the command in the message.</param>
    public static void Verify(Assembly assembly, string testProject)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var package = assembly.GetName().Name!;
        var approvedPath = Path.Combine(RepositoryRoot(), "src", package, "PublicAPI.approved.txt");
        var current = Normalise(assembly.GeneratePublicApi(Options));
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : string.Empty;
        if (current == approved)
        {
            return;
        }

        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") != "true";
        if (accept)
        {
            File.WriteAllText(approvedPath, current);
            return;
        }

        var added = Changes(current.Split('\n'), approved.Split('\n'), '+');
        var removed = Changes(approved.Split('\n'), current.Split('\n'), '-');
        Assert.Fail(
            $"""
            The public API of {package} is not the approved listing src/{package}/PublicAPI.approved.txt ({added.Count} line(s) added, {removed.Count} removed):
            {Show(added)}
            {Show(removed)}

            If the change is intended, accept it and commit the listing with your change, so reviewers see it:
                {AcceptVariable}=1 dotnet test tests/{testProject} --filter "FullyQualifiedName~PublicApiTests"
            then review it with `git diff src/{package}/PublicAPI.approved.txt`.
            """);
    }

    /// <summary>
    /// The XML documentation file shipped beside <paramref name="assembly"/> (the one IntelliSense and
    /// NuGet show) documents only what users can reach: every entry names a public type, or a public
    /// or protected member of one. Returns the entries that do not.
    /// </summary>
    public static IReadOnlyList<string> UndocumentableEntries(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var visibleTypes = assembly.GetTypes()
            .Where(IsVisible)
            .ToDictionary(t => t.FullName!.Replace('+', '.'), StringComparer.Ordinal);
        var xml = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml"));
        var result = new List<string>();
        foreach (var id in xml.Descendants("member").Select(m => (string)m.Attribute("name")!))
        {
            var kind = id[0];
            var name = id[2..].Split('(')[0];
            if (kind == 'T' ? !visibleTypes.ContainsKey(name) : !IsVisibleMember(visibleTypes, name))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic || ((type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!));

    private static bool IsVisibleMember(Dictionary<string, Type> visibleTypes, string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || !visibleTypes.TryGetValue(name[..dot], out var type))
        {
            return false;
        }

        // Generic methods carry their arity (``1) in the id; members are matched by name, so an entry
        // stays when any overload of that name is public or protected.
        var member = name[(dot + 1)..].Split('`')[0].Replace("#ctor", ".ctor", StringComparison.Ordinal);
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMember(member, All).Any(m => m switch
        {
            MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
            FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
            PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
            EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
            Type nested => IsVisible(nested),
            _ => false,
        });
    }

    // The packages put their Add*/Use*/Map* extensions in Microsoft's namespaces (where users
    // already have a using), which the generator leaves out unless allowed.
    private static readonly ApiGeneratorOptions Options = new()
    {
        IncludeAssemblyAttributes = false,
        AllowNamespacePrefixes = ["Microsoft", "System"],
    };

    private static string Show(List<string> lines) =>
        string.Join('\n', lines.Take(40)) + (lines.Count > 40 ? $"\n  ... and {lines.Count - 40} more" : string.Empty);

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    /// <summary>
    /// The lines of <paramref name="left"/> not matched one for one in <paramref name="right"/>, each
    /// after the declaration it belongs to (a member's type, a type's namespace), so that
    /// <c>Horizontal = 0,</c> reads as a member of <c>public enum ArticleCoverView</c>.
    /// </summary>
    private static List<string> Changes(string[] left, string[] right, char sign)
    {
        var remaining = right.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        for (var i = 0; i < left.Length; i++)
        {
            var line = left[i];
            if (remaining.TryGetValue(line, out var count) && count > 0)
            {
                remaining[line] = count - 1;
            }
            else if (line.Trim().Length > 1)
            {
                result.Add($"{sign} {line.Trim()}    (in {Owner(left, i)})");
            }
        }

        return result;
    }

    /// <summary>The nearest declaration above line <paramref name="index"/> that encloses it.</summary>
    private static string Owner(string[] lines, int index)
    {
        var indent = Indent(lines[index]);
        for (var i = index - 1; i >= 0; i--)
        {
            var trimmed = lines[i].Trim();
            if (Indent(lines[i]) < indent && trimmed.Length > 1 && !trimmed.StartsWith('['))
            {
                return trimmed;
            }
        }

        return "the assembly";
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static string RepositoryRoot()
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
}
