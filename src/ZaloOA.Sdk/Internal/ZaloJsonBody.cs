using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Writes a hand-built JSON object body into a per-thread buffer and writer that are reused from
/// call to call, so a send allocates only the body array the HTTP content keeps (the benchmarks
/// hold it to a hand-written <see cref="Utf8JsonWriter"/>). The buffer is zeroed after each use so
/// no message text lingers, and dropped when a rare large body grew it. Every request body is
/// written with <see cref="WriterOptions"/>: non-ASCII text as UTF-8, escaping only what JSON requires.
/// </summary>
internal static class ZaloJsonBody
{
    /// <summary>The options of every request body writer (<see cref="ZaloJsonEncoder"/>).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = ZaloJsonEncoder.Instance };

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

    /// <summary>Serialises a source-generated request body type with <see cref="WriterOptions"/>.</summary>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed class Cache
    {
        public Cache() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }

        public bool InUse { get; set; }
    }
}
