using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// Advisories are global (not tenant data), keyed by (source, id): under partition "ADV#{id}" each source has a head
/// item "SRC#{source}" holding the compressed record (chunked when large) and one key item per (ecosystem, name),
/// projected into GSI1 so an advisory lookup by package is a Query; all sources of an id are one Query.
/// </summary>
public sealed partial class DynamoDbScoutStore
{
    private const string AdvisoryChunkPrefix = "DOC";

    /// <summary>
    /// A record replaces a stored one only when its modified time is newer or equal. Bulk imports read the stored
    /// heads with BatchGetItem and write with BatchWriteItem; the refresh job is the only writer of advisories,
    /// so the read-then-write is not raced.
    /// </summary>
    public async Task<IReadOnlyCollection<PackageKey>> UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        var latest = advisories.GroupBy(a => (a.SourceKey, a.Id)).Select(g => g.MaxBy(a => a.Modified)!).ToList();
        var stored = (await table.GetAllAsync(latest.Select(a => TableClient.Key(Keys.Advisory(a.Id), Keys.AdvisorySource(a.SourceKey))).ToList(), ct))
            .ToDictionary(i => (i.GetS("src") ?? "", i.GetS("id")!));
        var writes = new List<WriteRequest>();
        var heads = new List<WriteRequest>();
        var replaced = new HashSet<PackageKey>();
        foreach (var advisory in latest)
        {
            stored.TryGetValue((advisory.SourceKey, advisory.Id), out var old);
            if (old is not null && old.GetN("modt") > advisory.Modified.UtcTicks) continue;
            var pk = Keys.Advisory(advisory.Id);
            var src = Keys.AdvisorySource(advisory.SourceKey);
            var payload = Codec.ToCompressedJson(advisory, StoreJson.Default.StoredAdvisory);
            var head = new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(src), [Keys.EntityType] = Codec.S(EntityTypes.Advisory),
                ["id"] = Codec.S(advisory.Id), ["src"] = Codec.S(advisory.SourceKey), ["modt"] = Codec.N(advisory.Modified.UtcTicks),
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
                    [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Chunk($"{src}#{AdvisoryChunkPrefix}", i)),
                    [Keys.EntityType] = Codec.S(EntityTypes.Chunk), ["data"] = Codec.B(data),
                })));
            }
            head["n"] = Codec.N(chunks);
            var keys = advisory.Keys.Distinct().ToList();
            writes.AddRange(keys.Select(k => TableClient.Put(new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S($"{src}#{Keys.AdvisoryIndexSk(k)}"), [Keys.EntityType] = Codec.S(EntityTypes.AdvisoryKey),
                [Keys.Gsi1Pk] = Codec.S(Keys.AdvisoryIndex(k)), [Keys.Gsi1Sk] = Codec.S($"{pk}#{src}"), ["id"] = Codec.S(advisory.Id),
                ["src"] = Codec.S(advisory.SourceKey),
            })));
            if (old is not null)
            {
                var kept = keys.Select(k => $"{src}#{Keys.AdvisoryIndexSk(k)}").ToHashSet(StringComparer.Ordinal);
                var oldKeys = Codec.FromCompressedJson(old.GetB("keys"), StoreJson.Default.ListPackageKey);
                replaced.UnionWith(oldKeys);
                writes.AddRange(oldKeys.Select(k => $"{src}#{Keys.AdvisoryIndexSk(k)}").Where(sk => !kept.Contains(sk)).Distinct().Select(sk => TableClient.Delete(pk, sk)));
                for (var i = chunks; i < old.GetN("n"); i++) writes.Add(TableClient.Delete(pk, Keys.Chunk($"{src}#{AdvisoryChunkPrefix}", i)));
            }
            heads.Add(TableClient.Put(head));
        }
        // heads last: a reader never finds a head whose chunks or keys are not written yet
        await table.WriteAllAsync(writes, ct);
        await table.WriteAllAsync(heads, ct);
        return replaced;
    }

    public async Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesByIdAsync(string id, CancellationToken ct = default)
    {
        var list = new List<StoredAdvisory>();
        await foreach (var head in table.QueryAsync(new QueryRequest
        {
            KeyConditionExpression = $"{Keys.Pk} = :p",
            FilterExpression = "#et = :a",
            ExpressionAttributeNames = new() { ["#et"] = Keys.EntityType },
            ExpressionAttributeValues = new() { [":p"] = Codec.S(Keys.Advisory(id)), [":a"] = Codec.S(EntityTypes.Advisory) },
        }, ct))
            list.Add(await ReadAdvisoryAsync(head, ct));
        return list.OrderBy(a => a.SourceKey, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default) =>
        (await GetAdvisoriesForPackagesAsync([key], ct))[key];

    /// <summary>One GSI query per key (32 in flight), then the heads of every key in shared BatchGetItem calls.</summary>
    public async Task<IReadOnlyDictionary<PackageKey, IReadOnlyList<StoredAdvisory>>> GetAdvisoriesForPackagesAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct = default)
    {
        var filed = new System.Collections.Concurrent.ConcurrentDictionary<PackageKey, List<(string Id, string Src)>>();
        await Parallel.ForEachAsync(keys.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Core.Ports.IAdvisoryStore.PackageReadsInFlight, CancellationToken = ct },
            async (key, token) =>
            {
                var ids = new List<(string, string)>();
                await foreach (var item in table.QueryAsync(new QueryRequest
                {
                    IndexName = Keys.Gsi1,
                    KeyConditionExpression = $"{Keys.Gsi1Pk} = :k",
                    ExpressionAttributeValues = new() { [":k"] = Codec.S(Keys.AdvisoryIndex(key)) },
                }, token))
                    ids.Add((item.GetS("id")!, item.GetS("src") ?? ""));
                filed[key] = ids;
            });
        var wanted = filed.Values.SelectMany(v => v).Distinct().ToList();
        var read = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), StoredAdvisory>();
        await Parallel.ForEachAsync(wanted.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (batch, token) =>
        {
            foreach (var head in await table.GetAllAsync(batch.Select(h => TableClient.Key(Keys.Advisory(h.Id), Keys.AdvisorySource(h.Src))).ToList(), token))
            {
                var advisory = await ReadAdvisoryAsync(head, token);
                read[(advisory.SourceKey, advisory.Id)] = advisory;
            }
        });
        // a key item whose head is gone (a record being replaced) is skipped
        return filed.ToDictionary(e => e.Key, e => (IReadOnlyList<StoredAdvisory>)e.Value
            .Select(h => read.GetValueOrDefault((h.Src, h.Id))).OfType<StoredAdvisory>()
            .OrderBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.SourceKey, StringComparer.Ordinal).ToList());
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
        var prefix = $"{head.GetS(Keys.Sk)}#{AdvisoryChunkPrefix}";
        var count = (int)head.GetN("n");
        var parts = await table.GetAllAsync(Enumerable.Range(0, count).Select(i => TableClient.Key(pk, Keys.Chunk(prefix, i))).ToList(), ct);
        if (parts.Count != count) throw new InvalidDataException($"{pk}: advisory chunks are missing");
        return Codec.FromCompressedJson(Codec.Concat(parts.OrderBy(p => p.GetS(Keys.Sk), StringComparer.Ordinal).Select(p => p.GetB("data"))), StoreJson.Default.StoredAdvisory);
    }
}
