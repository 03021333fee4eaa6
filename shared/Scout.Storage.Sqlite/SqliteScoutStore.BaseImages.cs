using Microsoft.Data.Sqlite;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.Sqlite;

// The layer-prefix index: one row per (chain hash of a layer prefix, image); the row with whole = 1 is the image's
// whole layer list. The key leads with (chain_hash, whole), so detection reads only the whole-list rows of n-1 hashes
// (never the many images that merely extend a popular base) and dependents only the prefix rows of one.
public sealed partial class SqliteScoutStore
{
    public Task MarkCatalogTenantAsync(string tenantId, CancellationToken ct = default)
    {
        db.Write((c, tx) => c.Exec("INSERT OR IGNORE INTO catalog_tenants(tenant_id) VALUES ($t)", tx, ("$t", tenantId)));
        return Task.CompletedTask;
    }

    public Task<bool> IsCatalogTenantAsync(string tenantId, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query("SELECT 1 FROM catalog_tenants WHERE tenant_id=$t", r => true, ("$t", tenantId)).Count > 0));

    public Task IndexImageLayersAsync(LayerIndexRecord record, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            c.Exec("DELETE FROM layer_index WHERE tenant_id=$t AND digest=$d", tx, ("$t", record.TenantId), ("$d", record.Digest));
            using var insert = c.Command("""
                INSERT INTO layer_index(chain_hash, whole, tenant_id, digest, depth, layer_count, catalog, repository, tag)
                VALUES ($h,$w,$t,$d,$k,$n,$c,$r,$g) ON CONFLICT DO NOTHING
                """, tx, ("$h", ""), ("$w", 0), ("$t", record.TenantId), ("$d", record.Digest), ("$k", 0), ("$n", record.ChainHashes.Count),
                ("$c", record.Catalog ? 1 : 0), ("$r", record.Repository), ("$g", record.Tag));
            for (var i = 0; i < record.ChainHashes.Count; i++)
            {
                insert.Parameters["$h"].Value = record.ChainHashes[i];
                insert.Parameters["$k"].Value = i + 1;
                insert.Parameters["$w"].Value = i + 1 == record.ChainHashes.Count ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LayerIndexRecord>> FindImagesByChainAsync(string tenantId, IReadOnlyList<string> chainHashes, CancellationToken ct = default)
    {
        if (chainHashes.Count == 0) return Task.FromResult<IReadOnlyList<LayerIndexRecord>>([]);
        var names = chainHashes.Select((_, i) => "$h" + i).ToList();
        var parameters = chainHashes.Select((h, i) => ("$h" + i, (object?)h)).Append(("$t", tenantId)).ToArray();
        return Task.FromResult<IReadOnlyList<LayerIndexRecord>>(db.Read(c => c.Query(
            $"{IndexColumns} WHERE chain_hash IN ({string.Join(",", names)}) AND whole = 1 AND (tenant_id = $t OR catalog = 1)",
            MapIndex, parameters)));
    }

    public Task<IReadOnlyList<ImageRef>> FindExtendingImagesAsync(string chainHash, string? tenantId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ImageRef>>(db.Read(c => c.Query(
            "SELECT tenant_id, digest FROM layer_index WHERE chain_hash=$h AND whole = 0" + (tenantId is null ? "" : " AND tenant_id=$t"),
            r => new ImageRef(r.GetString(0), r.GetString(1)), ("$h", chainHash), ("$t", tenantId))));

    public Task<IReadOnlyList<LayerIndexRecord>> ListCatalogImagesAsync(string repository, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LayerIndexRecord>>(db.Read(c => c.Query(
            $"{IndexColumns} WHERE repository=$r AND whole = 1 AND catalog = 1 ORDER BY tag, digest", MapIndex, ("$r", repository))));

    public Task SaveBaseLinkAsync(string tenantId, string digest, BaseLink? link, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            if (link is null) c.Exec("DELETE FROM base_links WHERE tenant_id=$t AND digest=$d", tx, ("$t", tenantId), ("$d", digest));
            else c.Exec("INSERT OR REPLACE INTO base_links(tenant_id, digest, body) VALUES ($t,$d,$b)", tx,
                ("$t", tenantId), ("$d", digest), ("$b", ScoutJson.Serialize(link)));
        });
        return Task.CompletedTask;
    }

    public Task<BaseLink?> GetBaseLinkAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query("SELECT body FROM base_links WHERE tenant_id=$t AND digest=$d",
            r => ScoutJson.Deserialize<BaseLink>(r.GetString(0)), ("$t", tenantId), ("$d", digest)).FirstOrDefault()));

    private const string IndexColumns = "SELECT tenant_id, digest, catalog, repository, tag, layer_count FROM layer_index";

    private static LayerIndexRecord MapIndex(SqliteDataReader r) => new()
    {
        TenantId = r.GetString(0), Digest = r.GetString(1), Catalog = r.GetInt64(2) == 1, Repository = r.NullableString(3),
        Tag = r.NullableString(4), LayerCount = (int)r.GetInt64(5),
    };
}
