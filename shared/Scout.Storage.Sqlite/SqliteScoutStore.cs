using Scout.Core.Model;
using Scout.Core.Ports;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file under the data directory.</summary>
public sealed partial class SqliteScoutStore(SqliteDatabase db) : IScoutStore
{
    public SqliteScoutStore(string dataDirectory) : this(new SqliteDatabase(dataDirectory)) { }

    public SqliteDatabase Database => db;

    public Task InitializeAsync(CancellationToken ct = default) => Task.CompletedTask; // migrations run on open

    public Task CreateTenantAsync(TenantRecord tenant, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            var inserted = c.Exec(
                "INSERT INTO tenants(key_id, tenant_id, name, key_salt, key_hash, created_at) VALUES ($k,$t,$n,$s,$h,$c) ON CONFLICT DO NOTHING", tx,
                ("$k", tenant.KeyId), ("$t", tenant.TenantId), ("$n", tenant.Name), ("$s", tenant.KeySalt), ("$h", tenant.KeyHash), ("$c", Iso(tenant.CreatedAt)));
            if (inserted == 0) throw new DuplicateException($"tenant key id {tenant.KeyId} exists");
        });
        return Task.CompletedTask;
    }

    public Task<TenantRecord?> GetTenantByKeyIdAsync(string keyId, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query(
            "SELECT tenant_id, name, key_id, key_salt, key_hash, created_at FROM tenants WHERE key_id=$k",
            r => new TenantRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseIso(r.GetString(5))),
            ("$k", keyId)).FirstOrDefault()));

    public Task<(UploadRecord Upload, bool Created)> CreateUploadAsync(UploadRecord upload, byte[] compressedDocument, CancellationToken ct = default)
    {
        var created = db.Write((c, tx) =>
        {
            var inserted = c.Exec(
                """
                INSERT INTO uploads(tenant_id, upload_id, image_digest, sbom_sha256, status, reason, created_at, updated_at)
                VALUES ($t,$u,$d,$s,$st,$r,$c,$c) ON CONFLICT DO NOTHING
                """, tx,
                ("$t", upload.TenantId), ("$u", upload.UploadId), ("$d", upload.ImageDigest), ("$s", upload.SbomSha256),
                ("$st", upload.Status), ("$r", upload.Reason), ("$c", Iso(upload.CreatedAt)));
            if (inserted == 1)
                c.Exec("INSERT INTO upload_documents(tenant_id, upload_id, data) VALUES ($t,$u,$b)", tx,
                    ("$t", upload.TenantId), ("$u", upload.UploadId), ("$b", compressedDocument));
            return inserted == 1;
        });
        var stored = ReadUpload(upload.TenantId, upload.UploadId) ?? throw new InvalidOperationException("upload vanished after insert");
        return Task.FromResult((stored, created));
    }

    public Task<UploadRecord?> GetUploadAsync(string tenantId, string uploadId, CancellationToken ct = default) =>
        Task.FromResult(ReadUpload(tenantId, uploadId));

    private UploadRecord? ReadUpload(string tenantId, string uploadId) => db.Read(c => c.Query(
        UploadColumns + " WHERE tenant_id=$t AND upload_id=$u", MapUpload, ("$t", tenantId), ("$u", uploadId)).FirstOrDefault());

    private const string UploadColumns =
        "SELECT tenant_id, upload_id, image_digest, sbom_sha256, status, reason, created_at, updated_at FROM uploads";

    private static UploadRecord MapUpload(Microsoft.Data.Sqlite.SqliteDataReader r) => new()
    {
        TenantId = r.GetString(0), UploadId = r.GetString(1), ImageDigest = r.GetString(2), SbomSha256 = r.GetString(3),
        Status = r.GetString(4), Reason = r.NullableString(5), CreatedAt = ParseIso(r.GetString(6)), UpdatedAt = ParseIso(r.GetString(7)),
    };

    public Task<byte[]?> GetUploadDocumentAsync(string tenantId, string uploadId, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query("SELECT data FROM upload_documents WHERE tenant_id=$t AND upload_id=$u",
            r => (byte[])r.GetValue(0), ("$t", tenantId), ("$u", uploadId)).FirstOrDefault()));

    public Task UpdateUploadStatusAsync(string tenantId, string uploadId, string status, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        db.Write((c, tx) => c.Exec("UPDATE uploads SET status=$s, reason=$r, updated_at=$a WHERE tenant_id=$t AND upload_id=$u", tx,
            ("$s", status), ("$r", reason), ("$a", Iso(at)), ("$t", tenantId), ("$u", uploadId)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UploadRecord>> ListPendingUploadsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<UploadRecord>>(db.Read(c => c.Query(
            UploadColumns + " WHERE status IN ('queued','analyzing') ORDER BY created_at", MapUpload)));
}
