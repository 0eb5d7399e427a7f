using Microsoft.Data.Sqlite;

namespace ZaloOA.PoliceDesk.Security;

/// <summary>
/// The desk's files hold crime reports and citizens' identities, so on Unix they are owner-only:
/// folders 700, files 600, whatever the process's umask. Used for the SQLite database (SQLite gives
/// its <c>-wal</c> and <c>-shm</c> files the database file's mode), the media folder and every
/// media file. On Windows the folder's ACL applies and nothing is changed here.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is tightened.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }

        Restrict(path, FolderMode);
    }

    /// <summary>Opens a new file for writing, created owner-only.</summary>
    public static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Creates the SQLite database file of <paramref name="connectionString"/> owner-only before
    /// SQLite first opens it (an empty file is an empty database), and tightens one created earlier.</summary>
    public static void PrepareSqliteFile(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = Path.GetFullPath(source);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            CreateFolder(folder);
        }

        if (!File.Exists(path))
        {
            using (CreateFile(path))
            {
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                Restrict(file, FileMode);
            }
        }
    }

    private static void Restrict(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            if (File.GetUnixFileMode(path) != mode)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by another account (a shared folder set up by the operator): left as it is.
        }
    }
}
