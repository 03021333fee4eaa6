using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// Records a tenant's daily trend snapshot: its images and their finding counts summed, as of now. Called after each
/// analysis and after each advisory refresh that changed findings; the last call of a day is what the day shows.
/// The cost is one pass over the tenant's image list (the counts are kept on the image), nothing per finding.
/// </summary>
public sealed class TenantTrend(IScoutStore store, IClock clock)
{
    /// <summary>How many days of snapshots a tenant keeps; older ones are deleted on write.</summary>
    public const int RetentionDays = 90;
    private const int PageSize = 1000;

    public async Task<TrendSnapshot> RecordAsync(string tenantId, CancellationToken ct = default)
    {
        var counts = FindingCounts.Empty();
        var images = 0;
        string? token = null;
        do
        {
            var page = await store.ListImagesAsync(tenantId, PageSize, token, ct);
            foreach (var image in page.Items)
            {
                images++;
                foreach (var (bucket, n) in image.FindingCounts) counts[bucket] = counts.GetValueOrDefault(bucket) + n;
            }
            token = page.NextPageToken;
        } while (token != null);
        var now = clock.UtcNow;
        var snapshot = new TrendSnapshot { TenantId = tenantId, Day = TrendSnapshot.DayOf(now), Images = images, Counts = counts, RecordedAt = now };
        await store.SaveTrendSnapshotAsync(snapshot, TrendSnapshot.DayOf(now.AddDays(-(RetentionDays - 1))), ct);
        return snapshot;
    }

    /// <summary>Records every tenant that has stored images (after a refresh or re-scan, which may touch any tenant).</summary>
    public async Task RecordAllAsync(CancellationToken ct = default)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var image in store.ListAllImagesAsync(ct)) tenants.Add(image.TenantId);
        foreach (var tenant in tenants) await RecordAsync(tenant, ct);
    }
}
