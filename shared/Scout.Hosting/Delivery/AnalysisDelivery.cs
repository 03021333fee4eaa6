using Polly;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

/// <summary>
/// The delivery policy of every host (<see cref="IAnalysisDelivery"/>): runs queue analysis under the platform's retry
/// policy and answers what the transport does with the message.
/// <list type="bullet">
/// <item>done, already done (a redelivery or duplicate), failed for a reason recorded on the upload (bad SBOM): Ack.</item>
/// <item>a transient fault that outlived the in-process retries: Retry, until the transport's delivery count reaches
/// <see cref="DeliveryPolicy.MaxAttempts"/>; then the upload is marked failed with the reason and the message dead-lettered.</item>
/// <item>a message naming no upload of that tenant: DeadLetter (there is no upload to record it on; the dead letter keeps it).</item>
/// </list>
/// The analysis is a function, not a QueueAnalysis, because Cloud Run swaps the platform when its index is reloaded.
/// </summary>
public sealed class AnalysisDelivery(Func<AnalyzeImageMessage, CancellationToken, Task<AnalysisOutcome>> analyze, IUploadStore uploads, IClock clock,
    ResiliencePipeline? resilience = null) : IAnalysisDelivery
{
    private readonly ResiliencePipeline retry = resilience ?? ScoutResilience.Transient();

    public static AnalysisDelivery For(ScoutPlatform platform, ResiliencePipeline? resilience = null) =>
        new(platform.QueueAnalysis.HandleAsync, platform.Store, platform.Options.Clock, resilience ?? platform.Options.Resilience);

    public async Task<DeliveryDecision> DeliverAsync(AnalyzeImageMessage message, int attempt, CancellationToken ct = default)
    {
        try
        {
            var outcome = await retry.ExecuteAsync(async token => await analyze(message, token), ct);
            return outcome.Status switch
            {
                AnalysisStatus.Done => DeliveryDecision.Ack("done"),
                AnalysisStatus.AlreadyDone => DeliveryDecision.Ack("duplicate", outcome.Reason),
                AnalysisStatus.Failed => DeliveryDecision.Ack("failed", outcome.Reason),
                _ => DeliveryDecision.DeadLetter("unknown-upload", outcome.Reason ?? $"no upload {message.UploadId} for this tenant"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = $"{e.GetType().Name}: {e.Message}";
            if (attempt < DeliveryPolicy.MaxAttempts) return DeliveryDecision.Retry(reason);
            var final = $"analysis failed on {attempt} deliveries; last error: {reason}";
            // If recording fails too (the store is what failed, most likely), the transport's dead-letter handling records it.
            try { await RecordFailureAsync(message, final, ct); }
            catch (Exception) when (!ct.IsCancellationRequested) { }
            return DeliveryDecision.DeadLetter("dead-lettered", final);
        }
    }

    public async Task<DeliveryDecision> DeadLetteredAsync(AnalyzeImageMessage message, string reason, CancellationToken ct = default)
    {
        try
        {
            var recorded = await retry.ExecuteAsync(async token => await RecordFailureAsync(message, reason, token), ct);
            return recorded is null ? DeliveryDecision.Ack("dead-lettered", reason) : DeliveryDecision.Ack("dead-letter-ignored", recorded);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return DeliveryDecision.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Marks a still-pending upload failed; returns why nothing was written (no upload, or it ended meanwhile) or null.</summary>
    private async Task<string?> RecordFailureAsync(AnalyzeImageMessage message, string reason, CancellationToken ct)
    {
        var upload = await uploads.GetUploadAsync(message.TenantId, message.UploadId, ct);
        if (upload is null) return "no such upload";
        if (upload.Status is not (UploadStatuses.Queued or UploadStatuses.Analyzing)) return $"upload is {upload.Status}";
        await uploads.UpdateUploadStatusAsync(upload.TenantId, upload.UploadId, UploadStatuses.Failed, reason, clock.UtcNow, ct);
        return null;
    }
}
