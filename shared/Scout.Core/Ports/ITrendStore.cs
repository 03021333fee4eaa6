using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>The daily trend of each tenant's finding counts (the dashboard's overview). Small and bounded: one record
/// per tenant and day, and days before the retention window are deleted by the write that moves past them.</summary>
public interface ITrendStore
{
    /// <summary>Inserts or replaces the (tenant, day) snapshot, then deletes the tenant's snapshots of days before
    /// <paramref name="keepFromDay"/> (yyyy-MM-dd).</summary>
    Task SaveTrendSnapshotAsync(TrendSnapshot snapshot, string keepFromDay, CancellationToken ct = default);

    /// <summary>The tenant's snapshots from <paramref name="fromDay"/> (yyyy-MM-dd, inclusive), oldest first.</summary>
    Task<IReadOnlyList<TrendSnapshot>> GetTrendSnapshotsAsync(string tenantId, string fromDay, CancellationToken ct = default);
}
