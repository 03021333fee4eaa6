using Scout.Core.Ports;

namespace Scout.Storage.Sqlite;

/// <summary>
/// The in-process consumer of <see cref="SqliteWorkQueue"/>: leases a message and translates the delivery policy's
/// decision (<see cref="IAnalysisDelivery"/>) onto the queue: Ack deletes it, Retry makes it visible again after a
/// backoff, DeadLetter keeps it dead with the reason (the policy has marked the upload failed). A message leased by a
/// worker that crashed becomes visible again when its lease runs out; one received more often than the policy allows
/// (every attempt crashed the worker) is dead-lettered without another attempt and its upload marked failed.
/// <para>
/// <see cref="Consumers"/> loops lease and handle messages side by side (the analysis is CPU work: normalize, overlay).
/// A lease is taken in one IMMEDIATE transaction (<see cref="SqliteWorkQueue.TryReceive"/>), so no message is held by
/// two consumers. Two messages for the same upload (a duplicate or a recovery re-enqueue) are handled one after the
/// other, as a single consumer would: the second sees the upload finished and is acknowledged as a duplicate.
/// </para>
/// </summary>
public sealed class SqliteQueueWorker(SqliteWorkQueue queue, IAnalysisDelivery delivery, Action<string>? log = null)
{
    private readonly SemaphoreSlim wake = new(0);
    private readonly Dictionary<AnalyzeImageMessage, (SemaphoreSlim Gate, int Users)> uploadsInFlight = [];

    /// <summary>How many messages are handled at once (the host sets it from SCOUT_QUEUE_CONSUMERS); at least 1.</summary>
    public int Consumers { get; init; } = 1;

    /// <summary>Handles every message visible now, <see cref="Consumers"/> at a time; returns how many were handled.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        if (Consumers <= 1) return await DrainOneAsync(ct);
        var counts = await Task.WhenAll(Enumerable.Range(0, Consumers).Select(_ => Task.Run(() => DrainOneAsync(ct), CancellationToken.None)));
        return counts.Sum();
    }

    private async Task<int> DrainOneAsync(CancellationToken ct)
    {
        var handled = 0;
        while (!ct.IsCancellationRequested && queue.TryReceive() is { } message)
        {
            await HandleOneAtATimePerUploadAsync(message, ct);
            handled++;
        }
        return handled;
    }

    /// <summary>Runs <see cref="Consumers"/> consumer loops until cancelled; one that fails stops the others and its error is thrown.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        queue.MessageEnqueued += Wake;
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var loops = Enumerable.Range(0, Math.Max(1, Consumers)).Select(_ => Task.Run(async () =>
            {
                try { await ConsumeAsync(stopAll.Token); }
                catch { stopAll.Cancel(); throw; }
            }, CancellationToken.None)).ToList();
            await Task.WhenAll(loops);
        }
        finally
        {
            queue.MessageEnqueued -= Wake;
        }
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await DrainOneAsync(ct);
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

    private void Wake() => wake.Release();

    /// <summary>
    /// The analysis of an upload is idempotent one message after another, not two at once (both would save, and a failing
    /// one could mark failed what the other finishes): a consumer holding a second message for an upload in flight waits
    /// for the first, keeping its lease meanwhile.
    /// </summary>
    private async Task HandleOneAtATimePerUploadAsync(LeasedMessage message, CancellationToken ct)
    {
        if (Consumers <= 1)
        {
            await HandleAsync(message, ct);
            return;
        }
        var gate = EnterUpload(message.Message);
        try
        {
            await gate.WaitAsync(ct);
            try { await HandleAsync(message, ct); }
            finally { gate.Release(); }
        }
        finally
        {
            LeaveUpload(message.Message);
        }
    }

    /// <summary>The upload's gate, counted while a consumer holds or waits for it (removed when none does).</summary>
    private SemaphoreSlim EnterUpload(AnalyzeImageMessage upload)
    {
        lock (uploadsInFlight)
        {
            var (gate, users) = uploadsInFlight.TryGetValue(upload, out var entry) ? entry : (new SemaphoreSlim(1, 1), 0);
            uploadsInFlight[upload] = (gate, users + 1);
            return gate;
        }
    }

    private void LeaveUpload(AnalyzeImageMessage upload)
    {
        lock (uploadsInFlight)
        {
            var (gate, users) = uploadsInFlight[upload];
            if (users == 1) uploadsInFlight.Remove(upload);
            else uploadsInFlight[upload] = (gate, users - 1);
        }
    }

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
