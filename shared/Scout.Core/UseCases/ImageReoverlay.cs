using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// Re-matches stored images against the current advisory index and persists only the finding diff. Shared by the
/// incremental refresh (only packages under changed keys) and the full re-scan (every package).
/// </summary>
/// <param name="issues">where an image's failed re-overlay is recorded (the store, when it is one); null: the image store</param>
public sealed class ImageReoverlay(IImageStore images, IAdvisoryMatcher matcher, IAdvisoryCatalog catalog, IImageIssueStore? issues = null)
{
    private readonly IImageIssueStore? issues = issues ?? images as IImageIssueStore;

    public sealed record Counts(int Images, int Added, int Changed, int Resolved, int Failed = 0)
    {
        /// <summary>One line per image whose re-overlay failed: "tenant/digest: reason".</summary>
        public IReadOnlyList<string> Failures { get; init; } = [];
        /// <summary>The images whose re-overlay failed, for the refresh's retry list (ReoverlayRetries.cs).</summary>
        public IReadOnlyList<FailedImage> FailedImages { get; init; } = [];
    }

    /// <summary>Policy evaluation and notifications after a non-empty diff (null: none).</summary>
    public IImageChangeObserver? Observer { get; set; }

    /// <param name="keys">only packages filed under one of these keys are re-matched; null = all packages</param>
    /// <param name="clearIssues">clear an image's recorded issue whenever its re-overlay succeeds (a retry), not only when it
    /// held packages under the keys</param>
    public async Task<Counts> ReoverlayAsync(IEnumerable<ImageRef> targets, IReadOnlySet<PackageKey>? keys, CancellationToken ct, bool clearIssues = false)
    {
        int imagesDone = 0, added = 0, changed = 0, resolved = 0;
        var failures = new List<string>();
        var failedImages = new List<FailedImage>();
        foreach (var image in targets)
        {
            ct.ThrowIfCancellationRequested();
            FindingDiff? diff;
            try
            {
                diff = await ReoverlayImageAsync(image, keys, ct);
                if (issues != null && (diff != null || clearIssues)) await issues.SetReoverlayIssueAsync(image.TenantId, image.Digest, null, DateTimeOffset.UtcNow, ct);
            }
            catch (Exception e) when (IsImageData(e))
            {
                // One image's bad data (a stored VEX that no longer parses, a corrupt row) never stops the others' work:
                // the reason is kept on the image (GET /v1/images/{digest} shows it) and reported in the summary. A store
                // that fails as a whole (I/O, network) still stops the refresh before its cursor moves, to be run again.
                var reason = $"re-overlay failed: {e.Message}";
                failures.Add($"{image.TenantId}/{image.Digest}: {reason}");
                failedImages.Add(new FailedImage(image, reason));
                if (issues != null) await issues.SetReoverlayIssueAsync(image.TenantId, image.Digest, reason, DateTimeOffset.UtcNow, ct);
                continue;
            }
            if (diff == null) continue;
            imagesDone++;
            added += diff.Added.Count;
            changed += diff.Changed.Count;
            resolved += diff.Resolved.Count;
        }
        return new Counts(imagesDone, added, changed, resolved, failures.Count) { Failures = failures, FailedImages = failedImages };
    }

    private static bool IsImageData(Exception e) =>
        e is InputException or InvalidDataException or System.Text.Json.JsonException or FormatException or KeyNotFoundException;

    /// <summary>Returns the diff applied, or null when the image holds no package under the keys (or is gone).</summary>
    public async Task<FindingDiff?> ReoverlayImageAsync(ImageRef image, IReadOnlySet<PackageKey>? keys, CancellationToken ct)
    {
        var stored = await images.GetImageAsync(image.TenantId, image.Digest, ct);
        if (stored == null) return null;
        var os = stored.SbomOs;
        var packages = await images.GetPackagesAsync(image.TenantId, image.Digest, ct);
        var relevant = keys == null ? packages : packages.Where(p => catalog.KeysOf(p, os).Any(keys.Contains)).ToList();
        if (relevant.Count == 0) return null;
        var vex = await images.GetVexAsync(image.TenantId, image.Digest, ct);
        var fresh = await matcher.OverlayAsync(new OverlayRequest(relevant, os) { Vex = vex, Image = ImageSubject.Of(stored.Image) }, ct);
        var purls = relevant.Select(p => p.Purl).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var before = (await images.GetFindingsAsync(image.TenantId, image.Digest, ct))
            .Where(f => f.Kind != FindingKinds.Secret && (keys == null || (f.Purl != null && purls.Contains(f.Purl))));
        var diff = FindingDiffer.Diff(before, fresh.Findings);
        if (!diff.IsEmpty)
        {
            await images.ApplyFindingDiffAsync(image.TenantId, image.Digest, diff, ct);
            if (Observer is { } observer) await observer.ReoverlaidAsync(image, diff, ct);
        }
        return diff;
    }
}

/// <summary>An image whose re-overlay failed, and why.</summary>
public sealed record FailedImage(ImageRef Image, string Reason);
