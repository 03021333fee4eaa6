using Scout.Core.Ports;

namespace Scout.Storage.Sqlite;

/// <summary>
/// The in-process consumer of <see cref="SqliteWorkQueue"/>: leases a message and translates the delivery policy's
/// decision (<see cref="IAnalysisDelivery"/>) onto the queue: Ack deletes it, Retry makes it visible again after a
/// backoff, DeadLetter keeps it dead with the reason (the policy has marked the upload failed). A message leased by a
/// worker that crashed becomes visible again when its lease runs out; one received more often than the policy allows
/// (every attempt crashed the worker) is dead-lettered without another attempt and its upload marked failed.
/// </summary>
public sealed class SqliteQueueWorker(SqliteWorkQueue queue, IAnalysisDelivery delivery, Action<string>? log = null)
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
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    log?.Invoke($"queue: {e.GetType().Name}: {e.Message}; trying again");
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
        var decision = message.Attempts > DeliveryPolicy.MaxAttempts
            ? DeliveryDecision.DeadLetter("dead-lettered", message.LastError is { } last
                ? $"received {message.Attempts} times; dead-lettered; last error: {last}"
                : $"received {message.Attempts} times without an answer (every attempt ended the worker); dead-lettered")
            : await delivery.DeliverAsync(message.Message, message.Attempts, ct);
        if (decision.Action == DeliveryAction.DeadLetter) decision = await DeadLetterAsync(message, decision, ct);
        log?.Invoke($"analysis {message.Message.UploadId} (attempt {message.Attempts}): {decision.Outcome}{(decision.Reason is null ? "" : " (" + decision.Reason + ")")}");
        switch (decision.Action)
        {
            case DeliveryAction.Ack: queue.Acknowledge(message); break;
            case DeliveryAction.Retry: queue.Retry(message, decision.Reason ?? decision.Outcome); break;
            default: queue.DeadLetter(message, decision.Reason ?? decision.Outcome); break;
        }
    }

    /// <summary>
    /// This queue's dead-letter handling, as the SQS dead-letter function and the Pub/Sub dead-letter subscription are
    /// theirs: the upload is marked failed before the message dies, because the policy's own recording may have met a
    /// store fault (marking twice is harmless). If the store fails here too, the message is retried instead; it comes
    /// back past its attempts with that reason and lands here again, so a dead message never leaves its upload `analyzing`.
    /// </summary>
    private async Task<DeliveryDecision> DeadLetterAsync(LeasedMessage message, DeliveryDecision decision, CancellationToken ct)
    {
        var reason = decision.Reason ?? decision.Outcome;
        var recorded = await delivery.DeadLetteredAsync(message.Message, reason, ct);
        // Retried with the analysis's reason, not the store fault's: that is what the upload is marked failed with later.
        return recorded.Action == DeliveryAction.Retry ? DeliveryDecision.Retry(reason) : decision;
    }
}
