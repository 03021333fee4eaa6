using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Queue.PubSub.Delivery;

/// <summary>What the queue-analysis function answers and logs for one delivery.</summary>
/// <param name="Severity">Cloud Logging severity for the log line: INFO, WARNING, ERROR.</param>
public sealed record DeliveryResult(int HttpStatus, string Outcome, string? Reason, string Severity, PubSubDelivery? Delivery)
{
    public bool Acknowledged => HttpStatus is >= 200 and < 300;
}

/// <summary>
/// The queue-analysis function, host-neutral (the Cloud Run host and `scout serve --queue pubsub` both use it).
/// Failure semantics, chosen so Pub/Sub's retry and dead-letter policy do the right thing:
/// <list type="bullet">
/// <item>done, already done (redelivery), or failed for a reason recorded on the upload (bad SBOM): 200, acknowledged.</item>
/// <item>transient fault (store, network): 503, so Pub/Sub redelivers with backoff; on the subscription's last attempt the
/// reason is also recorded on the upload (status failed) before the message goes to the dead-letter topic.</item>
/// <item>malformed delivery or a reference to no upload of that tenant: 400/422, never acknowledged, so after the max
/// delivery attempts it lands in the dead-letter topic, where it is kept; the reason is in the ERROR log line
/// with the message id, since there is no upload to record it on.</item>
/// <item>a message Pub/Sub dead-letters: the dead-letter topic pushes it to <see cref="HandleDeadLetterAsync"/>, which
/// marks its upload failed (the emulator's pushes carry no deliveryAttempt, so this does not rely on it).</item>
/// </list>
/// Idempotent on redelivery: QueueAnalysis writes nothing for a finished upload, and the store's writes are replacements.
/// </summary>
public sealed class PubSubDeliveryHandler(Func<AnalyzeImageMessage, CancellationToken, Task<AnalysisOutcome>> analyze,
    IUploadStore uploads, IClock clock, int maxDeliveryAttempts = 5)
{
    /// <summary>The function's routes for analysis deliveries and dead letters (the Cloud Run host maps them; the local puller posts to them).</summary>
    public const string AnalysisRoute = "/events/pubsub", DeadLetterRoute = "/events/dead-letter";

    public async Task<DeliveryResult> HandleAsync(IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        PubSubDelivery delivery;
        try { delivery = PubSubDeliveryReader.Read(headers, body); }
        catch (MalformedDeliveryException e) { return new DeliveryResult(400, "malformed", e.Message, "ERROR", null); }

        try
        {
            var outcome = await analyze(delivery.Message, ct);
            return outcome.Status switch
            {
                AnalysisStatus.Done => new DeliveryResult(200, "done", null, "INFO", delivery),
                AnalysisStatus.AlreadyDone => new DeliveryResult(200, "duplicate", outcome.Reason, "INFO", delivery),
                AnalysisStatus.Failed => new DeliveryResult(200, "failed", outcome.Reason, "WARNING", delivery),
                _ => new DeliveryResult(422, "unknown-upload", outcome.Reason, "ERROR", delivery),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = $"{e.GetType().Name}: {e.Message}";
            if (delivery.DeliveryAttempt >= maxDeliveryAttempts)
                await RecordGiveUpAsync(delivery, reason, ct);
            return new DeliveryResult(503, "retry", reason, "ERROR", delivery);
        }
    }

    /// <summary>
    /// The dead-letter topic's push subscription lands here: the upload of a message Pub/Sub gave up on is marked
    /// failed with the attempt count (unless it finished meanwhile). Always acknowledged except on a store fault, since the
    /// keeping subscription of the dead-letter topic holds the message for inspection either way.
    /// </summary>
    public async Task<DeliveryResult> HandleDeadLetterAsync(IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        PubSubDelivery delivery;
        try { delivery = PubSubDeliveryReader.Read(headers, body); }
        catch (MalformedDeliveryException e) { return new DeliveryResult(200, "dead-letter-unreadable", e.Message, "ERROR", null); }
        var attempts = delivery.Attributes.GetValueOrDefault("CloudPubSubDeadLetterSourceDeliveryCount") ?? "max";
        try
        {
            var upload = await uploads.GetUploadAsync(delivery.Message.TenantId, delivery.Message.UploadId, ct);
            if (upload is null || upload.Status is not (UploadStatuses.Queued or UploadStatuses.Analyzing))
                return new DeliveryResult(200, "dead-letter-ignored", upload is null ? "no such upload" : $"upload is {upload.Status}", "WARNING", delivery);
            var reason = $"analysis did not succeed after {attempts} delivery attempts; message {delivery.MessageId} was dead-lettered";
            await uploads.UpdateUploadStatusAsync(upload.TenantId, upload.UploadId, UploadStatuses.Failed, reason, clock.UtcNow, ct);
            return new DeliveryResult(200, "dead-lettered", reason, "ERROR", delivery);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new DeliveryResult(503, "retry", $"{e.GetType().Name}: {e.Message}", "ERROR", delivery);
        }
    }

    private async Task RecordGiveUpAsync(PubSubDelivery delivery, string reason, CancellationToken ct)
    {
        try
        {
            await uploads.UpdateUploadStatusAsync(delivery.Message.TenantId, delivery.Message.UploadId, UploadStatuses.Failed,
                $"analysis failed {delivery.DeliveryAttempt} times, message {delivery.MessageId} dead-lettered: {reason}", clock.UtcNow, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The store is what failed in the first place, most likely; the dead-letter topic still keeps the message.
        }
    }
}
