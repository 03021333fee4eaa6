using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    public Task SetReoverlayIssueAsync(string tenantId, string digest, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            if (reason == null) c.Exec("DELETE FROM image_issues WHERE tenant_id=$t AND digest=$d", tx, ("$t", tenantId), ("$d", digest));
            else c.Exec("""
                INSERT INTO image_issues(tenant_id, digest, reason, at) VALUES ($t,$d,$r,$a)
                ON CONFLICT(tenant_id, digest) DO UPDATE SET reason=excluded.reason, at=excluded.at
                """, tx, ("$t", tenantId), ("$d", digest), ("$r", reason), ("$a", Iso(at)));
        });
        return Task.CompletedTask;
    }

    public Task<string?> GetReoverlayIssueAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query("SELECT reason FROM image_issues WHERE tenant_id=$t AND digest=$d", r => r.GetString(0),
            ("$t", tenantId), ("$d", digest)).FirstOrDefault()));
}
