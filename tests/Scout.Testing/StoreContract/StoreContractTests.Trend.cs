using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>ITrendStore: one snapshot per (tenant, day), replaced by a later write the same day, bounded by the window.</summary>
public abstract partial class StoreContractTests
{
    private static TrendSnapshot Snapshot(string tenant, string day, int critical, int images = 1) => new()
    {
        TenantId = tenant, Day = day, Images = images, RecordedAt = DateTimeOffset.Parse(day + "T12:00:00Z"),
        Counts = new Dictionary<string, int> { [Severities.Critical] = critical, [Severities.High] = critical * 2, [FindingCounts.Suppressed] = 1 },
    };

    [Fact]
    public async Task Trend_snapshots_are_one_per_day_oldest_first_and_a_later_write_replaces_the_day()
    {
        var tenant = NewTenantId();
        await Store.SaveTrendSnapshotAsync(Snapshot(tenant, "2026-11-02", 3), "2026-09-01");
        await Store.SaveTrendSnapshotAsync(Snapshot(tenant, "2026-11-01", 5), "2026-09-01");
        await Store.SaveTrendSnapshotAsync(Snapshot(tenant, "2026-11-02", 7, images: 4), "2026-09-01");
        var days = await Store.GetTrendSnapshotsAsync(tenant, "2026-10-01");
        Assert.Equal(["2026-11-01", "2026-11-02"], days.Select(d => d.Day));
        Assert.Equal(7, days[1].Counts[Severities.Critical]);
        Assert.Equal(14, days[1].Counts[Severities.High]);
        Assert.Equal(1, days[1].Counts[FindingCounts.Suppressed]);
        Assert.Equal(4, days[1].Images);
        Assert.Equal(DateTimeOffset.Parse("2026-11-02T12:00:00Z"), days[1].RecordedAt);
        Assert.Equal(["2026-11-02"], (await Store.GetTrendSnapshotsAsync(tenant, "2026-11-02")).Select(d => d.Day));
    }

    [Fact]
    public async Task Trend_write_deletes_the_days_before_the_window_and_touches_no_other_tenant()
    {
        var tenant = NewTenantId();
        var other = NewTenantId();
        await Store.SaveTrendSnapshotAsync(Snapshot(other, "2026-08-01", 9), "2026-01-01");
        foreach (var day in new[] { "2026-08-01", "2026-08-15", "2026-09-01" })
            await Store.SaveTrendSnapshotAsync(Snapshot(tenant, day, 1), "2026-01-01");
        await Store.SaveTrendSnapshotAsync(Snapshot(tenant, "2026-11-20", 2), "2026-08-22");
        Assert.Equal(["2026-09-01", "2026-11-20"], (await Store.GetTrendSnapshotsAsync(tenant, "2000-01-01")).Select(d => d.Day));
        var others = await Store.GetTrendSnapshotsAsync(other, "2000-01-01");
        Assert.Equal(["2026-08-01"], others.Select(d => d.Day));
        Assert.All(others, s => Assert.Equal(other, s.TenantId));
        Assert.Empty(await Store.GetTrendSnapshotsAsync(NewTenantId(), "2000-01-01"));
    }
}
