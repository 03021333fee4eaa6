using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// Base images on Firestore. Layer-index entries are tenants/{t}/images/{d}/layerIndex/{depth}: the whole-list entry
// carries "fullChain", prefix entries "prefixChain", and a catalog image's "repo" entry "catalogRepository"; each is
// found by a collection-group equality (or IN) query on that one field (indexes in infra/gcp/firestore.tf).
// Catalog tenants are tenants/{t}/settings/catalog; base links tenants/{t}/baseLinks/{digest}.
public sealed partial class FirestoreScoutStore
{
    private const string LayerIndex = "layerIndex";
    private const int MaxInValues = 30; // Firestore's limit on an IN filter's values

    private string CatalogDocument(string tenantId) => paths.Tenant(tenantId).Document + "/settings/catalog";
    private string BaseLinkDocument(string tenantId, string digest) => paths.Tenant(tenantId).Document + "/baseLinks/" + FirestorePaths.Id(digest);

    public async Task MarkCatalogTenantAsync(string tenantId, CancellationToken ct = default) =>
        await client.CommitAsync([Fs.Set(CatalogDocument(tenantId), new JsonObject { ["tenantId"] = Fs.Str(tenantId) })], ct);

    public async Task<bool> IsCatalogTenantAsync(string tenantId, CancellationToken ct = default) =>
        await client.GetAsync(CatalogDocument(tenantId), ct) is not null;

    public async Task IndexImageLayersAsync(LayerIndexRecord record, CancellationToken ct = default)
    {
        var image = paths.Tenant(record.TenantId).Image(record.Digest);
        var writes = new List<JsonObject>();
        var count = record.ChainHashes.Count;
        for (var i = 0; i < count; i++)
        {
            var fields = Entry(record, i + 1);
            fields[i + 1 == count ? "fullChain" : "prefixChain"] = Fs.Str(record.ChainHashes[i]);
            writes.Add(Fs.Set($"{image}/{LayerIndex}/{i + 1:D5}", fields));
        }
        if (record.Catalog && record.Repository is { } repository)
        {
            var fields = Entry(record, count);
            fields["catalogRepository"] = Fs.Str(repository);
            writes.Add(Fs.Set($"{image}/{LayerIndex}/repo", fields));
        }
        var written = writes.Select(w => w["update"]!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var listed = (await ChildrenBeforeWritingAsync(image, [(LayerIndex, await client.GetAsync(Listing(image, LayerIndex), ct))], ct))[0];
        var stale = listed.Keys.Where(n => !written.Contains(n)).Select(Fs.Delete);
        await CommitPlanner.CommitAllAsync(client, [.. writes, .. stale], ct);

        static JsonObject Entry(LayerIndexRecord r, int depth) => new()
        {
            ["tenantId"] = Fs.Str(r.TenantId), ["digest"] = Fs.Str(r.Digest), ["depth"] = Fs.Int(depth), ["layerCount"] = Fs.Int(r.LayerCount),
            ["catalog"] = new JsonObject { ["booleanValue"] = r.Catalog },
            ["repository"] = Fs.StrOrNull(r.Repository), ["tag"] = Fs.StrOrNull(r.Tag),
        };
    }

    public async Task<IReadOnlyList<LayerIndexRecord>> FindImagesByChainAsync(string tenantId, IReadOnlyList<string> chainHashes, CancellationToken ct = default)
    {
        var found = new List<LayerIndexRecord>();
        foreach (var chunk in chainHashes.Distinct().Chunk(MaxInValues))
        {
            var query = Fs.From(LayerIndex, allDescendants: true);
            query["where"] = Fs.FieldFilter("fullChain", "IN", Fs.StrArray(chunk));
            await foreach (var d in QueryAllAsync(paths.Root, query, 500, ct))
            {
                var record = ToLayerRecord(d);
                if (record.TenantId == tenantId || record.Catalog) found.Add(record);
            }
        }
        return found;
    }

    public async Task<IReadOnlyList<ImageRef>> FindExtendingImagesAsync(string chainHash, string? tenantId, CancellationToken ct = default)
    {
        var query = Fs.From(LayerIndex, allDescendants: true);
        query["where"] = Fs.FieldFilter("prefixChain", "EQUAL", Fs.Str(chainHash));
        var refs = new List<ImageRef>();
        await foreach (var d in QueryAllAsync(paths.Root, query, 500, ct))
        {
            var r = new ImageRef(d.RequiredString("tenantId"), d.RequiredString("digest"));
            if (tenantId is null || r.TenantId == tenantId) refs.Add(r);
        }
        return refs.Distinct().ToList();
    }

    public async Task<IReadOnlyList<LayerIndexRecord>> ListCatalogImagesAsync(string repository, CancellationToken ct = default)
    {
        var query = Fs.From(LayerIndex, allDescendants: true);
        query["where"] = Fs.FieldFilter("catalogRepository", "EQUAL", Fs.Str(repository));
        var list = new List<LayerIndexRecord>();
        await foreach (var d in QueryAllAsync(paths.Root, query, 500, ct))
            if (ToLayerRecord(d) is { Catalog: true } record) list.Add(record);
        return list;
    }

    public async Task SaveBaseLinkAsync(string tenantId, string digest, BaseLink? link, CancellationToken ct = default)
    {
        var name = BaseLinkDocument(tenantId, digest);
        await client.CommitAsync([link is null ? Fs.Delete(name) : Fs.Set(name, new JsonObject { ["body"] = Fs.Str(ScoutJson.Serialize(link)) })], ct);
    }

    public async Task<BaseLink?> GetBaseLinkAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await client.GetAsync(BaseLinkDocument(tenantId, digest), ct) is { } d ? ScoutJson.Deserialize<BaseLink>(d.RequiredString("body")) : null;

    private static LayerIndexRecord ToLayerRecord(FirestoreDocument d) => new()
    {
        TenantId = d.RequiredString("tenantId"), Digest = d.RequiredString("digest"),
        Catalog = d.Fields.TryGetValue("catalog", out var c) && c.TryGetProperty("booleanValue", out var b) && b.GetBoolean(),
        Repository = d.String("repository"), Tag = d.String("tag"), LayerCount = (int)d.Integer("layerCount"),
    };
}
