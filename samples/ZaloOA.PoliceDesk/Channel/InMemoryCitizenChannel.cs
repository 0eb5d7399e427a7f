using System.Collections.Concurrent;

namespace ZaloOA.PoliceDesk.Channel;

/// <summary>
/// A channel that sends nothing anywhere: it records what would have been sent. Used by the tests
/// and by the desk when no Zalo app is configured (the UI says so). Tests can close a citizen's
/// window (the next send answers -230), set a last interaction, or make sends fail transiently.
/// </summary>
public sealed class InMemoryCitizenChannel(TimeProvider time) : ICitizenChannel
{
    private readonly ConcurrentQueue<SentToCitizen> _sent = new();
    private readonly ConcurrentDictionary<(string OaId, string UserId), byte> _closed = new();
    private readonly ConcurrentDictionary<(string OaId, string UserId), DateTimeOffset> _interactions = new();
    private int _transientFailures;
    private int _nextId;

    /// <summary>Everything sent, in order.</summary>
    public IReadOnlyList<SentToCitizen> Sent => [.. _sent];

    /// <summary>From now on sends to this citizen answer -230.</summary>
    public void CloseWindow(string oaId, string citizenUserId) => _closed[(oaId, citizenUserId)] = 0;

    /// <summary>Sends to this citizen succeed again.</summary>
    public void OpenWindow(string oaId, string citizenUserId) => _closed.TryRemove((oaId, citizenUserId), out _);

    /// <summary>What <see cref="GetConsultationWindowAsync"/> answers for this citizen.</summary>
    public void SetLastInteraction(string oaId, string citizenUserId, DateTimeOffset at) => _interactions[(oaId, citizenUserId)] = at;

    /// <summary>The next <paramref name="count"/> sends fail transiently.</summary>
    public void FailNextSends(int count) => Interlocked.Exchange(ref _transientFailures, count);

    public Task<ChannelSendResult> SendTextAsync(string oaId, string citizenUserId, string text, CancellationToken cancellationToken = default) =>
        Task.FromResult(Record(new SentToCitizen(oaId, citizenUserId, "text", text, null)));

    public Task<ChannelSendResult> SendImageAsync(string oaId, string citizenUserId, OutgoingFile image, string? caption, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Task.FromResult(Record(new SentToCitizen(oaId, citizenUserId, "image", caption, image.FileName)));
    }

    public Task<ChannelSendResult> SendFileAsync(string oaId, string citizenUserId, OutgoingFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Task.FromResult(Record(new SentToCitizen(oaId, citizenUserId, "file", null, file.FileName)));
    }

    public Task<ConsultationWindow?> GetConsultationWindowAsync(string oaId, string citizenUserId, CancellationToken cancellationToken = default)
    {
        ConsultationWindow? window = _interactions.TryGetValue((oaId, citizenUserId), out var at)
            ? new ConsultationWindow(at, time.GetUtcNow(), WindowSource.Zalo)
            : null;
        return Task.FromResult(window);
    }

    private ChannelSendResult Record(SentToCitizen message)
    {
        if (Interlocked.Decrement(ref _transientFailures) >= 0)
        {
            return ChannelSendResult.Transient("simulated network failure");
        }

        Interlocked.Exchange(ref _transientFailures, 0);
        if (_closed.ContainsKey((message.OaId, message.CitizenUserId)))
        {
            return ChannelSendResult.WindowClosed();
        }

        _sent.Enqueue(message);
        return ChannelSendResult.Sent($"fake-{Interlocked.Increment(ref _nextId)}");
    }
}

/// <summary>A message the in-memory channel accepted.</summary>
public sealed record SentToCitizen(string OaId, string CitizenUserId, string Kind, string? Text, string? FileName);
