using System.Text.Json;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Keeps every OA's tokens in one JSON file. Each write goes to a temporary file that is flushed
/// to disk and then renamed over the old one, so a crash mid-write leaves either the old or the
/// new file, never half of one. For one process; many instances need the Redis store.
/// </summary>
/// <remarks>The file holds live credentials: put it where only the app's account can read it.</remarks>
public sealed class FileZaloTokenStore : IZaloTokenStore, IDisposable
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, ZaloTokenSet>? _cache;

    /// <summary>Creates the store over <paramref name="path"/>; its folder is created if missing.</summary>
    public FileZaloTokenStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The full path of the token file.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public async ValueTask<ZaloTokenSet?> GetAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
            return all.TryGetValue(oaId, out var set) ? set : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TrySaveAsync(string oaId, ZaloTokenSet tokens, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentNullException.ThrowIfNull(tokens);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
            var currentVersion = all.TryGetValue(oaId, out var current) ? current.Version : 0;
            if (expectedVersion is not null && currentVersion != expectedVersion)
            {
                return false;
            }

            var next = new Dictionary<string, ZaloTokenSet>(all, StringComparer.Ordinal) { [oaId] = tokens };
            await WriteAsync(next, cancellationToken).ConfigureAwait(false);
            _cache = next;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string oaId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (all.ContainsKey(oaId))
            {
                var next = new Dictionary<string, ZaloTokenSet>(all, StringComparer.Ordinal);
                next.Remove(oaId);
                await WriteAsync(next, cancellationToken).ConfigureAwait(false);
                _cache = next;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListOaIdsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. (await LoadAsync(cancellationToken).ConfigureAwait(false)).Keys];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<Dictionary<string, ZaloTokenSet>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_cache is not null)
        {
            return _cache;
        }

        if (!File.Exists(_path))
        {
            return _cache = new Dictionary<string, ZaloTokenSet>(StringComparer.Ordinal);
        }

        var stream = File.OpenRead(_path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var loaded = await JsonSerializer.DeserializeAsync(stream, ZaloJsonContext.Default.DictionaryStringZaloTokenSet, cancellationToken).ConfigureAwait(false);
                return _cache = new Dictionary<string, ZaloTokenSet>(loaded ?? [], StringComparer.Ordinal);
            }
            catch (JsonException ex)
            {
                // Refuse to start over with an empty store: that would silently drop live tokens.
                throw new InvalidDataException($"The token file {_path} is not valid JSON ({ex.Message}). Restore it from a backup or delete it to re-authorise every OA.", ex);
            }
        }
    }

    private async Task WriteAsync(Dictionary<string, ZaloTokenSet> all, CancellationToken cancellationToken)
    {
        var temp = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var fileOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.WriteThrough,
            };
            if (!OperatingSystem.IsWindows())
            {
                // Owner-only from the first byte: setting the mode after writing would leave the
                // tokens readable by others for a moment.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var stream = new FileStream(temp, fileOptions);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, all, ZaloJsonContext.Default.DictionaryStringZaloTokenSet, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask cannot widen it, but a pre-set umask may narrow it; make it exact.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
