using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.Sqlite;

// ITrendStore: one row per (tenant, day); the write that records a day deletes the tenant's days before the window.
public sealed partial class SqliteScoutStore
{
    public Task SaveTrendSnapshotAsync(TrendSnapshot snapshot, string keepFromDay, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            c.Exec("""
                INSERT INTO trend_snapshots(tenant_id, day, body) VALUES ($t,$d,$b)
                ON CONFLICT(tenant_id, day) DO UPDATE SET body=excluded.body
                """, tx, ("$t", snapshot.TenantId), ("$d", snapshot.Day), ("$b", ScoutJson.Serialize(snapshot)));
            c.Exec("DELETE FROM trend_snapshots WHERE tenant_id=$t AND day < $k", tx, ("$t", snapshot.TenantId), ("$k", keepFromDay));
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrendSnapshot>> GetTrendSnapshotsAsync(string tenantId, string fromDay, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<TrendSnapshot>>(db.Read(c => c.Query(
            "SELECT body FROM trend_snapshots WHERE tenant_id=$t AND day >= $f ORDER BY day",
            r => ScoutJson.Deserialize<TrendSnapshot>(r.GetString(0)), ("$t", tenantId), ("$f", fromDay))));
}
