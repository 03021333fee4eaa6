using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

public sealed partial class FirestoreScoutStore
{
    /// <summary>Raw JSON texts above this are stored gzip-compressed so the document stays under 1 MiB.</summary>
    private const int InlineTextBytes = 512 * 1024;

    public async Task<IReadOnlyCollection<PackageKey>> UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        // Within one call the newest record of a (source, id) wins; against the store, a record never goes back in time.
        var newest = advisories.GroupBy(a => (a.SourceKey, a.Id)).Select(g => g.MaxBy(a => a.Modified)!).ToList();
        // The first write into an empty database marks it as one whose every advisory has key documents, and (a new
        // deployment's first refresh or import) as one whose tenant data has listings (FirestoreScoutStore.Listings.cs).
        await KeyDocumentsCompleteAsync(ct);
        await ListingsCompleteAsync(ct);
        var replaced = new System.Collections.Concurrent.ConcurrentDictionary<PackageKey, byte>();
        await Parallel.ForEachAsync(newest.Chunk(200), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (chunk, token) =>
            {
                foreach (var key in await UpsertChunkAsync(chunk, token)) replaced.TryAdd(key, 0);
            });
        return replaced.Keys.ToList();
    }

    /// <summary>Returns the keys the replaced documents were filed under.</summary>
    private async Task<IReadOnlyList<PackageKey>> UpsertChunkAsync(IReadOnlyList<StoredAdvisory> chunk, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var names = chunk.Select(a => paths.Advisory(a.SourceKey, a.Id)).ToList();
            var current = await client.BatchGetAsync(names, ct);
            var writes = new List<JsonObject>();
            var replaced = new List<PackageKey>();
            var filed = new List<(PackageKey, string)>();
            var left = new List<(PackageKey, string)>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var existing = current[i];
                if (existing != null && FirestoreFields.Time(existing, "modified") > chunk[i].Modified) continue;
                writes.Add(Fs.Replace(names[i], AdvisoryFields(chunk[i]), existing?.UpdateTime));
                filed.AddRange(chunk[i].Keys.Distinct().Select(k => (k, names[i])));
                if (existing == null) continue;
                var old = KeysOf(existing);
                replaced.AddRange(old);
                left.AddRange(old.Except(chunk[i].Keys).Select(k => (k, names[i])));
            }
            if (writes.Count == 0) return [];
            try
            {
                // Key documents name a record before it is written and stop naming it after (FirestoreScoutStore.AdvisoryKeys.cs).
                await CommitPlanner.CommitAllAsync(client, KeyDocumentChanges(filed, add: true), ct);
                // One commit per chunk keeps the read-compare-write guarded as a unit; 200 advisories fit well under 10 MiB
                // unless records are huge, in which case the planner splits and each part is still guarded by its preconditions.
                foreach (var batch in CommitPlanner.Plan(writes, maxBytes: client.Options.MaxCommitBytes)) await client.CommitAsync(batch, ct);
                if (left.Count > 0) await CommitPlanner.CommitAllAsync(client, KeyDocumentChanges(left, add: false), ct);
                return replaced;
            }
            catch (FirestoreRestException e) when ((e.PreconditionFailed || e.AlreadyExists) && attempt < MaxConflictRetries)
            {
                // A concurrent writer got there first: re-read and compare again.
            }
        }
    }

    public async Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesByIdAsync(string id, CancellationToken ct = default)
    {
        var query = Fs.From("advisories");
        query["where"] = Fs.FieldFilter("id", "EQUAL", Fs.Str(id));
        var list = new List<StoredAdvisory>();
        await foreach (var d in QueryAllAsync(paths.Root, query, 300, ct)) list.Add(ToAdvisory(d));
        return list.OrderBy(a => a.SourceKey, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default) =>
        (await GetAdvisoriesForPackagesAsync([key], ct))[key];

    public async IAsyncEnumerable<StoredAdvisory> ReadAllAdvisoriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var d in QueryAllAsync(paths.Root, Fs.From("advisories"), 300, ct)) yield return ToAdvisory(d);
    }

    public async Task<string?> GetCursorAsync(string feedKey, CancellationToken ct = default) =>
        (await client.GetAsync(paths.Cursor(feedKey), ct))?.String("cursor");

    public async Task SetCursorAsync(string feedKey, string cursor, CancellationToken ct = default) =>
        await client.CommitAsync([Fs.Set(paths.Cursor(feedKey), new JsonObject { ["feedKey"] = Fs.Str(feedKey), ["cursor"] = Fs.Str(cursor) })], ct);

    // ---- environments and VEX (tenant-scoped, under the image)

    public async Task AddEnvironmentAsync(string tenantId, EnvironmentRecord environment, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var key = string.Join('\n', environment.Namespace, environment.WorkloadName, environment.WorkloadType);
        var fields = new JsonObject
        {
            ["tenantId"] = Fs.Str(tenantId), ["namespace"] = Fs.Str(environment.Namespace), ["workloadName"] = Fs.Str(environment.WorkloadName),
            ["workloadType"] = Fs.Str(environment.WorkloadType), ["imageDigest"] = Fs.Str(environment.ImageDigest), ["seenAt"] = Fs.Time(environment.SeenAt),
        };
        await client.CommitAsync([Fs.Set(scope.Environment(environment.ImageDigest, key), fields)], ct);
    }

    public async Task<IReadOnlyList<EnvironmentRecord>> GetEnvironmentsAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var list = new List<EnvironmentRecord>();
        await foreach (var d in QueryAllAsync(scope.Image(digest), Fs.From("environments"), 300, ct))
            if (scope.Owns(d.Name))
                list.Add(new EnvironmentRecord
                {
                    Namespace = d.RequiredString("namespace"), WorkloadName = d.RequiredString("workloadName"),
                    WorkloadType = d.RequiredString("workloadType"), ImageDigest = d.RequiredString("imageDigest"),
                    SeenAt = FirestoreFields.Time(d, "seenAt") ?? default,
                });
        return list;
    }

    public async Task AddVexAsync(string tenantId, string digest, VexDocumentRecord vex, CancellationToken ct = default)
    {
        var fields = new JsonObject
        {
            ["tenantId"] = Fs.Str(tenantId), ["documentId"] = Fs.Str(vex.DocumentId), ["format"] = Fs.Str(vex.Format),
            ["attachedAt"] = Fs.Time(vex.AttachedAt),
        };
        PutText(fields, "json", vex.Json, $"VEX document {vex.DocumentId}");
        var scope = paths.Tenant(tenantId);
        var name = scope.Vex(digest, vex.DocumentId);
        // The image's VEX listing changes in the same commit (FirestoreScoutStore.Listings.cs).
        await client.CommitAsync([Fs.Set(name, fields), ListingChange(Listing(scope.Image(digest), "vex"), [IdOf(name)], add: true)], ct);
    }

    public async Task<IReadOnlyList<VexDocumentRecord>> GetVexAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var scope = paths.Tenant(tenantId);
        var list = new List<VexDocumentRecord>();
        var documents = await ListedMembersAsync(scope.Image(digest), "vex", ct)
            ?? await QueryAllAsync(scope.Image(digest), Fs.From("vex"), 300, ct).ToListAsync(ct);
        foreach (var d in documents)
            if (scope.Owns(d.Name))
                list.Add(new VexDocumentRecord(d.RequiredString("documentId"), d.RequiredString("format"), GetText(d, "json"),
                    FirestoreFields.Time(d, "attachedAt") ?? default));
        return list.OrderBy(v => v.AttachedAt).ToList();
    }

    private static JsonObject AdvisoryFields(StoredAdvisory a)
    {
        var fields = new JsonObject
        {
            ["id"] = Fs.Str(a.Id), ["modified"] = Fs.Time(a.Modified),
            ["withdrawn"] = a.Withdrawn is { } w ? Fs.Time(w) : Fs.Null(), ["source"] = Fs.StrOrNull(a.Source),
            ["keys"] = Fs.StrArray(a.Keys.Select(FirestorePaths.IndexKey).Distinct()),
        };
        PutText(fields, "json", a.Json, $"advisory {a.Id}");
        return fields;
    }

    private static StoredAdvisory ToAdvisory(FirestoreDocument d) => new()
    {
        Id = d.RequiredString("id"), Modified = FirestoreFields.Time(d, "modified") ?? default, Withdrawn = FirestoreFields.Time(d, "withdrawn"),
        Json = GetText(d, "json"), Source = d.String("source"),
        Keys = KeysOf(d),
    };

    private static List<PackageKey> KeysOf(FirestoreDocument d) =>
        d.StringArray("keys").Select(k => k.Split('\n', 2)).Select(p => new PackageKey(p[0], p[1])).ToList();

    private static void PutText(JsonObject fields, string field, string text, string what)
    {
        if (Encoding.UTF8.GetByteCount(text) <= InlineTextBytes) { fields[field] = Fs.Str(text); return; }
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        if (buffer.Length > Blobs.ChunkBytes) throw new InputException($"{what} is too large to store ({buffer.Length} bytes compressed; the limit is {Blobs.ChunkBytes})");
        fields[field + "Gzip"] = Fs.Bytes(buffer.ToArray());
    }

    private static string GetText(Rest.FirestoreDocument d, string field)
    {
        if (d.String(field) is { } inline) return inline;
        var packed = d.Bytes(field + "Gzip") ?? throw new InvalidDataException($"{d.Name} has no '{field}'");
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
