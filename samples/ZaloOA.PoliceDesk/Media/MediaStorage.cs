using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.Media;

/// <summary>Where our own copies of media live (<c>App_Data/media</c> by default).</summary>
public sealed class MediaStorage
{
    public MediaStorage(IOptions<DeskOptions> options, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = options.Value.MediaPath;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "media")
            : configured);
        PrivateFiles.CreateFolder(Root);
    }

    /// <summary>Absolute path of the media folder.</summary>
    public string Root { get; }

    /// <summary>A relative path for a new file of a case (never from user input).</summary>
    public static string RelativePathFor(int caseId, int mediaId, string extension) =>
        Path.Combine(caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{mediaId}{extension}");

    /// <summary>The absolute path of a stored relative path, refusing anything outside the root.</summary>
    public string Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Stored media path escapes the media folder.");
        }

        return full;
    }

    /// <summary>Writes a stream to a relative path atomically (temp file, then move); the folder and
    /// the file are owner-only (<see cref="PrivateFiles"/>).</summary>
    public async Task<long> WriteAsync(string relativePath, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = Resolve(relativePath);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);
        var temp = target + ".part";
        long total = 0;
        await using (var file = PrivateFiles.CreateFile(temp))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    file.Close();
                    File.Delete(temp);
                    throw new InvalidDataException($"Media is larger than the {maxBytes} byte limit.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        File.Move(temp, target, overwrite: true);
        return total;
    }

    /// <summary>Deletes the stored files of a case and its folder (retention, erasure); missing files are fine.</summary>
    public int DeleteCaseFiles(int caseId, IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var deleted = 0;
        foreach (var relative in relativePaths)
        {
            var path = Resolve(relative);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted++;
            }
        }

        var folder = Path.Combine(Root, caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }

        return deleted;
    }

    /// <summary>A file extension for a content type or URL, or <c>.bin</c>.</summary>
    public static string ExtensionFor(string? contentType, string? fileName, string? url)
    {
        var fromName = SafeExtension(fileName);
        if (fromName is not null)
        {
            return fromName;
        }

        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var fromType = type switch
        {
            "image/jpeg" or "image/jpg" => ".jpg",
            "image/png" => ".png",
            "image/gif" => ".gif",
            "image/webp" => ".webp",
            "video/mp4" => ".mp4",
            "audio/aac" => ".aac",
            "audio/mpeg" => ".mp3",
            "audio/mp4" or "audio/x-m4a" => ".m4a",
            "application/pdf" => ".pdf",
            _ => null,
        };
        if (fromType is not null)
        {
            return fromType;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? SafeExtension(uri.AbsolutePath) ?? ".bin" : ".bin";
    }

    private static string? SafeExtension(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var ext = Path.GetExtension(name).ToLowerInvariant();
        return ext.Length is > 1 and <= 6 && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : null;
    }
}
