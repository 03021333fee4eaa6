using System.Collections.Concurrent;
using Scout.Core.Ports;

namespace Scout.Testing.Faults;

/// <summary>
/// An <see cref="IWorkQueue"/> decorator that, for a seeded share of the messages, delivers a duplicate at once and
/// redelivers the message once more a little later (after it was most likely handled), as at-least-once queues do.
/// </summary>
public sealed class FaultyWorkQueue(IWorkQueue inner, FaultInjector dice) : IWorkQueue, IInspectableWorkQueue
{
    private readonly ConcurrentBag<Task> redeliveries = [];
    private long duplicated;

    public long Duplicated => Interlocked.Read(ref duplicated);

    /// <summary>Completes when every scheduled redelivery has been enqueued.</summary>
    public Task RedeliveriesSent => Task.WhenAll(redeliveries);

    public async Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default)
    {
        await inner.EnqueueAsync(message, ct);
        if (!dice.Enabled || dice.Next() >= dice.Rate) return;
        Interlocked.Increment(ref duplicated);
        await inner.EnqueueAsync(message, ct);
        var delay = TimeSpan.FromMilliseconds(200 + 1300 * dice.Next());
        redeliveries.Add(Task.Run(async () => { await Task.Delay(delay); await inner.EnqueueAsync(message); }));
    }

    public QueuedState StateOf(AnalyzeImageMessage message) => (inner as IInspectableWorkQueue)?.StateOf(message) ?? QueuedState.Unknown;
}
