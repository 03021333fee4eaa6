using Scout.Core.UseCases;

namespace Scout.Storage.Sqlite;

/// <summary>
/// The in-process consumer of <see cref="SqliteWorkQueue"/>: leases a message, runs queue analysis, acknowledges it.
/// A throw (transient fault) leaves it for redelivery with backoff; after MaxReceiveCount it is dead-lettered with
/// the reason. Messages leased by a worker that crashed become visible again when their lease runs out.
/// </summary>
public sealed class SqliteQueueWorker(SqliteWorkQueue queue, QueueAnalysis analysis, Action<string>? log = null)
{
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Handles every message visible now; returns how many were handled.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var handled = 0;
        while (!ct.IsCancellationRequested && queue.TryReceive() is { } message)
        {
            await HandleAsync(message, ct);
            handled++;
        }
        return handled;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        queue.MessageEnqueued += Wake;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await DrainAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return; // stopping: a message in flight stays leased and is redelivered after its lease
                }
                var next = queue.NextVisibleAt();
                var delay = next is { } at ? at - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(30);
                delay = delay < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : delay > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay;
                try { await wake.WaitAsync(delay, ct); } catch (OperationCanceledException) { return; }
            }
        }
        finally
        {
            queue.MessageEnqueued -= Wake;
        }
    }

    private void Wake() => wake.Release();

    private async Task HandleAsync(LeasedMessage message, CancellationToken ct)
    {
        try
        {
            var outcome = await analysis.HandleAsync(message.Message, ct);
            log?.Invoke($"analysis {message.Message.UploadId}: {outcome.Status}{(outcome.Reason is null ? "" : " (" + outcome.Reason + ")")}");
            queue.Acknowledge(message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log?.Invoke($"analysis {message.Message.UploadId}: attempt {message.Attempts} failed: {e.GetType().Name}: {e.Message}");
            queue.Fail(message, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
