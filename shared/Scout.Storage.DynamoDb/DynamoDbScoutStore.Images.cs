using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// An image is a head item in the tenant's IMAGES partition (listing, revision, counts, where its payloads are)
/// plus its own partition: generation-stamped chunks of packages / findings / a large head body, index entries
/// (projected into GSI1 as the inverted index), environments and VEX documents. A write stores a new generation,
/// then publishes it with one conditional write of the head on the revision it read (optimistic concurrency),
/// then deletes the superseded generation.
/// </summary>
public sealed partial class DynamoDbScoutStore
{
    private const string PackagePrefix = "PKG", FindingPrefix = "FND", BodyPrefix = "BODY";

    /// <summary>
    /// Idempotent: an analysis equal to the stored one (apart from its timestamp) writes nothing. Only the content
    /// hash is on the path before the first write: the index entries (most of the items) go out while the payloads
    /// are compressed, and the chunks follow them in the same stream of batches, so the store keeps WriteConcurrency
    /// batches in flight like a raw BatchWriteItem loop over the same items would (bench/Scout.Bench.Aws).
    /// </summary>
    public async Task SaveAnalysisAsync(ImageAnalysis analysis, CancellationToken ct = default)
    {
        var (tenantId, digest) = (analysis.TenantId, analysis.Image.Digest);
        var imagePk = Keys.Image(tenantId, digest);
        // The head read is a round trip: it runs while the analysis is serialized and hashed.
        var headRead = table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct);
        var payload = AnalysisPayload.Of(analysis);
        var indexKeys = analysis.IndexKeys.Distinct().ToList();
        Task<CompressedAnalysis>? compressed = null;

        for (var attempt = 0; attempt <= options.ConflictRetries; attempt++)
        {
            var old = attempt == 0 ? await headRead : await table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct);
            if (old?.GetS("hash") == payload.Hash) return;
            compressed ??= Task.Run(() => Compress(analysis, payload), ct);
            var gen = NewGeneration();
            var chunkWrites = new List<WriteRequest>();
            int packageChunks = 0, findingChunks = 0, bodyChunks = 0;
            byte[] body = [];
            async IAsyncEnumerable<WriteRequest> Writes()
            {
                foreach (var key in indexKeys) yield return TableClient.Put(IndexItem(tenantId, digest, key));
                var c = await compressed;
                packageChunks = AddChunks(chunkWrites, imagePk, $"{PackagePrefix}#{gen}", c.Packages);
                findingChunks = AddChunks(chunkWrites, imagePk, $"{FindingPrefix}#{gen}", c.Findings);
                bodyChunks = c.Body.Length <= options.ChunkBytes ? 0 : AddChunks(chunkWrites, imagePk, $"{BodyPrefix}#{gen}", c.Body);
                body = c.Body;
                foreach (var write in chunkWrites) yield return write;
            }
            await table.WriteAllAsync(Writes(), ct);

            var head = new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(Keys.ImageList(tenantId)), [Keys.Sk] = Codec.S(Keys.ImageSk(digest)),
                [Keys.EntityType] = Codec.S(EntityTypes.Image), ["tid"] = Codec.S(tenantId), ["dg"] = Codec.S(digest),
                ["rev"] = Codec.N((old?.GetN("rev") ?? 0) + 1), ["aid"] = Codec.S(gen), ["hash"] = Codec.S(payload.Hash),
                ["pgen"] = Codec.S(gen), ["pn"] = Codec.N(packageChunks), ["fgen"] = Codec.S(gen), ["fn"] = Codec.N(findingChunks),
                ["bgen"] = Codec.S(gen), ["bn"] = Codec.N(bodyChunks), ["pc"] = Codec.N(analysis.Packages.Count),
                ["fc"] = CountsAttribute(analysis.Findings),
            };
            if (bodyChunks == 0) head["body"] = Codec.B(body);
            if (!await TryPublishHeadAsync(head, old, ct))
            {
                await table.WriteAllAsync(chunkWrites.Select(w => TableClient.Delete(imagePk, w.PutRequest.Item.GetS(Keys.Sk)!)).ToList(), ct);
                continue;
            }
            if (old is not null) await DeleteSupersededAsync(imagePk, old, indexKeys, ct);
            return;
        }
        throw new InvalidOperationException($"image {digest} of tenant {tenantId}: lost {options.ConflictRetries + 1} write races in a row");
    }

    private sealed record CompressedAnalysis(byte[] Packages, byte[] Findings, byte[] Body);

    private static CompressedAnalysis Compress(ImageAnalysis analysis, AnalysisPayload payload) => new(
        payload.CompressedPackages(), payload.CompressedFindings(),
        Codec.ToCompressedJson(new ImageBody
        {
            Image = analysis.Image, SbomSha256 = analysis.SbomSha256, SbomFormat = analysis.SbomFormat,
            SbomSpecVersion = analysis.SbomSpecVersion, SbomOs = analysis.SbomOs, TotalPackages = analysis.TotalPackages,
            Warnings = analysis.Warnings, AnalyzedAt = analysis.AnalyzedAt,
        }, StoreJson.Default.ImageBody));

    /// <summary>
    /// Re-applies the diff on the latest findings when another diff won the race. When a new analysis of the image
    /// was saved meanwhile, that analysis already matched against the current advisories and the diff is dropped.
    /// </summary>
    public async Task ApplyFindingDiffAsync(string tenantId, string digest, FindingDiff diff, CancellationToken ct = default)
    {
        if (diff.IsEmpty) return;
        var imagePk = Keys.Image(tenantId, digest);
        string? analysisId = null;
        for (var attempt = 0; attempt <= options.ConflictRetries; attempt++)
        {
            var head = await table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct)
                ?? throw new KeyNotFoundException($"image {digest} of tenant {tenantId} does not exist");
            if (analysisId is not null && head.GetS("aid") != analysisId) return;
            analysisId = head.GetS("aid");
            List<Finding> current;
            try
            {
                current = await ReadBlobAsync<List<Finding>>(imagePk, FindingPrefix, head.GetS("fgen")!, (int)head.GetN("fn"), StoreJson.Default.ListFinding, ct);
            }
            catch (InvalidDataException) when (attempt < options.ConflictRetries)
            {
                // A concurrent diff switched generations and removed the chunks this head named: read the new head.
                continue;
            }
            var findings = current.ToDictionary(f => f.Key);
            foreach (var f in diff.Resolved) findings.Remove(f.Key);
            foreach (var f in diff.Changed.Concat(diff.Added)) findings[f.Key] = f;
            var updated = findings.Values.ToList();

            var gen = NewGeneration();
            var writes = new List<WriteRequest>();
            var chunks = AddChunks(writes, imagePk, $"{FindingPrefix}#{gen}", Codec.ToCompressedJson(updated, StoreJson.Default.ListFinding));
            await table.WriteAllAsync(writes, ct);
            try
            {
                await table.Client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = table.TableName,
                    Key = TableClient.Key(Keys.ImageList(tenantId), Keys.ImageSk(digest)),
                    UpdateExpression = "SET #fgen = :g, #fn = :n, #fc = :c, #rev = :next",
                    ConditionExpression = "#rev = :rev",
                    ExpressionAttributeNames = new() { ["#fgen"] = "fgen", ["#fn"] = "fn", ["#fc"] = "fc", ["#rev"] = "rev" },
                    ExpressionAttributeValues = new()
                    {
                        [":g"] = Codec.S(gen), [":n"] = Codec.N(chunks), [":c"] = CountsAttribute(updated),
                        [":rev"] = Codec.N(head.GetN("rev")), [":next"] = Codec.N(head.GetN("rev") + 1),
                    },
                }, ct);
            }
            catch (ConditionalCheckFailedException)
            {
                await DeleteChunksAsync(imagePk, FindingPrefix, gen, chunks, ct);
                continue;
            }
            await DeleteChunksAsync(imagePk, FindingPrefix, head.GetS("fgen")!, (int)head.GetN("fn"), ct);
            return;
        }
        throw new InvalidOperationException($"image {digest} of tenant {tenantId}: lost {options.ConflictRetries + 1} write races in a row");
    }

    public async Task<StoredImage?> GetImageAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct) is { } head ? await ReadImageAsync(head, ct) : null;

    public async Task<IReadOnlyList<PackageRecord>> GetPackagesAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct) is { } head
            ? await ReadBlobAsync(Keys.Image(tenantId, digest), PackagePrefix, head.GetS("pgen")!, (int)head.GetN("pn"), StoreJson.Default.ListPackageRecord, ct)
            : [];

    public async Task<IReadOnlyList<Finding>> GetFindingsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await table.GetAsync(Keys.ImageList(tenantId), Keys.ImageSk(digest), ct) is { } head
            ? await ReadBlobAsync(Keys.Image(tenantId, digest), FindingPrefix, head.GetS("fgen")!, (int)head.GetN("fn"), StoreJson.Default.ListFinding, ct)
            : [];

    private async Task<bool> TryPublishHeadAsync(Dictionary<string, AttributeValue> head, Dictionary<string, AttributeValue>? old, CancellationToken ct)
    {
        var request = new PutItemRequest { TableName = table.TableName, Item = head };
        if (old is null) request.ConditionExpression = "attribute_not_exists(PK)";
        else
        {
            request.ConditionExpression = "#rev = :rev";
            request.ExpressionAttributeNames = new() { ["#rev"] = "rev" };
            request.ExpressionAttributeValues = new() { [":rev"] = Codec.N(old.GetN("rev")) };
        }
        try
        {
            await table.Client.PutItemAsync(request, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task DeleteSupersededAsync(string imagePk, Dictionary<string, AttributeValue> old, List<PackageKey> indexKeys, CancellationToken ct)
    {
        var deletes = new List<WriteRequest>();
        AddChunkDeletes(deletes, imagePk, PackagePrefix, old.GetS("pgen")!, (int)old.GetN("pn"));
        AddChunkDeletes(deletes, imagePk, FindingPrefix, old.GetS("fgen")!, (int)old.GetN("fn"));
        AddChunkDeletes(deletes, imagePk, BodyPrefix, old.GetS("bgen")!, (int)old.GetN("bn"));
        var keep = indexKeys.Select(Keys.PackageIndexSk).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in await table.QueryPrefixAsync(imagePk, "IDX#", ct))
            if (!keep.Contains(entry.GetS(Keys.Sk)!)) deletes.Add(TableClient.Delete(imagePk, entry.GetS(Keys.Sk)!));
        await table.WriteAllAsync(deletes, ct);
    }

    private async Task<StoredImage> ReadImageAsync(Dictionary<string, AttributeValue> head, CancellationToken ct)
    {
        var (tenantId, digest) = (head.GetS("tid")!, head.GetS("dg")!);
        var body = head.ContainsKey("body")
            ? Codec.FromCompressedJson(head.GetB("body"), StoreJson.Default.ImageBody)
            : await ReadBlobAsync(Keys.Image(tenantId, digest), BodyPrefix, head.GetS("bgen")!, (int)head.GetN("bn"), StoreJson.Default.ImageBody, ct);
        return new StoredImage
        {
            TenantId = tenantId, Image = body.Image, SbomSha256 = body.SbomSha256, SbomFormat = body.SbomFormat,
            SbomSpecVersion = body.SbomSpecVersion, SbomOs = body.SbomOs, TotalPackages = body.TotalPackages,
            PackageCount = (int)head.GetN("pc"), Warnings = body.Warnings, AnalyzedAt = body.AnalyzedAt,
            FindingCounts = (head.TryGetValue("fc", out var fc) ? fc.M : null)?.ToDictionary(kv => kv.Key, kv => int.Parse(kv.Value.N, System.Globalization.CultureInfo.InvariantCulture))
                ?? new Dictionary<string, int>(),
            Revision = head.GetN("rev"),
        };
    }

    private async Task<T> ReadBlobAsync<T>(string pk, string prefix, string gen, int count, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, count).Select(i => TableClient.Key(pk, Keys.Chunk($"{prefix}#{gen}", i))).ToList();
        var items = await table.GetAllAsync(keys, ct);
        if (items.Count != count)
            throw new InvalidDataException($"{pk}: {count - items.Count} of {count} {prefix} chunks of generation {gen} are missing");
        return Codec.FromCompressedJson(Codec.Concat(items.OrderBy(i => i.GetS(Keys.Sk), StringComparer.Ordinal).Select(i => i.GetB("data"))), info);
    }

    private int AddChunks(List<WriteRequest> writes, string pk, string prefix, byte[] payload)
    {
        var chunks = Codec.Split(payload, options.ChunkBytes);
        for (var i = 0; i < chunks.Count; i++)
        {
            writes.Add(TableClient.Put(new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Chunk(prefix, i)),
                [Keys.EntityType] = Codec.S(EntityTypes.Chunk), ["data"] = Codec.B(chunks[i]),
            }));
        }
        return chunks.Count;
    }

    private static void AddChunkDeletes(List<WriteRequest> deletes, string pk, string prefix, string gen, int count)
    {
        for (var i = 0; i < count; i++) deletes.Add(TableClient.Delete(pk, Keys.Chunk($"{prefix}#{gen}", i)));
    }

    private Task DeleteChunksAsync(string pk, string prefix, string gen, int count, CancellationToken ct)
    {
        var deletes = new List<WriteRequest>();
        AddChunkDeletes(deletes, pk, prefix, gen, count);
        return table.WriteAllAsync(deletes, ct);
    }

    private static Dictionary<string, AttributeValue> IndexItem(string tenantId, string digest, PackageKey key) => new()
    {
        [Keys.Pk] = Codec.S(Keys.Image(tenantId, digest)), [Keys.Sk] = Codec.S(Keys.PackageIndexSk(key)),
        [Keys.Gsi1Pk] = Codec.S(Keys.PackageIndex(key)), [Keys.Gsi1Sk] = Codec.S($"{tenantId}#{digest}"),
        [Keys.EntityType] = Codec.S(EntityTypes.IndexEntry), ["tid"] = Codec.S(tenantId), ["dg"] = Codec.S(digest),
    };

    private static AttributeValue CountsAttribute(IReadOnlyList<Finding> findings) =>
        new() { M = FindingCounts.Compute(findings).ToDictionary(kv => kv.Key, kv => Codec.N(kv.Value)) };

    private static string NewGeneration() => Guid.NewGuid().ToString("N")[..12];
}
