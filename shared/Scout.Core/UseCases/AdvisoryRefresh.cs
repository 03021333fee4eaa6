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

    /// <summary>Told about every image whose findings a refresh changed (policy, notifications).</summary>
    public IImageChangeObserver? Observer { get => reoverlay.Observer; set => reoverlay.Observer = value; }

    public async Task<RefreshSummary> RefreshAsync(IAdvisoryFeed feed, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var summary = new RefreshSummary();
        var errors = new List<string>();
        foreach (var ecosystem in await feed.ListEcosystemsAsync(ct))
        {
            var cursorKey = $"{feed.FeedKey}|{ecosystem}";
            var cursor = await store.GetCursorAsync(cursorKey, ct);
            var changes = await feed.ReadChangesAsync(ecosystem, cursor, ct);
            errors.AddRange(changes.Errors);
            if (changes.Advisories.Count > 0)
            {
                var counts = await ApplyAsync(changes.Advisories, ct);
                summary = summary with
                {
                    AdvisoriesChanged = summary.AdvisoriesChanged + changes.Advisories.Count,
                    ImagesReoverlaid = summary.ImagesReoverlaid + counts.Images,
                    FindingsAdded = summary.FindingsAdded + counts.Added,
                    FindingsChanged = summary.FindingsChanged + counts.Changed,
                    FindingsResolved = summary.FindingsResolved + counts.Resolved,
                };
            }
            if (changes.Cursor != null && changes.Cursor != cursor) await store.SetCursorAsync(cursorKey, changes.Cursor, ct);
        }
        return summary with { ElapsedMs = clock.ElapsedMilliseconds, Errors = errors };
    }

    /// <summary>Stores advisories, updates the index, and re-overlays the images holding packages under the touched keys.</summary>
    public async Task<ImageReoverlay.Counts> ApplyAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        for (var i = 0; i < advisories.Count; i += UpsertBatch)
            await store.UpsertAdvisoriesAsync(advisories.Skip(i).Take(UpsertBatch).ToList(), ct);
        var touched = catalog.Apply(advisories).ToHashSet();
        var images = new HashSet<ImageRef>();
        foreach (var key in touched)
            images.UnionWith(await store.FindImagesByPackageAsync(key, ct));
        var ordered = images.OrderBy(i => i.TenantId, StringComparer.Ordinal).ThenBy(i => i.Digest, StringComparer.Ordinal);
        return await reoverlay.ReoverlayAsync(ordered, touched, ct);
    }
}
