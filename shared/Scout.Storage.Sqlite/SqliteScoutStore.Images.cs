using Microsoft.Data.Sqlite;
using Scout.Core.Model;
using Scout.Core.Serialization;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    /// <summary>The image row's body: everything of StoredImage that is not derived from other tables.</summary>
    private sealed record ImageBody(ImageMetadata Image, string SbomSha256, string SbomFormat, string? SbomSpecVersion,
        OsRelease? SbomOs, int TotalPackages, IReadOnlyList<SbomWarning> Warnings);

    public Task SaveAnalysisAsync(ImageAnalysis a, CancellationToken ct = default)
    {
        var body = ScoutJson.Serialize(new ImageBody(a.Image, a.SbomSha256, a.SbomFormat, a.SbomSpecVersion, a.SbomOs, a.TotalPackages, a.Warnings));
        db.Write((c, tx) =>
        {
            var key = new (string, object?)[] { ("$t", a.TenantId), ("$d", a.Image.Digest) };
            c.Exec("""
                INSERT INTO images(tenant_id, digest, body, revision, analyzed_at) VALUES ($t,$d,$b,1,$a)
                ON CONFLICT(tenant_id, digest) DO UPDATE SET body=excluded.body, revision=images.revision+1, analyzed_at=excluded.analyzed_at
                """, tx, [.. key, ("$b", body), ("$a", Iso(a.AnalyzedAt))]);
            c.Exec("DELETE FROM packages WHERE tenant_id=$t AND digest=$d", tx, key);
            c.Exec("DELETE FROM findings WHERE tenant_id=$t AND digest=$d", tx, key);
            c.Exec("DELETE FROM package_index WHERE tenant_id=$t AND digest=$d", tx, key);
            using (var insert = c.Command("INSERT INTO packages(tenant_id, digest, ordinal, body) VALUES ($t,$d,$o,$b)", tx, [.. key, ("$o", 0), ("$b", "")]))
            {
                for (var i = 0; i < a.Packages.Count; i++)
                {
                    insert.Parameters["$o"].Value = i;
                    insert.Parameters["$b"].Value = ScoutJson.Serialize(a.Packages[i]);
                    insert.ExecuteNonQuery();
                }
            }
            InsertFindings(c, tx, a.TenantId, a.Image.Digest, a.Findings);
            using var index = c.Command("INSERT OR IGNORE INTO package_index(ecosystem, name, tenant_id, digest) VALUES ($e,$n,$t,$d)", tx,
                [.. key, ("$e", ""), ("$n", "")]);
            foreach (var k in a.IndexKeys)
            {
                index.Parameters["$e"].Value = k.Ecosystem;
                index.Parameters["$n"].Value = k.Name;
                index.ExecuteNonQuery();
            }
        });
        return Task.CompletedTask;
    }

    private static void InsertFindings(SqliteConnection c, SqliteTransaction tx, string tenantId, string digest, IEnumerable<Finding> findings)
    {
        using var insert = c.Command("INSERT OR REPLACE INTO findings(tenant_id, digest, finding_key, severity, body) VALUES ($t,$d,$k,$s,$b)", tx,
            ("$t", tenantId), ("$d", digest), ("$k", ""), ("$s", ""), ("$b", ""));
        foreach (var f in findings)
        {
            insert.Parameters["$k"].Value = f.Key;
            insert.Parameters["$s"].Value = FindingCounts.BucketOf(f);
            insert.Parameters["$b"].Value = ScoutJson.Serialize(f);
            insert.ExecuteNonQuery();
        }
    }

    public Task<StoredImage?> GetImageAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => ReadImages(c, " WHERE tenant_id=$t AND digest=$d", ("$t", tenantId), ("$d", digest)).FirstOrDefault()));

    public Task<Page<StoredImage>> ListImagesAsync(string tenantId, int limit, string? pageToken, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 1000);
        var rows = db.Read(c => ReadImages(c, $" WHERE tenant_id=$t AND digest > $after ORDER BY digest LIMIT {limit + 1}",
            ("$t", tenantId), ("$after", pageToken ?? "")));
        var next = rows.Count > limit ? rows[limit - 1].Image.Digest : null;
        return Task.FromResult(new Page<StoredImage>(rows.Take(limit).ToList(), next));
    }

    private static List<StoredImage> ReadImages(SqliteConnection c, string where, params (string, object?)[] parameters)
    {
        var rows = c.Query("SELECT tenant_id, digest, body, revision, analyzed_at FROM images" + where,
            r => (Tenant: r.GetString(0), Digest: r.GetString(1), Body: ScoutJson.Deserialize<ImageBody>(r.GetString(2)),
                Revision: r.GetInt64(3), AnalyzedAt: ParseIso(r.GetString(4))), parameters);
        // Counts for the whole page in two grouped queries (not two per image): listing and the trend read every image.
        var findingCounts = new Dictionary<(string, string), Dictionary<string, int>>();
        var packageCounts = new Dictionary<(string, string), int>();
        foreach (var chunk in rows.Chunk(400))
        {
            var keys = chunk.SelectMany((r, i) => new (string, object?)[] { ($"$t{i}", r.Tenant), ($"$d{i}", r.Digest) }).ToArray();
            var values = string.Join(",", chunk.Select((_, i) => $"($t{i},$d{i})"));
            foreach (var (tenant, digest, bucket, n) in c.Query(
                         $"SELECT tenant_id, digest, severity, COUNT(*) FROM findings WHERE (tenant_id, digest) IN (VALUES {values}) GROUP BY tenant_id, digest, severity",
                         r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)), keys))
            {
                if (!findingCounts.TryGetValue((tenant, digest), out var byBucket)) findingCounts[(tenant, digest)] = byBucket = [];
                byBucket[bucket] = n;
            }
            foreach (var (tenant, digest, n) in c.Query(
                         $"SELECT tenant_id, digest, COUNT(*) FROM packages WHERE (tenant_id, digest) IN (VALUES {values}) GROUP BY tenant_id, digest",
                         r => (r.GetString(0), r.GetString(1), r.GetInt32(2)), keys))
                packageCounts[(tenant, digest)] = n;
        }
        return rows.Select(row =>
        {
            var counts = FindingCounts.Empty();
            if (findingCounts.TryGetValue((row.Tenant, row.Digest), out var found))
                foreach (var (bucket, n) in found) counts[bucket] = n;
            var packageCount = packageCounts.GetValueOrDefault((row.Tenant, row.Digest));
            return new StoredImage
            {
                TenantId = row.Tenant, Image = row.Body.Image, SbomSha256 = row.Body.SbomSha256, SbomFormat = row.Body.SbomFormat,
                SbomSpecVersion = row.Body.SbomSpecVersion, SbomOs = row.Body.SbomOs, TotalPackages = row.Body.TotalPackages,
                PackageCount = packageCount, FindingCounts = counts, Warnings = row.Body.Warnings, AnalyzedAt = row.AnalyzedAt,
                Revision = row.Revision,
            };
        }).ToList();
    }

    public Task<IReadOnlyList<PackageRecord>> GetPackagesAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PackageRecord>>(db.Read(c => c.Query(
            "SELECT body FROM packages WHERE tenant_id=$t AND digest=$d ORDER BY ordinal",
            r => ScoutJson.Deserialize<PackageRecord>(r.GetString(0)), ("$t", tenantId), ("$d", digest))));

    public Task<IReadOnlyList<Finding>> GetFindingsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Finding>>(db.Read(c => c.Query(
            "SELECT body FROM findings WHERE tenant_id=$t AND digest=$d ORDER BY finding_key",
            r => ScoutJson.Deserialize<Finding>(r.GetString(0)), ("$t", tenantId), ("$d", digest))));

    public Task ApplyFindingDiffAsync(string tenantId, string digest, FindingDiff diff, CancellationToken ct = default)
    {
        if (diff.IsEmpty) return Task.CompletedTask;
        db.Write((c, tx) =>
        {
            var bumped = c.Exec("UPDATE images SET revision=revision+1 WHERE tenant_id=$t AND digest=$d", tx, ("$t", tenantId), ("$d", digest));
            if (bumped == 0) return; // the image was deleted meanwhile: nothing to overlay
            using (var delete = c.Command("DELETE FROM findings WHERE tenant_id=$t AND digest=$d AND finding_key=$k", tx,
                       ("$t", tenantId), ("$d", digest), ("$k", "")))
            {
                foreach (var f in diff.Resolved)
                {
                    delete.Parameters["$k"].Value = f.Key;
                    delete.ExecuteNonQuery();
                }
            }
            InsertFindings(c, tx, tenantId, digest, diff.Added.Concat(diff.Changed));
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImageRef>> FindImagesByPackageAsync(PackageKey key, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ImageRef>>(db.Read(c => c.Query(
            "SELECT tenant_id, digest FROM package_index WHERE ecosystem=$e AND name=$n ORDER BY tenant_id, digest",
            r => new ImageRef(r.GetString(0), r.GetString(1)), ("$e", key.Ecosystem), ("$n", key.Name))));

    public async IAsyncEnumerable<ImageRef> ListAllImagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var all = db.Read(c => c.Query("SELECT tenant_id, digest FROM images ORDER BY tenant_id, digest", r => new ImageRef(r.GetString(0), r.GetString(1))));
        foreach (var image in all)
        {
            ct.ThrowIfCancellationRequested();
            yield return image;
        }
        await Task.CompletedTask;
    }

    public Task AddEnvironmentAsync(string tenantId, EnvironmentRecord e, CancellationToken ct = default)
    {
        db.Write((c, tx) => c.Exec("""
            INSERT INTO environments(tenant_id, digest, namespace, workload_name, workload_type, seen_at) VALUES ($t,$d,$n,$w,$y,$s)
            ON CONFLICT DO UPDATE SET seen_at=excluded.seen_at
            """, tx, ("$t", tenantId), ("$d", e.ImageDigest), ("$n", e.Namespace), ("$w", e.WorkloadName), ("$y", e.WorkloadType), ("$s", Iso(e.SeenAt))));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EnvironmentRecord>> GetEnvironmentsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<EnvironmentRecord>>(db.Read(c => c.Query(
            "SELECT namespace, workload_name, workload_type, digest, seen_at FROM environments WHERE tenant_id=$t AND digest=$d ORDER BY namespace, workload_name",
            r => new EnvironmentRecord { Namespace = r.GetString(0), WorkloadName = r.GetString(1), WorkloadType = r.GetString(2), ImageDigest = r.GetString(3), SeenAt = ParseIso(r.GetString(4)) },
            ("$t", tenantId), ("$d", digest))));

    public Task AddVexAsync(string tenantId, string digest, VexDocumentRecord vex, CancellationToken ct = default)
    {
        db.Write((c, tx) => c.Exec("INSERT OR REPLACE INTO vex_documents(tenant_id, digest, document_id, format, body, attached_at) VALUES ($t,$d,$i,$f,$b,$a)", tx,
            ("$t", tenantId), ("$d", digest), ("$i", vex.DocumentId), ("$f", vex.Format), ("$b", vex.Json), ("$a", Iso(vex.AttachedAt))));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VexDocumentRecord>> GetVexAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<VexDocumentRecord>>(db.Read(c => c.Query(
            "SELECT document_id, format, body, attached_at FROM vex_documents WHERE tenant_id=$t AND digest=$d ORDER BY attached_at, document_id",
            r => new VexDocumentRecord(r.GetString(0), r.GetString(1), r.GetString(2), ParseIso(r.GetString(3))), ("$t", tenantId), ("$d", digest))));
}
