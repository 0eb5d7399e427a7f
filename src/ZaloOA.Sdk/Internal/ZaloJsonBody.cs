using System.Buffers;
using System.Text.Json;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Writes a hand-built JSON object body into a per-thread buffer and writer that are reused from
/// call to call, so a send allocates only the body array the HTTP content keeps (the benchmarks
/// hold it to a hand-written <see cref="Utf8JsonWriter"/>). The buffer is zeroed after each use so
/// no message text lingers, and dropped when a rare large body grew it.
/// </summary>
internal static class ZaloJsonBody
{
    /// <summary>A buffer grown past this is not kept for the next body.</summary>
    private const int MaxRetainedBytes = 16 * 1024;

    [ThreadStatic]
    private static Cache? t_cache;

    /// <summary>Writes <c>{ … }</c>: the callback writes the properties between the braces.
    /// Validation inside the callback may throw; nothing half-written escapes.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> writeProperties)
    {
        var cache = t_cache ??= new Cache();
        if (cache.InUse)
        {
            // Only if a callback itself wrote a body; correct, just not pooled.
            cache = new Cache();
        }

        cache.InUse = true;
        try
        {
            var writer = cache.Writer;
            writer.Reset();
            writer.WriteStartObject();
            writeProperties(writer, state);
            writer.WriteEndObject();
            writer.Flush();
            return cache.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            cache.Writer.Reset();
            cache.Buffer.Clear();
            cache.InUse = false;
            if (cache.Buffer.Capacity > MaxRetainedBytes && ReferenceEquals(cache, t_cache))
            {
                t_cache = null;
            }
        }
    }

    private sealed class Cache
    {
        public Cache() => Writer = new Utf8JsonWriter(Buffer);

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }

        public bool InUse { get; set; }
    }
}
