using System.Diagnostics;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>`rescan --all`: re-matches every package of every stored image from scratch and persists the diffs.
/// Recovery, and the baseline incremental refresh is measured against.</summary>
public sealed class ImageRescan(IImageStore images, IAdvisoryMatcher matcher, IAdvisoryCatalog catalog)
{
    private readonly ImageReoverlay reoverlay = new(images, matcher, catalog);

    /// <summary>Told about every image whose findings a re-scan changed (policy, notifications).</summary>
    public IImageChangeObserver? Observer { get => reoverlay.Observer; set => reoverlay.Observer = value; }

    public async Task<RefreshSummary> RescanAllAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var targets = new List<Model.ImageRef>();
        await foreach (var image in images.ListAllImagesAsync(ct)) targets.Add(image);
        var counts = await reoverlay.ReoverlayAsync(targets, null, ct);
        var pendingRetry = 0;
        if (images is IAdvisoryStore store)
        {
            // The refresh's retry list (ReoverlayRetries.cs): a re-scan takes off the images it re-matched and adds the ones it could not.
            var retries = new ReoverlayRetries(store);
            var failed = counts.FailedImages.Select(f => f.Image).ToHashSet();
            await retries.RemoveAsync(targets.Where(t => !failed.Contains(t)).ToHashSet(), ct);
            await retries.AddAsync(counts.FailedImages, ct);
            pendingRetry = (await retries.ListAsync(ct)).Count;
        }
        return new RefreshSummary
        {
            ImagesPendingRetry = pendingRetry,
            ImagesReoverlaid = counts.Images,
            FindingsAdded = counts.Added,
            FindingsChanged = counts.Changed,
            FindingsResolved = counts.Resolved,
            ImagesFailed = counts.Failed,
            Errors = counts.Failures,
            ElapsedMs = clock.ElapsedMilliseconds,
            ReoverlayMs = clock.ElapsedMilliseconds,
        };
    }

    public Task<Model.FindingDiff?> RescanImageAsync(Model.ImageRef image, CancellationToken ct = default) =>
        reoverlay.ReoverlayImageAsync(image, null, ct);
}
