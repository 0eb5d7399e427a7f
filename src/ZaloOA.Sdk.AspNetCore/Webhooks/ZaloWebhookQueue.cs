using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>
/// Bounded queues, one per worker; an event goes to the worker of its OA and user so a user's
/// messages keep their order while different users are handled in parallel.
/// </summary>
internal sealed class ZaloWebhookQueue(IOptions<ZaloWebhookReceiverOptions> options)
{
    // Built on first use, not in the constructor: the host builds its hosted services (this
    // queue's reader among them) before it validates options, and reading invalid options here
    // would stop it with this one error instead of the full list.
    private Channel<ZaloWebhookEvent>[]? _partitions;

    private Channel<ZaloWebhookEvent>[] Partitions => _partitions ?? Create();

    public int Count => Partitions.Sum(p => p.Reader.Count);

    public IReadOnlyList<ChannelReader<ZaloWebhookEvent>> Readers => [.. Partitions.Select(p => p.Reader)];

    /// <summary>False when the partition is full or the queue is shutting down.</summary>
    public bool TryEnqueue(ZaloWebhookEvent webhookEvent)
    {
        // Same OA and user → same partition; combined without building a key string per event.
        var hash = HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(webhookEvent.OaId ?? string.Empty),
            StringComparer.Ordinal.GetHashCode(webhookEvent.UserId ?? string.Empty));
        var partitions = Partitions;
        var index = (int)((uint)hash % (uint)partitions.Length);
        return partitions[index].Writer.TryWrite(webhookEvent);
    }

    public void Complete()
    {
        foreach (var p in Partitions)
        {
            p.Writer.TryComplete();
        }
    }

    private Channel<ZaloWebhookEvent>[] Create()
    {
        var o = options.Value;
        var count = Math.Max(1, o.MaxConcurrency);
        var perPartition = Math.Max(1, o.QueueCapacity / count);
        var partitions = new Channel<ZaloWebhookEvent>[count];
        for (var i = 0; i < count; i++)
        {
            partitions[i] = Channel.CreateBounded<ZaloWebhookEvent>(new BoundedChannelOptions(perPartition)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        // First writer wins, so every caller shares one set of channels.
        return Interlocked.CompareExchange(ref _partitions, partitions, null) ?? partitions;
    }
}
