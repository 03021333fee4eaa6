using Polly;
using Scout.Core.Ports;

namespace Scout.Hosting;

public sealed record RecoveryReport(int Pending, int Enqueued, int AlreadyQueued, int MarkedFailed);

/// <summary>
/// What every queue consumer does once at its start (the CLI's three backends; Lambda and Cloud Run have no start of
/// their own and rely on their queues' redelivery): an upload stored but never enqueued (a crash between the two
/// writes) is enqueued again, so nothing accepted waits forever. A queue that can tell (<see cref="IInspectableWorkQueue"/>)
/// skips uploads whose message it still holds, and an upload whose message it dead-lettered is marked failed instead
/// of enqueued again (the dead-letter recording was lost, e.g. to a store fault): a dead message never comes back.
/// A duplicate of a message still in flight is harmless: delivery is idempotent.
/// </summary>
public static class PendingUploadRecovery
{
    /// <param name="resilience">the platform's retry policy (ScoutOptions.Resilience): a transient fault of the store or queue is retried</param>
    public static async Task<RecoveryReport> RunAsync(IUploadStore uploads, IWorkQueue queue, IAnalysisDelivery delivery, CancellationToken ct = default,
        ResiliencePipeline? resilience = null)
    {
        resilience ??= ScoutResilience.Transient();
        var pending = await resilience.ExecuteAsync(async token => await uploads.ListPendingUploadsAsync(token), ct);
        int enqueued = 0, queued = 0, failed = 0;
        foreach (var upload in pending)
        {
            var message = new AnalyzeImageMessage(upload.TenantId, upload.UploadId);
            switch ((queue as IInspectableWorkQueue)?.StateOf(message) ?? QueuedState.Unknown)
            {
                case QueuedState.Queued:
                    queued++;
                    break;
                case QueuedState.DeadLettered:
                    var decision = await delivery.DeadLetteredAsync(message, "its message was dead-lettered before a restart", ct);
                    if (decision.Action == DeliveryAction.Retry) throw new InvalidOperationException($"recovery could not mark upload {upload.UploadId} failed: {decision.Reason}");
                    failed++;
                    break;
                default:
                    await resilience.ExecuteAsync(async token => await queue.EnqueueAsync(message, token), ct);
                    enqueued++;
                    break;
            }
        }
        return new RecoveryReport(pending.Count, enqueued, queued, failed);
    }
}
