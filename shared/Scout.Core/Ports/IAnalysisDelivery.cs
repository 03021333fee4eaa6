namespace Scout.Core.Ports;

/// <summary>What a transport does with one analysis message.</summary>
public enum DeliveryAction
{
    /// <summary>Handled for good (done, already done, or failed with the reason on the upload): remove it.</summary>
    Ack,
    /// <summary>A transient fault: deliver it again later.</summary>
    Retry,
    /// <summary>Give up: move it to the dead letters (kept for inspection); the upload is already marked failed if it exists.</summary>
    DeadLetter,
}

/// <param name="Outcome">done | duplicate | failed | unknown-upload | retry | dead-lettered | dead-letter-ignored</param>
public sealed record DeliveryDecision(DeliveryAction Action, string Outcome, string? Reason = null)
{
    public static DeliveryDecision Ack(string outcome, string? reason = null) => new(DeliveryAction.Ack, outcome, reason);
    public static DeliveryDecision Retry(string reason) => new(DeliveryAction.Retry, "retry", reason);
    public static DeliveryDecision DeadLetter(string outcome, string reason) => new(DeliveryAction.DeadLetter, outcome, reason);
}

/// <summary>
/// The one delivery policy of every host (implemented once, in Scout.Hosting): the SQLite queue, SQS and Pub/Sub only
/// translate their transport onto it. <see cref="DeliverAsync"/> decides Ack / Retry / DeadLetter for a message and,
/// when it gives up, records the failure on the upload; <see cref="DeadLetteredAsync"/> is what a transport calls for
/// a message its own redrive policy dead-lettered (the SQS DLQ consumer, the Pub/Sub dead-letter route).
/// </summary>
public interface IAnalysisDelivery
{
    /// <param name="attempt">1-based delivery count as the transport reports it; 0 when the transport does not say.</param>
    Task<DeliveryDecision> DeliverAsync(AnalyzeImageMessage message, int attempt, CancellationToken ct = default);

    /// <summary>Marks the upload failed with the reason unless it has ended meanwhile; Retry only on a store fault.</summary>
    Task<DeliveryDecision> DeadLetteredAsync(AnalyzeImageMessage message, string reason, CancellationToken ct = default);
}

/// <summary>The delivery limits every transport is provisioned with (SQS maxReceiveCount, Pub/Sub maxDeliveryAttempts, the SQLite queue).</summary>
public static class DeliveryPolicy
{
    /// <summary>Deliveries of one message before it is dead-lettered (template.yaml and infra/aws state the same number; tests check it).</summary>
    public const int MaxAttempts = 5;

    /// <summary>Delay before a message that failed its <paramref name="attempt"/>-th delivery is visible again (queues without their own backoff).</summary>
    public static TimeSpan RedeliveryDelay(int attempt) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Max(1, attempt))));
}

/// <summary>What a queue knows about the messages of one upload.</summary>
public enum QueuedState { Unknown, Queued, DeadLettered }

/// <summary>A queue that can say whether it holds an upload's message (the embedded one; SQS and Pub/Sub cannot).</summary>
public interface IInspectableWorkQueue
{
    QueuedState StateOf(AnalyzeImageMessage message);
}
