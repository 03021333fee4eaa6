using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

public sealed partial class FirestoreScoutStore
{
    private const string Packages = "packages", Findings = "findings", Record = "record";

    /// <summary>
    /// Writes the new generation of chunks and the index entries first, then switches the image document to them
    /// with an updateTime precondition (optimistic concurrency: a concurrent writer makes us start over), then
    /// removes the previous generation and stale index entries. Readers see the old or the new analysis, never a mix.
    /// Index entries are rewritten on every save and removed only with an updateTime precondition from our listing,
    /// so a concurrent save of the same image that rewrote an entry keeps it. Chunk documents listed before our writes
    /// and not ours are swept after the switch (see <see cref="StaleBlobNames"/>).
    /// </summary>
    public async Task SaveAnalysisAsync(ImageAnalysis analysis, CancellationToken ct = default)
    {
        var scope = paths.Tenant(analysis.TenantId);
        var digest = analysis.Image.Digest;
        var name = scope.Image(digest);
        var newKeys = analysis.IndexKeys.Select(FirestorePaths.IndexKey).Distinct().ToDictionary(k => scope.IndexEntry(digest, k));
        for (var attempt = 1; ; attempt++)
        {
            var read = await client.BatchGetAsync([name, Listing(name, "packageIndex"), Listing(name, "blobs")], ct);
            var current = read[0];
            // Listed even for a new image: a save that crashed before its switch may have left entries behind. An image
            // without a collection's flag has none in it (FirestoreScoutStore.Listings.cs); the flags go first.
            var children = await ChildrenBeforeWritingAsync(name, [("packageIndex", read[1]), ("blobs", read[2])], ct);
            var (oldIndex, oldBlobs) = (children[0], children[1]);
            var stored = new StoredImage
            {
                TenantId = analysis.TenantId, Image = analysis.Image, SbomSha256 = analysis.SbomSha256, SbomFormat = analysis.SbomFormat,
                SbomSpecVersion = analysis.SbomSpecVersion, SbomOs = analysis.SbomOs, TotalPackages = analysis.TotalPackages,
                PackageCount = analysis.Packages.Count, FindingCounts = FindingCounts.Compute(analysis.Findings),
                Warnings = analysis.Warnings, AnalyzedAt = analysis.AnalyzedAt, Revision = (current?.Integer("revision") ?? 0) + 1,
            };
            var writer = new ImageDocumentWriter(scope, digest).Scalars(stored);
            writer.Blob(Packages, Blobs.GzipJson(analysis.Packages));
            writer.Blob(Findings, Blobs.GzipJson(analysis.Findings));
            var indexWrites = newKeys.Select(k => Fs.Set(k.Key, IndexFields(scope, digest, k.Value)));
            await CommitPlanner.CommitAllAsync(client, writer.BlobWrites.Concat(indexWrites), ct);
            if (!await TrySwitchAsync(name, writer, current, ct, ListingChange(Listing(scope.Document, "images", IdOf(name)), [IdOf(name)], add: true)))
            {
                if (attempt >= MaxConflictRetries) throw new InvalidOperationException($"image {digest}: gave up after {attempt} concurrent-write conflicts");
                continue;
            }
            await CommitPlanner.CommitAllAsync(client, StaleBlobNames(scope, digest, current, oldBlobs.Keys, writer).Select(Fs.Delete), ct);
            await DeleteIfUnchangedAsync(oldIndex.Where(e => !newKeys.ContainsKey(e.Key)).ToList(), ct);
            return;
        }
    }

    public async Task<StoredImage?> GetImageAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var d = await client.GetAsync(scope.Image(digest), ct);
        return d == null ? null : await ToStoredImageAsync(scope, d, ct);
    }

    public async Task<Page<StoredImage>> ListImagesAsync(string tenantId, int limit, string? pageToken, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        limit = Math.Clamp(limit, 1, 1000);
        var query = Fs.From("images");
        query["orderBy"] = new JsonArray(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "__name__" }, ["direction"] = "ASCENDING" });
        query["limit"] = limit + 1;
        // Page tokens are image digests; anything else would be a document path the store never issued.
        if (!string.IsNullOrEmpty(pageToken) && !Scout.Core.UseCases.UploadEnvelopeParser.DigestPattern().IsMatch(pageToken))
            throw new Scout.Core.Ports.InputException("pageToken: not a token this API issued");
        if (!string.IsNullOrEmpty(pageToken))
            query["startAt"] = new JsonObject { ["values"] = new JsonArray(Fs.Ref(scope.Image(pageToken))), ["before"] = false };
        var docs = (await ListedImagesAsync(scope, limit + 1, pageToken, ct) ?? await client.RunQueryAsync(scope.Document, query, ct)).Where(d => scope.Owns(d.Name)).ToList();
        var items = new List<StoredImage>();
        foreach (var d in docs.Take(limit)) items.Add(await ToStoredImageAsync(scope, d, ct));
        return new Page<StoredImage>(items, docs.Count > limit ? items[^1].Image.Digest : null);
    }

    public async Task<IReadOnlyList<PackageRecord>> GetPackagesAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await ReadListAsync<PackageRecord>(paths.Tenant(tenantId), digest, Packages, ct);

    public async Task<IReadOnlyList<Finding>> GetFindingsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await ReadListAsync<Finding>(paths.Tenant(tenantId), digest, Findings, ct);

    public async Task ApplyFindingDiffAsync(string tenantId, string digest, FindingDiff diff, CancellationToken ct = default)
    {
        if (diff.IsEmpty) return;
        var scope = paths.Tenant(tenantId);
        var name = scope.Image(digest);
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(name, ct);
            if (current == null) return; // the image is gone: nothing to overlay, as in the other stores
            var findings = (await ReadBlobListAsync<Finding>(scope, digest, BlobRef.From(current, Findings), ct)).ToDictionary(f => f.Key);
            foreach (var f in diff.Resolved) findings.Remove(f.Key);
            foreach (var f in diff.Added.Concat(diff.Changed)) findings[f.Key] = f;
            var image = await ToStoredImageAsync(scope, current, ct);
            var updated = image with { FindingCounts = FindingCounts.Compute(findings.Values), Revision = image.Revision + 1 };
            var writer = new ImageDocumentWriter(scope, digest).Scalars(updated);
            writer.Keep(BlobRef.From(current, Packages));
            writer.Blob(Findings, Blobs.GzipJson(findings.Values.ToList()));
            await CommitPlanner.CommitAllAsync(client, writer.BlobWrites, ct);
            if (!await TrySwitchAsync(name, writer, current, ct))
            {
                if (attempt >= MaxConflictRetries) throw new InvalidOperationException($"image {digest}: gave up after {attempt} concurrent-write conflicts");
                continue;
            }
            var stale = new[] { BlobRef.From(current, Findings), BlobRef.From(current, Record) }
                .Where(b => b != null).SelectMany(b => b!.Names(scope, digest));
            await CommitPlanner.CommitAllAsync(client, stale.Select(Fs.Delete), ct);
            return;
        }
    }

    public async Task<IReadOnlyList<ImageRef>> FindImagesByPackageAsync(PackageKey key, CancellationToken ct = default)
    {
        var query = Fs.From("packageIndex", allDescendants: true);
        query["where"] = Fs.FieldFilter("key", "EQUAL", Fs.Str(FirestorePaths.IndexKey(key)));
        var refs = new List<ImageRef>();
        await foreach (var d in QueryAllAsync(paths.Root, query, 500, ct))
            refs.Add(new ImageRef(d.RequiredString("tenantId"), d.RequiredString("digest")));
        return refs.Distinct().ToList();
    }

    public async IAsyncEnumerable<ImageRef> ListAllImagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = Fs.From("images", allDescendants: true);
        query["select"] = new JsonObject { ["fields"] = new JsonArray(FieldRef("tenantId"), FieldRef("digest")) };
        await foreach (var d in QueryAllAsync(paths.Root, query, 500, ct))
            yield return new ImageRef(d.RequiredString("tenantId"), d.RequiredString("digest"));
    }

    /// <param name="listing">the image's entry in its tenant's image listing, committed with it (FirestoreScoutStore.Listings.cs)</param>
    private async Task<bool> TrySwitchAsync(string name, ImageDocumentWriter writer, FirestoreDocument? current, CancellationToken ct, JsonObject? listing = null)
    {
        try
        {
            await client.CommitAsync([Fs.Replace(name, writer.Fields, current?.UpdateTime), .. listing is null ? Array.Empty<JsonObject>() : [listing]], ct);
            return true;
        }
        catch (FirestoreRestException e) when (e.PreconditionFailed || e.AlreadyExists)
        {
            // A commit retried after a lost response can meet its own earlier success: the document then names our generation.
            var now = await client.GetAsync(name, ct);
            if (now != null && now.String(Findings + "Gen") == writer.Fields[Findings + "Gen"]!["stringValue"]!.GetValue<string>()) return true;
            // Someone wrote the image since we read it: drop our generation and start over from their version.
            await CommitPlanner.CommitAllAsync(client, writer.BlobNames.Select(Fs.Delete), ct);
            return false;
        }
    }

    private static IEnumerable<string> OldBlobNames(TenantScope scope, string digest, FirestoreDocument? current) =>
        current == null ? [] : new[] { Packages, Findings, Record }.Select(k => BlobRef.From(current, k))
            .Where(b => b != null).SelectMany(b => b!.Names(scope, digest));

    /// <summary>
    /// What a save that has switched deletes: the previous generation, and every chunk listed (after reading the image
    /// document it switched from, before writing its own) that the new document does not name. Such a chunk was left by
    /// a save that crashed before its switch, or belongs to a concurrent save that read the same or an older version
    /// and therefore loses its switch (and deletes its chunks itself); a save that read a newer version would have made
    /// ours lose. So none of them can become referenced, and a crashed save's orphans go on the image's next save.
    /// </summary>
    private static IEnumerable<string> StaleBlobNames(TenantScope scope, string digest, FirestoreDocument? current,
        IEnumerable<string> listedBeforeWriting, ImageDocumentWriter written)
    {
        var referenced = written.BlobNames.ToHashSet(StringComparer.Ordinal);
        return OldBlobNames(scope, digest, current).Concat(listedBeforeWriting).Distinct(StringComparer.Ordinal).Where(n => !referenced.Contains(n));
    }

    /// <summary>Names of a subcollection's documents under an image, with the update time we saw them at.</summary>
    private async Task<Dictionary<string, string?>> ListChildrenAsync(string image, string collection, CancellationToken ct)
    {
        var query = Fs.From(collection);
        query["select"] = new JsonObject { ["fields"] = new JsonArray(FieldRef("__name__")) };
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var d in QueryAllAsync(image, query, 1000, ct)) names[d.Name] = d.UpdateTime;
        return names;
    }

    /// <summary>Deletes documents unless rewritten since listed; a batch with a rewritten one is retried document by document.</summary>
    private async Task DeleteIfUnchangedAsync(IReadOnlyList<KeyValuePair<string, string?>> documents, CancellationToken ct)
    {
        var deletes = documents.Select(d => Fs.DeleteIfUnchanged(d.Key, d.Value)).ToList();
        await Parallel.ForEachAsync(CommitPlanner.Plan(deletes, maxBytes: client.Options.MaxCommitBytes),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (batch, token) =>
            {
                try { await client.CommitAsync(batch, token); }
                catch (FirestoreRestException e) when (e.PreconditionFailed || e.NotFound)
                {
                    foreach (var delete in batch)
                    {
                        try { await client.CommitAsync([delete], token); }
                        catch (FirestoreRestException one) when (one.PreconditionFailed || one.NotFound) { }
                    }
                }
            });
    }

    private static JsonObject IndexFields(TenantScope scope, string digest, string indexKey)
    {
        var split = indexKey.IndexOf('\n');
        return new JsonObject
        {
            ["key"] = Fs.Str(indexKey), ["ecosystem"] = Fs.Str(indexKey[..split]), ["name"] = Fs.Str(indexKey[(split + 1)..]),
            ["tenantId"] = Fs.Str(scope.TenantId), ["digest"] = Fs.Str(digest),
        };
    }

    private static JsonObject FieldRef(string path) => new() { ["fieldPath"] = path };

    private async Task<StoredImage> ToStoredImageAsync(TenantScope scope, FirestoreDocument d, CancellationToken ct)
    {
        var digest = d.RequiredString("digest");
        var image = d.String(Record) is { } json
            ? ScoutJson.Deserialize<StoredImage>(json)
            : Blobs.GunzipJson<StoredImage>(await ReadBlobAsync(scope, digest, BlobRef.From(d, Record)!, ct));
        if (image.TenantId != scope.TenantId) throw new InvalidDataException($"{d.Name} holds tenant {image.TenantId}'s data");
        return image with { Revision = d.Integer("revision") };
    }

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(TenantScope scope, string digest, string kind, CancellationToken ct)
    {
        var d = await client.GetAsync(scope.Image(digest), ct);
        return d == null ? [] : await ReadBlobListAsync<T>(scope, digest, BlobRef.From(d, kind), ct);
    }

    private async Task<IReadOnlyList<T>> ReadBlobListAsync<T>(TenantScope scope, string digest, BlobRef? blob, CancellationToken ct) =>
        blob == null ? [] : Blobs.GunzipJson<List<T>>(await ReadBlobAsync(scope, digest, blob, ct));

    private async Task<byte[]> ReadBlobAsync(TenantScope scope, string digest, BlobRef blob, CancellationToken ct) =>
        Blobs.Join(await client.BatchGetAsync(blob.Names(scope, digest).ToList(), ct), $"{scope.Image(digest)} {blob.Kind}");
}
