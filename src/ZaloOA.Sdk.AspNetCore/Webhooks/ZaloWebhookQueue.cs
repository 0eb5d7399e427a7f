using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;


/// <summary>
/// Bounded queues, one per worker; an event goes to the worker of its OA and user so a user's
/// messages keep their order while different users are handled in parallel.
/// </summary>
internal sealed class ZaloWebhookQueue
{
    private readonly Channel<ZaloWebhookEvent>[] _partitions;

    public ZaloWebhookQueue(IOptions<ZaloWebhookReceiverOptions> options)
    {
        var o = options.Value;
        var count = Math.Max(1, o.MaxConcurrency);
        var perPartition = Math.Max(1, o.QueueCapacity / count);
        _partitions = new Channel<ZaloWebhookEvent>[count];
        for (var i = 0; i < count; i++)
        {
            _partitions[i] = Channel.CreateBounded<ZaloWebhookEvent>(new BoundedChannelOptions(perPartition)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }
    }

    public int Count => _partitions.Sum(p => p.Reader.Count);

    public IReadOnlyList<ChannelReader<ZaloWebhookEvent>> Readers => [.. _partitions.Select(p => p.Reader)];

    /// <summary>False when the partition is full or the queue is shutting down.</summary>
    public bool TryEnqueue(ZaloWebhookEvent webhookEvent)
    {
        // Same OA and user → same partition; combined without building a key string per event.
        var hash = HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(webhookEvent.OaId ?? string.Empty),
            StringComparer.Ordinal.GetHashCode(webhookEvent.UserId ?? string.Empty));
        var index = (int)((uint)hash % (uint)_partitions.Length);
        return _partitions[index].Writer.TryWrite(webhookEvent);
    }

    public void Complete()
    {
        foreach (var p in _partitions)
        {
            p.Writer.TryComplete();
        }
    }
}
