using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// Records a tenant's daily trend snapshot: its images and their finding counts summed, as of now. The cost is one
/// pass over the tenant's image list (the counts are kept on the image), nothing per finding. An advisory refresh or
/// a VEX re-overlay records at once; an analysis records at most once per <see cref="AnalysisInterval"/> per tenant
/// (a batch of N uploads would otherwise list the tenant's images N times), and the trend's reader computes today's
/// point live (<see cref="TodayAsync"/>), so a skipped recording only shows in a past day's last point, by at most
/// that interval.
/// </summary>
public sealed class TenantTrend(IScoutStore store, IClock clock)
{
    /// <summary>How many days of snapshots a tenant keeps; older ones are deleted on write.</summary>
    public const int RetentionDays = 90;
    private const int PageSize = 1000;

    public static readonly TimeSpan AnalysisInterval = TimeSpan.FromMinutes(1);

    public async Task<TrendSnapshot> RecordAsync(string tenantId, CancellationToken ct = default)
    {
        var snapshot = await TodayAsync(tenantId, ct);
        await store.SaveTrendSnapshotAsync(snapshot, TrendSnapshot.DayOf(snapshot.RecordedAt.AddDays(-(RetentionDays - 1))), ct);
        return snapshot;
    }

    /// <summary>After an analysis: records unless today's snapshot is younger than <see cref="AnalysisInterval"/>;
    /// returns whether it recorded.</summary>
    public async Task<bool> RecordAfterAnalysisAsync(string tenantId, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var today = await store.GetTrendSnapshotsAsync(tenantId, TrendSnapshot.DayOf(now), ct);
        if (today.Count > 0 && now - today[^1].RecordedAt < AnalysisInterval) return false;
        await RecordAsync(tenantId, ct);
        return true;
    }

    /// <summary>Today's point as of now, from the tenant's images (not stored).</summary>
    public async Task<TrendSnapshot> TodayAsync(string tenantId, CancellationToken ct = default)
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
        return new TrendSnapshot { TenantId = tenantId, Day = TrendSnapshot.DayOf(now), Images = images, Counts = counts, RecordedAt = now };
    }

    /// <summary>Records every tenant that has stored images (after a refresh or re-scan, which may touch any tenant).</summary>
    public async Task RecordAllAsync(CancellationToken ct = default)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var image in store.ListAllImagesAsync(ct)) tenants.Add(image.TenantId);
        foreach (var tenant in tenants) await RecordAsync(tenant, ct);
    }
}
