using Scout.Core.Model;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    // Tenants are few (one row per API key): a scan of the table needs no index of its own.
    public Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query(
            "SELECT tenant_id, name, key_id, key_salt, key_hash, created_at FROM tenants WHERE tenant_id=$t ORDER BY created_at, key_id LIMIT 1",
            r => new TenantRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseIso(r.GetString(5))),
            ("$t", tenantId)).FirstOrDefault()));
}
