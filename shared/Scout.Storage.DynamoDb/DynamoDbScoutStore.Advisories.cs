using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// Advisories are global (not tenant data): a head item "ADV#{id}" holding the compressed record (chunked when
/// large) and one key item per (ecosystem, name), projected into GSI1 so an advisory lookup by package is a Query.
/// </summary>
public sealed partial class DynamoDbScoutStore
{
    private const string AdvisoryChunkPrefix = "DOC";

    /// <summary>
    /// A record replaces a stored one only when its modified time is newer or equal. Bulk imports read the stored
    /// heads with BatchGetItem and write with BatchWriteItem; the refresh job is the only writer of advisories,
    /// so the read-then-write is not raced.
    /// </summary>
    public async Task UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        var latest = advisories.GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.Modified)!).ToList();
        var stored = (await table.GetAllAsync(latest.Select(a => TableClient.Key(Keys.Advisory(a.Id), Keys.Meta)).ToList(), ct))
            .ToDictionary(i => i.GetS("id")!, StringComparer.Ordinal);
        var writes = new List<WriteRequest>();
        var heads = new List<WriteRequest>();
        foreach (var advisory in latest)
        {
            stored.TryGetValue(advisory.Id, out var old);
            if (old is not null && old.GetN("modt") > advisory.Modified.UtcTicks) continue;
            var pk = Keys.Advisory(advisory.Id);
            var payload = Codec.ToCompressedJson(advisory, StoreJson.Default.StoredAdvisory);
            var head = new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Meta), [Keys.EntityType] = Codec.S(EntityTypes.Advisory),
                ["id"] = Codec.S(advisory.Id), ["modt"] = Codec.N(advisory.Modified.UtcTicks),
                ["keys"] = Codec.B(Codec.ToCompressedJson(advisory.Keys.ToList(), StoreJson.Default.ListPackageKey)),
            };
            var chunks = 0;
            if (payload.Length <= options.ChunkBytes) head["data"] = Codec.B(payload);
            else
            {
                var parts = Codec.Split(payload, options.ChunkBytes);
                chunks = parts.Count;
                writes.AddRange(parts.Select((data, i) => TableClient.Put(new Dictionary<string, AttributeValue>
                {
                    [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Chunk(AdvisoryChunkPrefix, i)),
                    [Keys.EntityType] = Codec.S(EntityTypes.Chunk), ["data"] = Codec.B(data),
                })));
            }
            head["n"] = Codec.N(chunks);
            var keys = advisory.Keys.Distinct().ToList();
            writes.AddRange(keys.Select(k => TableClient.Put(new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.AdvisoryIndexSk(k)), [Keys.EntityType] = Codec.S(EntityTypes.AdvisoryKey),
                [Keys.Gsi1Pk] = Codec.S(Keys.AdvisoryIndex(k)), [Keys.Gsi1Sk] = Codec.S(pk), ["id"] = Codec.S(advisory.Id),
            })));
            if (old is not null)
            {
                var kept = keys.Select(Keys.AdvisoryIndexSk).ToHashSet(StringComparer.Ordinal);
                var oldKeys = Codec.FromCompressedJson(old.GetB("keys"), StoreJson.Default.ListPackageKey);
                writes.AddRange(oldKeys.Select(Keys.AdvisoryIndexSk).Where(sk => !kept.Contains(sk)).Distinct().Select(sk => TableClient.Delete(pk, sk)));
                for (var i = chunks; i < old.GetN("n"); i++) writes.Add(TableClient.Delete(pk, Keys.Chunk(AdvisoryChunkPrefix, i)));
            }
            heads.Add(TableClient.Put(head));
        }
        // heads last: a reader never finds a head whose chunks or keys are not written yet
        await table.WriteAllAsync(writes, ct);
        await table.WriteAllAsync(heads, ct);
    }

    public async Task<StoredAdvisory?> GetAdvisoryAsync(string id, CancellationToken ct = default) =>
        await table.GetAsync(Keys.Advisory(id), Keys.Meta, ct) is { } head ? await ReadAdvisoryAsync(head, ct) : null;

    public async Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default)
    {
        var ids = new List<string>();
        await foreach (var item in table.QueryAsync(new QueryRequest
        {
            IndexName = Keys.Gsi1,
            KeyConditionExpression = $"{Keys.Gsi1Pk} = :k",
            ExpressionAttributeValues = new() { [":k"] = Codec.S(Keys.AdvisoryIndex(key)) },
        }, ct))
            ids.Add(item.GetS("id")!);
        var heads = await table.GetAllAsync(ids.Distinct(StringComparer.Ordinal).Select(id => TableClient.Key(Keys.Advisory(id), Keys.Meta)).ToList(), ct);
        var advisories = new List<StoredAdvisory>();
        foreach (var head in heads) advisories.Add(await ReadAdvisoryAsync(head, ct));
        return advisories.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public async IAsyncEnumerable<StoredAdvisory> ReadAllAdvisoriesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var head in table.ScanAsync(new ScanRequest
        {
            FilterExpression = "#et = :a",
            ExpressionAttributeNames = new() { ["#et"] = Keys.EntityType },
            ExpressionAttributeValues = new() { [":a"] = Codec.S(EntityTypes.Advisory) },
        }, ct))
            yield return await ReadAdvisoryAsync(head, ct);
    }

    private async Task<StoredAdvisory> ReadAdvisoryAsync(Dictionary<string, AttributeValue> head, CancellationToken ct)
    {
        if (head.ContainsKey("data")) return Codec.FromCompressedJson(head.GetB("data"), StoreJson.Default.StoredAdvisory);
        var pk = head.GetS(Keys.Pk)!;
        var count = (int)head.GetN("n");
        var parts = await table.GetAllAsync(Enumerable.Range(0, count).Select(i => TableClient.Key(pk, Keys.Chunk(AdvisoryChunkPrefix, i))).ToList(), ct);
        if (parts.Count != count) throw new InvalidDataException($"{pk}: advisory chunks are missing");
        return Codec.FromCompressedJson(Codec.Concat(parts.OrderBy(p => p.GetS(Keys.Sk), StringComparer.Ordinal).Select(p => p.GetB("data"))), StoreJson.Default.StoredAdvisory);
    }
}
