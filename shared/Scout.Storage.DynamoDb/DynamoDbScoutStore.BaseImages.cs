using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.DynamoDb;

// Base images on the single table. Layer-index entries live in the image's own partition (SK "LAYER#depth"), projected
// into GSI1 under "LAYERFULL#hash" (the image's whole layer list) or "LAYERPFX#hash" (a strict prefix), so detection
// queries only whole-list entries and dependents only prefix entries. A catalog image also has a "LAYERREPO" entry
// under "CATREPO#repository". Catalog tenants and base links are items in the tenant's own prefix.
public sealed partial class DynamoDbScoutStore
{
    private const string LayerSkPrefix = "LAYER#", RepoSk = "LAYERREPO", BaseLinkSk = "BASELINK";

    private static string CatalogItem(string tenantId) => Keys.TenantPrefix(tenantId) + "CATALOG";
    private static string FullChain(string hash) => "LAYERFULL#" + hash;
    private static string PrefixChain(string hash) => "LAYERPFX#" + hash;
    private static string CatalogRepository(string repository) => "CATREPO#" + repository;

    public Task MarkCatalogTenantAsync(string tenantId, CancellationToken ct = default) =>
        table.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table.TableName,
            Item = new()
            {
                [Keys.Pk] = Codec.S(CatalogItem(tenantId)), [Keys.Sk] = Codec.S(Keys.Meta),
                [Keys.EntityType] = Codec.S("catalog-tenant"), ["tid"] = Codec.S(tenantId),
            },
        }, ct);

    public async Task<bool> IsCatalogTenantAsync(string tenantId, CancellationToken ct = default) =>
        await table.GetAsync(CatalogItem(tenantId), Keys.Meta, ct) is not null;

    public async Task IndexImageLayersAsync(LayerIndexRecord record, CancellationToken ct = default)
    {
        var pk = Keys.Image(record.TenantId, record.Digest);
        var writes = new List<WriteRequest>();
        var count = record.ChainHashes.Count;
        for (var i = 0; i < count; i++)
        {
            var item = Entry(record, i + 1);
            item[Keys.Sk] = Codec.S($"{LayerSkPrefix}{i + 1:D5}");
            item[Keys.Gsi1Pk] = Codec.S(i + 1 == count ? FullChain(record.ChainHashes[i]) : PrefixChain(record.ChainHashes[i]));
            writes.Add(TableClient.Put(item));
        }
        if (record.Catalog && record.Repository is { } repository)
        {
            var item = Entry(record, count);
            item[Keys.Sk] = Codec.S(RepoSk);
            item[Keys.Gsi1Pk] = Codec.S(CatalogRepository(repository));
            writes.Add(TableClient.Put(item));
        }
        // Entries of an earlier filing that this one does not overwrite (deeper layers, a repository entry) go.
        var keep = writes.Select(w => w.PutRequest.Item.GetS(Keys.Sk)!).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in (await table.QueryPrefixAsync(pk, LayerSkPrefix, ct)).Concat(await table.QueryPrefixAsync(pk, RepoSk, ct)))
            if (!keep.Contains(stale.GetS(Keys.Sk)!)) writes.Add(TableClient.Delete(pk, stale.GetS(Keys.Sk)!));
        await table.WriteAllAsync(writes, ct);

        Dictionary<string, AttributeValue> Entry(LayerIndexRecord r, int depth)
        {
            var item = new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.EntityType] = Codec.S("layer-index"),
                [Keys.Gsi1Sk] = Codec.S($"{r.TenantId}#{r.Digest}"), ["tid"] = Codec.S(r.TenantId), ["dg"] = Codec.S(r.Digest),
                ["depth"] = Codec.N(depth), ["n"] = Codec.N(r.LayerCount), ["cat"] = new AttributeValue { BOOL = r.Catalog },
            };
            if (r.Repository is not null) item["repo"] = Codec.S(r.Repository);
            if (r.Tag is not null) item["tag"] = Codec.S(r.Tag);
            return item;
        }
    }

    public async Task<IReadOnlyList<LayerIndexRecord>> FindImagesByChainAsync(string tenantId, IReadOnlyList<string> chainHashes, CancellationToken ct = default)
    {
        var found = new List<LayerIndexRecord>();
        // One query per prefix hash: O(layers), and each answers only images with exactly that layer list.
        foreach (var hash in chainHashes.Distinct())
            foreach (var item in await QueryGsiAsync(FullChain(hash), ct))
            {
                var record = ToRecord(item);
                if (record.TenantId == tenantId || record.Catalog) found.Add(record);
            }
        return found;
    }

    public async Task<IReadOnlyList<ImageRef>> FindExtendingImagesAsync(string chainHash, string? tenantId, CancellationToken ct = default) =>
        (await QueryGsiAsync(PrefixChain(chainHash), ct)).Select(i => new ImageRef(i.GetS("tid")!, i.GetS("dg")!))
            .Where(r => tenantId is null || r.TenantId == tenantId).Distinct().ToList();

    public async Task<IReadOnlyList<LayerIndexRecord>> ListCatalogImagesAsync(string repository, CancellationToken ct = default) =>
        (await QueryGsiAsync(CatalogRepository(repository), ct)).Select(ToRecord).Where(r => r.Catalog).ToList();

    public async Task SaveBaseLinkAsync(string tenantId, string digest, BaseLink? link, CancellationToken ct = default)
    {
        var pk = Keys.Image(tenantId, digest);
        if (link is null)
        {
            await table.Client.DeleteItemAsync(new DeleteItemRequest { TableName = table.TableName, Key = TableClient.Key(pk, BaseLinkSk) }, ct);
            return;
        }
        await table.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table.TableName,
            Item = new()
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(BaseLinkSk), [Keys.EntityType] = Codec.S("base-link"),
                ["body"] = Codec.S(ScoutJson.Serialize(link)),
            },
        }, ct);
    }

    public async Task<BaseLink?> GetBaseLinkAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await table.GetAsync(Keys.Image(tenantId, digest), BaseLinkSk, ct) is { } item ? ScoutJson.Deserialize<BaseLink>(item.GetS("body")!) : null;

    private async Task<List<Dictionary<string, AttributeValue>>> QueryGsiAsync(string gsiPk, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in table.QueryAsync(new QueryRequest
        {
            IndexName = Keys.Gsi1,
            KeyConditionExpression = $"{Keys.Gsi1Pk} = :k",
            ExpressionAttributeValues = new() { [":k"] = Codec.S(gsiPk) },
        }, ct))
            items.Add(item);
        return items;
    }

    private static LayerIndexRecord ToRecord(Dictionary<string, AttributeValue> item) => new()
    {
        TenantId = item.GetS("tid")!, Digest = item.GetS("dg")!, Catalog = item.TryGetValue("cat", out var c) && c.BOOL == true,
        Repository = item.GetS("repo"), Tag = item.GetS("tag"), LayerCount = (int)item.GetN("n"),
    };
}
