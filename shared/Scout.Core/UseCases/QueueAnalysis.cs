using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

public enum AnalysisStatus { Done, AlreadyDone, Failed, UnknownUpload }

/// <summary>How a message was handled. Every outcome is final (acknowledge the message); transient faults throw.</summary>
public sealed record AnalysisOutcome(AnalysisStatus Status, string? Reason = null);

/// <summary>
/// Data flow step 2: load the upload, unwrap and normalize the SBOM, overlay advisories, persist.
/// Idempotent: a redelivered message for a finished upload writes nothing. A bad document fails the upload
/// with its reason (final); a store or network fault throws so the host's queue retries and finally dead-letters.
/// </summary>
public sealed class QueueAnalysis(IScoutStore store, ISbomNormalizer normalizer, IAdvisoryMatcher matcher, IClock clock)
{
    /// <summary>Policy evaluation and notifications after a save (null: none).</summary>
    public IImageChangeObserver? Observer { get; set; }

    /// <summary>Webhook deliveries share this queue (Webhooks/WebhookNotifier.cs); null: such messages are unknown uploads.</summary>
    public Func<AnalyzeImageMessage, CancellationToken, Task<string>>? Deliveries { get; set; }

    /// <summary>The matcher's index against the store's advisories: caught up before the overlay and re-checked after the
    /// save (null: the index is whatever the matcher holds, as with fakes).</summary>
    public IIndexFreshness? Freshness { get; init; }
    /// <summary>Overlay-and-save rounds when refreshes keep landing meanwhile; then the message is retried like a store fault.</summary>
    private const int MaxSaveRounds = 4;
    /// <summary>Runs after the analysis is saved and before the upload is done (the tenant's trend snapshot); a fault
    /// throws like a store fault, so the message is retried.</summary>
    public Func<string, CancellationToken, Task>? Saved { get; init; }

    public async Task<AnalysisOutcome> HandleAsync(AnalyzeImageMessage message, CancellationToken ct = default)
    {
        if (Deliveries is { } deliver && Webhooks.WebhookDeliveries.IsDelivery(message))
            return new AnalysisOutcome(AnalysisStatus.Done, await deliver(message, ct));
        var indexAt = Freshness is { } fresh ? await fresh.EnsureFreshAsync(ct) : 0;
        var upload = await store.GetUploadAsync(message.TenantId, message.UploadId, ct);
        if (upload is null) return new AnalysisOutcome(AnalysisStatus.UnknownUpload, $"no upload {message.UploadId} for this tenant");
        if (upload.Status is UploadStatuses.Done) return new AnalysisOutcome(AnalysisStatus.AlreadyDone);
        if (upload.Status is UploadStatuses.Failed) return new AnalysisOutcome(AnalysisStatus.AlreadyDone, upload.Reason);

        await store.UpdateUploadStatusAsync(upload.TenantId, upload.UploadId, UploadStatuses.Analyzing, null, clock.UtcNow, ct);
        var packed = await store.GetUploadDocumentAsync(upload.TenantId, upload.UploadId, ct)
            ?? throw new InvalidOperationException($"upload {upload.UploadId} has no stored document");
        var document = UploadDocument.Unpack(packed);

        NormalizedSbom sbom;
        try
        {
            sbom = normalizer.Normalize(document.Sbom);
        }
        catch (InputException e)
        {
            await store.UpdateUploadStatusAsync(upload.TenantId, upload.UploadId, UploadStatuses.Failed, e.Message, clock.UtcNow, ct);
            return new AnalysisOutcome(AnalysisStatus.Failed, e.Message);
        }

        var vex = await store.GetVexAsync(upload.TenantId, upload.ImageDigest, ct);
        for (var round = 1; ; round++)
        {
            var overlay = await matcher.OverlayAsync(new OverlayRequest(sbom.Packages, sbom.Os) { Vex = vex, Image = ImageSubject.Of(document.Image) }, ct);
            await store.SaveAnalysisAsync(new ImageAnalysis
            {
                TenantId = upload.TenantId,
                Image = document.Image,
                SbomSha256 = upload.SbomSha256,
                SbomFormat = sbom.Format,
                SbomSpecVersion = sbom.SpecVersion,
                SbomOs = sbom.Os,
                TotalPackages = sbom.TotalPackages,
                Packages = sbom.Packages,
                Findings = [.. overlay.Findings, .. document.Secrets],
                IndexKeys = overlay.IndexKeys,
                Warnings = [.. sbom.Warnings, .. overlay.Warnings],
                AnalyzedAt = clock.UtcNow,
            }, ct);
            // A refresh that wrote advisories after the overlay read the index may have listed the affected images before
            // this save, so it did not re-overlay this one. Its watermark bump comes before its listing: unchanged after the
            // save means any later refresh lists this image itself; moved means catch up and overlay again.
            if (Freshness is not { } freshness || await freshness.StoreRevisionAsync(ct) <= indexAt) break;
            if (round == MaxSaveRounds)
                throw new InvalidOperationException($"upload {upload.UploadId}: advisories changed during each of {round} analysis rounds; retried later");
            indexAt = await freshness.EnsureFreshAsync(ct);
        }
        // Before "done": a fault here is retried with the whole message, and the link is idempotent.
        var baseChanged = await new BaseImages.BaseImageService(store, clock).OnImageSavedAsync(upload.TenantId, document.Image, ct);
        if (Saved is { } saved) await saved(upload.TenantId, ct);
        if (Observer is { } observer)
        {
            await observer.AnalyzedAsync(new ImageRef(upload.TenantId, upload.ImageDigest), ct);
            foreach (var other in baseChanged) await observer.BaseChangedAsync(other, ct);
        }
        await store.UpdateUploadStatusAsync(upload.TenantId, upload.UploadId, UploadStatuses.Done, null, clock.UtcNow, ct);
        return new AnalysisOutcome(AnalysisStatus.Done);
    }
}
