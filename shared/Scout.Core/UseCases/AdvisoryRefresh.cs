using System.Diagnostics;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// DESIGN.md data flow step 3: read feed changes since the stored cursor -> upsert advisories -> update the index ->
/// find affected images through the inverted index -> re-overlay only their affected packages -> persist the finding
/// diff -> advance the cursor, per ecosystem and only after all of that succeeded.
/// </summary>
public sealed class AdvisoryRefresh(IScoutStore store, IAdvisoryMatcher matcher, IAdvisoryCatalog catalog)
{
    private const int UpsertBatch = 500;
    private readonly ImageReoverlay reoverlay = new(store, matcher, catalog);
    private readonly ReoverlayRetries imageRetries = new(store);

    /// <summary>Told about every image whose findings a refresh changed (policy, notifications).</summary>
    public IImageChangeObserver? Observer { get => reoverlay.Observer; set => reoverlay.Observer = value; }

    public async Task<RefreshSummary> RefreshAsync(IAdvisoryFeed feed, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var feedClock = new Stopwatch();
        var applyClock = new Stopwatch();
        var summary = new RefreshSummary();
        var errors = new List<string>();
        var warnings = new List<string>();
        var states = new FeedStateStore(store);
        var imagesFailedNow = new HashSet<ImageRef>();
        var tenantsChanged = new HashSet<string>(StringComparer.Ordinal);
        feedClock.Start();
        var ecosystems = await feed.ListEcosystemsAsync(ct);
        feedClock.Stop();
        foreach (var ecosystem in ecosystems)
        {
            var scope = new FeedScope(feed.FeedKey, ecosystem);
            var cursor = await store.GetCursorAsync(scope.CursorKey, ct);
            var state = await states.GetAsync(scope, ct);
            feedClock.Start();
            var changes = await feed.ReadChangesAsync(ecosystem, cursor, ct);
            // Records that failed before are read again by id; a record listed again since is read with the changes.
            var listedAgain = changes.Advisories.Select(a => a.Id).Concat(changes.Failed.Select(f => f.Id)).ToHashSet(StringComparer.Ordinal);
            var retryIds = state.PendingRetries.Select(p => p.Id).Where(id => !listedAgain.Contains(id)).ToList();
            var retried = retryIds.Count == 0 ? null : await feed.ReadRecordsAsync(ecosystem, retryIds, ct);
            feedClock.Stop();
            errors.AddRange(changes.Errors);
            warnings.AddRange(changes.Warnings);
            var advisories = retried == null ? changes.Advisories : [.. changes.Advisories, .. retried.Advisories];
            if (retried != null) warnings.AddRange(retried.Warnings);
            if (advisories.Count > 0)
            {
                applyClock.Start();
                var counts = await ApplyAsync(advisories, ct);
                applyClock.Stop();
                summary = summary with
                {
                    AdvisoriesChanged = summary.AdvisoriesChanged + advisories.Count,
                    ImagesReoverlaid = summary.ImagesReoverlaid + counts.Images,
                    FindingsAdded = summary.FindingsAdded + counts.Added,
                    FindingsChanged = summary.FindingsChanged + counts.Changed,
                    FindingsResolved = summary.FindingsResolved + counts.Resolved,
                    ImagesFailed = summary.ImagesFailed + counts.Failed,
                };
                errors.AddRange(counts.Failures);
                tenantsChanged.UnionWith(counts.TenantsChanged);
                // Kept before the cursor moves past the advisories that touched them: retried by every later run.
                await imageRetries.AddAsync(counts.FailedImages, ct);
                imagesFailedNow.UnionWith(counts.FailedImages.Select(f => f.Image));
            }
            var pending = NextRetries(state.PendingRetries, [.. changes.Failed, .. retried?.Failed ?? []]);
            foreach (var p in pending.Where(p => p.Attempts > 1)) errors.Add($"{scope.CursorKey}: {p.Id} still failing after {p.Attempts} attempts: {p.Reason}");
            foreach (var dropped in retryIds.Where(id => retried != null && !pending.Any(p => p.Id == id) && !retried.Advisories.Any(a => a.Id == id)))
                warnings.Add($"{scope.CursorKey}: {dropped}: not delivered when read again (gone from the feed, or the feed cannot re-read single records); no longer retried");
            summary = summary with { RecordsFailed = summary.RecordsFailed + pending.Count };
            // The retry list is saved before the cursor moves past the records it names.
            await states.SaveAsync(scope, new FeedState { PendingRetries = pending, LastRefresh = DateTimeOffset.UtcNow }, ct);
            if (changes.Cursor != null && changes.Cursor != cursor) await store.SetCursorAsync(scope.CursorKey, changes.Cursor, ct);
        }
        applyClock.Start();
        summary = await RetryImagesAsync(summary, imagesFailedNow, errors, tenantsChanged, ct);
        applyClock.Stop();
        await UpkeepStepAsync(errors, ct);
        return summary with
        {
            ElapsedMs = clock.ElapsedMilliseconds, FeedMs = feedClock.ElapsedMilliseconds, ReoverlayMs = applyClock.ElapsedMilliseconds,
            Errors = errors, Warnings = warnings, TenantsChanged = tenantsChanged,
        };
    }

    /// <summary>
    /// Re-overlays, whole and against the index as it is now, the images earlier runs could not (those that failed in this
    /// run already are left for the next); a success clears the warning recorded on the image.
    /// </summary>
    private async Task<RefreshSummary> RetryImagesAsync(RefreshSummary summary, IReadOnlySet<ImageRef> failedNow, List<string> errors,
        HashSet<string> tenantsChanged, CancellationToken ct)
    {
        var pending = (await imageRetries.ListAsync(ct)).Where(p => !failedNow.Contains(p.Image)).ToList();
        if (pending.Count > 0)
        {
            var counts = await reoverlay.ReoverlayAsync(pending.Select(p => p.Image), null, ct, clearIssues: true);
            var failed = counts.FailedImages.Select(f => f.Image).ToHashSet();
            await imageRetries.RemoveAsync(pending.Select(p => p.Image).Where(i => !failed.Contains(i)).ToList(), ct);
            await imageRetries.AddAsync(counts.FailedImages, ct);
            tenantsChanged.UnionWith(counts.TenantsChanged);
            summary = summary with
            {
                ImagesReoverlaid = summary.ImagesReoverlaid + counts.Images,
                FindingsAdded = summary.FindingsAdded + counts.Added,
                FindingsChanged = summary.FindingsChanged + counts.Changed,
                FindingsResolved = summary.FindingsResolved + counts.Resolved,
                ImagesFailed = summary.ImagesFailed + counts.Failed,
            };
        }
        var left = await imageRetries.ListAsync(ct);
        foreach (var p in left.Where(p => p.Attempts > 1 && !failedNow.Contains(p.Image)))
            errors.Add($"{p.TenantId}/{p.Digest}: re-overlay still failing after {p.Attempts} attempts: {p.Reason}");
        return summary with { ImagesPendingRetry = left.Count };
    }

    /// <summary>
    /// A step of the store's own upkeep (a layout backfill; Ports/IStoreUpkeep.cs) rides on every refresh: bounded, resumed by
    /// the next run, and a fault in it is reported without failing the refresh whose advisories are already stored.
    /// </summary>
    private async Task UpkeepStepAsync(List<string> errors, CancellationToken ct)
    {
        if (store is not IStoreUpkeep upkeep) return;
        try { await upkeep.RunUpkeepStepAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { errors.Add($"store upkeep: {e.Message} (resumed by the next refresh)"); }
    }

    /// <summary>Failures of this run, counting attempts on from the earlier list; records read fine leave the list.</summary>
    private static List<PendingRetry> NextRetries(IReadOnlyList<PendingRetry> before, IReadOnlyList<FailedRecord> failures)
    {
        var attempts = before.ToDictionary(p => p.Id, p => p.Attempts, StringComparer.Ordinal);
        var next = new Dictionary<string, PendingRetry>(StringComparer.Ordinal);
        foreach (var f in failures)
            next[f.Id] = new PendingRetry(f.Id, attempts.GetValueOrDefault(f.Id) + 1, f.Reason);
        return [.. next.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// <summary>Stores advisories, updates the index, and re-overlays the images holding packages under the touched keys.</summary>
    public async Task<ImageReoverlay.Counts> ApplyAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        // A new version may drop a package: the images holding it are re-overlaid too, under the replaced version's keys.
        var replacedKeys = new HashSet<PackageKey>();
        for (var i = 0; i < advisories.Count; i += UpsertBatch)
            replacedKeys.UnionWith(await store.UpsertAdvisoriesAsync(advisories.Skip(i).Take(UpsertBatch).ToList(), ct));
        // Other processes' indexes catch up from the watermark before their next batch (Scout.Hosting IndexFreshness).
        await new AdvisoryRevision(store).BumpAsync(advisories, ct);
        var touched = catalog.Apply(advisories).ToHashSet();
        touched.UnionWith(replacedKeys);
        var images = new HashSet<ImageRef>();
        foreach (var key in touched)
            images.UnionWith(await store.FindImagesByPackageAsync(key, ct));
        return await reoverlay.ReoverlayAsync(await ReoverlayOrder.OrderAsync(store, images, ct), touched, ct);
    }
}
