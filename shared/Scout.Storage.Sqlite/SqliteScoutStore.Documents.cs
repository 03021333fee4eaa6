namespace Scout.Storage.Sqlite;

// Small per-tenant JSON documents (policy configuration and results, webhooks, webhook deliveries) in one table keyed
// by (tenant, kind, key). Created on first use rather than as a numbered migration, so features added in parallel
// do not compete for migration numbers (SqliteSchema.cs).
public sealed partial class SqliteScoutStore
{
    private volatile bool documentsReady;

    private void EnsureDocuments()
    {
        if (documentsReady) return;
        db.Write((c, tx) => c.Exec(
            """
            CREATE TABLE IF NOT EXISTS tenant_documents (tenant_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
                body TEXT NOT NULL, PRIMARY KEY (tenant_id, kind, key))
            """, tx));
        documentsReady = true;
    }

    private void PutDocument(string tenantId, string kind, string key, string body)
    {
        EnsureDocuments();
        db.Write((c, tx) => c.Exec(
            "INSERT INTO tenant_documents(tenant_id, kind, key, body) VALUES ($t,$k,$y,$b) ON CONFLICT(tenant_id, kind, key) DO UPDATE SET body=excluded.body",
            tx, ("$t", tenantId), ("$k", kind), ("$y", key), ("$b", body)));
    }

    /// <summary>Inserts only when absent; false when the key exists.</summary>
    private bool CreateDocument(string tenantId, string kind, string key, string body)
    {
        EnsureDocuments();
        return db.Write((c, tx) => c.Exec(
            "INSERT INTO tenant_documents(tenant_id, kind, key, body) VALUES ($t,$k,$y,$b) ON CONFLICT DO NOTHING",
            tx, ("$t", tenantId), ("$k", kind), ("$y", key), ("$b", body))) == 1;
    }

    private string? GetDocument(string tenantId, string kind, string key)
    {
        EnsureDocuments();
        return db.Read(c => c.Query("SELECT body FROM tenant_documents WHERE tenant_id=$t AND kind=$k AND key=$y",
            r => r.GetString(0), ("$t", tenantId), ("$k", kind), ("$y", key)).FirstOrDefault());
    }

    private List<string> ListDocuments(string tenantId, string kind)
    {
        EnsureDocuments();
        return db.Read(c => c.Query("SELECT body FROM tenant_documents WHERE tenant_id=$t AND kind=$k ORDER BY key",
            r => r.GetString(0), ("$t", tenantId), ("$k", kind)).ToList());
    }

    private bool DeleteDocument(string tenantId, string kind, string key)
    {
        EnsureDocuments();
        return db.Write((c, tx) => c.Exec("DELETE FROM tenant_documents WHERE tenant_id=$t AND kind=$k AND key=$y",
            tx, ("$t", tenantId), ("$k", kind), ("$y", key))) == 1;
    }
}
