using Microsoft.Data.Sqlite;

namespace Scout.Storage.Sqlite;

/// <summary>Ordered migrations; each runs once, recorded in schema_version.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (key_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL,
            key_salt TEXT NOT NULL, key_hash TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE uploads (tenant_id TEXT NOT NULL, upload_id TEXT NOT NULL, image_digest TEXT NOT NULL,
            sbom_sha256 TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, upload_id));
        CREATE INDEX uploads_pending ON uploads(status) WHERE status IN ('queued','analyzing');
        CREATE TABLE upload_documents (tenant_id TEXT NOT NULL, upload_id TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (tenant_id, upload_id));
        CREATE TABLE images (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL, revision INTEGER NOT NULL,
            analyzed_at TEXT NOT NULL, PRIMARY KEY (tenant_id, digest));
        CREATE TABLE packages (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, ordinal INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (tenant_id, digest, ordinal));
        CREATE TABLE findings (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, finding_key TEXT NOT NULL, severity TEXT NOT NULL,
            body TEXT NOT NULL, PRIMARY KEY (tenant_id, digest, finding_key));
        CREATE TABLE package_index (ecosystem TEXT NOT NULL, name TEXT NOT NULL, tenant_id TEXT NOT NULL, digest TEXT NOT NULL,
            PRIMARY KEY (ecosystem, name, tenant_id, digest));
        CREATE INDEX package_index_by_image ON package_index(tenant_id, digest);
        CREATE TABLE environments (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, namespace TEXT NOT NULL,
            workload_name TEXT NOT NULL, workload_type TEXT NOT NULL, seen_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, digest, namespace, workload_name, workload_type));
        CREATE TABLE vex_documents (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, document_id TEXT NOT NULL,
            format TEXT NOT NULL, body TEXT NOT NULL, attached_at TEXT NOT NULL, PRIMARY KEY (tenant_id, digest, document_id));
        CREATE TABLE advisories (id TEXT PRIMARY KEY, modified TEXT NOT NULL, withdrawn TEXT, source TEXT, body TEXT NOT NULL);
        CREATE TABLE advisory_keys (ecosystem TEXT NOT NULL, name TEXT NOT NULL, advisory_id TEXT NOT NULL,
            PRIMARY KEY (ecosystem, name, advisory_id));
        CREATE INDEX advisory_keys_by_id ON advisory_keys(advisory_id);
        CREATE TABLE cursors (feed_key TEXT PRIMARY KEY, cursor TEXT NOT NULL);
        CREATE TABLE work_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, upload_id TEXT NOT NULL,
            enqueued_at TEXT NOT NULL, visible_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
            dead INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX work_queue_ready ON work_queue(dead, visible_at);
        """,
        // Advisories keyed by (source, id): the bare CVE-… ids of distro feeds are shared across sources.
        """
        CREATE TABLE advisories_by_source (source TEXT NOT NULL, id TEXT NOT NULL, modified TEXT NOT NULL, withdrawn TEXT,
            body TEXT NOT NULL, PRIMARY KEY (source, id));
        INSERT INTO advisories_by_source SELECT COALESCE(source, ''), id, modified, withdrawn, body FROM advisories;
        CREATE TABLE advisory_source_keys (ecosystem TEXT NOT NULL, name TEXT NOT NULL, source TEXT NOT NULL, advisory_id TEXT NOT NULL,
            PRIMARY KEY (ecosystem, name, source, advisory_id));
        INSERT INTO advisory_source_keys SELECT k.ecosystem, k.name, COALESCE(a.source, ''), k.advisory_id
            FROM advisory_keys k JOIN advisories a ON a.id = k.advisory_id;
        DROP TABLE advisory_keys;
        DROP TABLE advisories;
        CREATE INDEX advisories_by_id ON advisories_by_source(id);
        CREATE INDEX advisory_source_keys_by_id ON advisory_source_keys(advisory_id, source);
        CREATE TABLE image_issues (tenant_id TEXT NOT NULL, digest TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, digest));
        """,
        // the dashboard's daily trend (SqliteScoutStore.Trend.cs)
        """
        CREATE TABLE trend_snapshots (tenant_id TEXT NOT NULL, day TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (tenant_id, day));
        """,
    ];

    public static void Migrate(SqliteConnection connection)
    {
        Exec(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var tx = connection.BeginTransaction();
        long current;
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            current = (long)cmd.ExecuteScalar()!;
        }
        for (var v = (int)current; v < Migrations.Length; v++)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Migrations[v] + $"; INSERT INTO schema_version(version) VALUES ({v + 1});";
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public static int Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }
}
