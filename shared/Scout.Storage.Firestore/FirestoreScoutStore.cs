using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>
/// IScoutStore on Firestore (native mode) through its REST API. Layout:
/// tenantKeys/{keyId}; advisories/{id}; advisoryKeys/{key}; cursors/{feed}; meta/{marker};
/// tenants/{t}/uploads/{u} (+ chunks/{gen}-{n}); tenants/{t}/images/{digest} (+ blobs/{kind}-{gen}-{n},
/// packageIndex/{hash}, environments/{hash}, vex/{docId}); {parent}/listings/{collection} (FirestoreScoutStore.Listings.cs).
/// The inverted index is a collection-group query on packageIndex.
/// </summary>
public sealed partial class FirestoreScoutStore(FirestoreRestClient client) : IScoutStore
{
    private const int MaxConflictRetries = 8;
    private readonly FirestorePaths paths = new(client.Options.DocumentsRoot);

    public FirestoreRestClient Client => client;
    /// <summary>The location the residency check established at initialization.</summary>
    public string? Location { get; private set; }

    public static FirestoreScoutStore FromEnvironment() => new(FirestoreRestClient.Create(FirestoreOptions.FromEnvironment()));

    /// <summary>Firestore needs no schema (its indexes are deployed by infra/gcp); this checks residency, and is idempotent.</summary>
    public async Task InitializeAsync(CancellationToken ct = default) => Location = await FirestoreResidency.EnsureAsync(client, ct);

    // ---- tenants

    public async Task CreateTenantAsync(TenantRecord tenant, CancellationToken ct = default)
    {
        var fields = new JsonObject
        {
            ["tenantId"] = Fs.Str(tenant.TenantId), ["name"] = Fs.Str(tenant.Name), ["keyId"] = Fs.Str(tenant.KeyId),
            ["keySalt"] = Fs.Str(tenant.KeySalt), ["keyHash"] = Fs.Str(tenant.KeyHash), ["createdAt"] = Fs.Time(tenant.CreatedAt),
        };
        try { await client.CommitAsync([Fs.Create(paths.TenantKey(tenant.KeyId), fields)], ct); }
        catch (FirestoreRestException e) when (e.AlreadyExists)
        {
            // A retried commit that meets its own earlier success is not a duplicate.
            if (await GetTenantByKeyIdAsync(tenant.KeyId, ct) is { } existing && existing.TenantId == tenant.TenantId && existing.KeyHash == tenant.KeyHash) return;
            throw new DuplicateException($"API key id {tenant.KeyId} is already taken");
        }
    }

    public async Task<TenantRecord?> GetTenantByKeyIdAsync(string keyId, CancellationToken ct = default)
    {
        var d = await client.GetAsync(paths.TenantKey(keyId), ct);
        return d == null ? null : new TenantRecord(d.RequiredString("tenantId"), d.RequiredString("name"), d.RequiredString("keyId"),
            d.RequiredString("keySalt"), d.RequiredString("keyHash"), FirestoreFields.Time(d, "createdAt") ?? default);
    }

    // ---- uploads

    public async Task<(UploadRecord Upload, bool Created)> CreateUploadAsync(UploadRecord upload, byte[] compressedDocument, CancellationToken ct = default)
    {
        var scope = paths.Tenant(upload.TenantId);
        var name = scope.Upload(upload.UploadId);
        var existing = await client.GetAsync(name, ct);
        if (existing != null) return (FirestoreFields.ToUpload(existing), false);

        var gen = Blobs.NewGeneration();
        var chunks = Blobs.Split(compressedDocument);
        var chunkNames = chunks.Select((_, i) => scope.UploadChunk(upload.UploadId, gen, i)).ToList();
        var writes = chunks.Select((c, i) => Fs.Set(chunkNames[i], Blobs.ChunkFields(c))).ToList();
        var fields = FirestoreFields.Upload(upload);
        fields["documentGen"] = Fs.Str(gen);
        fields["documentChunks"] = Fs.Int(chunks.Count);
        fields["documentSize"] = Fs.Int(compressedDocument.Length);
        // The upload document goes last: when everything fits one commit the create is atomic; otherwise the
        // chunks land first and the guarded create of the upload makes them visible.
        writes.Add(Fs.Create(name, fields));
        var batches = CommitPlanner.Plan(writes, maxBytes: client.Options.MaxCommitBytes);
        try
        {
            foreach (var batch in batches) await client.CommitAsync(batch, ct);
            return (upload, true);
        }
        catch (FirestoreRestException e) when (e.AlreadyExists)
        {
            var winner = await client.GetAsync(name, ct) ?? throw new InvalidOperationException($"upload {name} vanished after a create conflict");
            // A commit retried after a lost response can meet its own earlier success: then the upload is ours.
            if (winner.String("documentGen") == gen) return (upload, true);
            if (batches.Count > 1) await CommitPlanner.CommitAllAsync(client, chunkNames.Select(Fs.Delete), ct);
            return (FirestoreFields.ToUpload(winner), false);
        }
    }

    public async Task<UploadRecord?> GetUploadAsync(string tenantId, string uploadId, CancellationToken ct = default)
    {
        var d = await client.GetAsync(paths.Tenant(tenantId).Upload(uploadId), ct);
        return d == null ? null : FirestoreFields.ToUpload(d);
    }

    public async Task<byte[]?> GetUploadDocumentAsync(string tenantId, string uploadId, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var d = await client.GetAsync(scope.Upload(uploadId), ct);
        if (d == null) return null;
        var gen = d.RequiredString("documentGen");
        var names = Enumerable.Range(0, (int)d.Integer("documentChunks")).Select(i => scope.UploadChunk(uploadId, gen, i)).ToList();
        return Blobs.Join(await client.BatchGetAsync(names, ct), d.Name);
    }

    public async Task UpdateUploadStatusAsync(string tenantId, string uploadId, string status, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        var fields = new JsonObject { ["status"] = Fs.Str(status), ["reason"] = Fs.StrOrNull(reason), ["updatedAt"] = Fs.Time(at) };
        try { await client.CommitAsync([Fs.Patch(paths.Tenant(tenantId).Upload(uploadId), fields)], ct); }
        catch (FirestoreRestException e) when (e.NotFound)
        {
            // Like the other stores: a status for an upload this tenant does not have changes nothing.
        }
    }

    public async Task<IReadOnlyList<UploadRecord>> ListPendingUploadsAsync(CancellationToken ct = default)
    {
        var query = Fs.From("uploads", allDescendants: true);
        query["where"] = Fs.FieldFilter("status", "IN", Fs.StrArray([UploadStatuses.Queued, UploadStatuses.Analyzing]));
        var list = new List<UploadRecord>();
        await foreach (var d in QueryAllAsync(paths.Root, query, 300, ct)) list.Add(FirestoreFields.ToUpload(d));
        return list.OrderBy(u => u.CreatedAt).ToList();
    }

    /// <summary>Pages through a query in document-name order (startAt after the last name seen).</summary>
    private async IAsyncEnumerable<FirestoreDocument> QueryAllAsync(string parent, JsonObject query, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var page = (JsonObject)query.DeepClone();
            page["orderBy"] = new JsonArray(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "__name__" }, ["direction"] = "ASCENDING" });
            page["limit"] = pageSize;
            if (after != null) page["startAt"] = new JsonObject { ["values"] = new JsonArray(Fs.Ref(after)), ["before"] = false };
            var docs = await client.RunQueryAsync(parent, page, ct);
            foreach (var d in docs) yield return d;
            if (docs.Count < pageSize) yield break;
            after = docs[^1].Name;
        }
    }
}
