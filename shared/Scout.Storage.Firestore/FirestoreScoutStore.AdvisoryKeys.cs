using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>
/// Per-package reads for a cold host: every package key has a document (advisoryKeys/{key}) naming the advisory
/// documents filed under it, so an analysis's keys are read by name (batchGet, 100 a request) and never queried:
/// queries over 500,000 advisories scan on the emulator and cost a query each in production. Upserts add a record to
/// its keys' documents before the record is written and take it off the keys it left after, with server-side array
/// transforms (concurrent writers of one key document never lose each other's entries); a reader thus never misses a
/// record, and an entry naming a record that no longer files under the key is filtered by the record's own keys.
/// A store holding advisories written before key documents existed has no completion marker: it is read by query.
/// </summary>
public sealed partial class FirestoreScoutStore
{
    private CompletionMarker? keyDocumentsMarker;

    /// <summary>How long a "not complete" answer about a completion marker is kept before it is read again.</summary>
    internal static readonly TimeSpan MarkerRecheck = TimeSpan.FromMinutes(5);

    /// <summary>Whether every stored advisory has its key documents (cached: CompletionMarker.cs).</summary>
    private Task<bool> KeyDocumentsCompleteAsync(CancellationToken ct) =>
        (keyDocumentsMarker ??= new CompletionMarker(CheckKeyDocumentsCompleteAsync, MarkerRecheck)).IsCompleteAsync(ct);

    public async Task<IReadOnlyDictionary<PackageKey, IReadOnlyList<StoredAdvisory>>> GetAdvisoriesForPackagesAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct = default)
    {
        if (!await KeyDocumentsCompleteAsync(ct)) return await QueryAdvisoriesForPackagesAsync(keys, ct);
        var wanted = keys.Distinct().ToList();
        var keyDocuments = await BatchGetAllAsync(wanted.Select(paths.AdvisoryKey).ToList(), ct);
        var filedUnder = new Dictionary<PackageKey, List<string>>();
        for (var i = 0; i < wanted.Count; i++)
            filedUnder[wanted[i]] = keyDocuments[i]?.StringArray("advisories").Select(id => $"{paths.Root}/advisories/{id}").ToList() ?? [];
        var names = filedUnder.Values.SelectMany(n => n).Distinct(StringComparer.Ordinal).ToList();
        var records = await BatchGetAllAsync(names, ct);
        var byName = new Dictionary<string, StoredAdvisory>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
            if (records[i] is { } d) byName[names[i]] = ToAdvisory(d);
        return filedUnder.ToDictionary(e => e.Key, e => (IReadOnlyList<StoredAdvisory>)e.Value
            .Select(n => byName.GetValueOrDefault(n)).OfType<StoredAdvisory>()
            .Where(a => a.Keys.Contains(e.Key))
            .OrderBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.SourceKey, StringComparer.Ordinal).ToList());
    }

    /// <summary>batchGet in requests of 100, eight in flight; null where a document does not exist, in order.</summary>
    private async Task<IReadOnlyList<FirestoreDocument?>> BatchGetAllAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var found = new FirestoreDocument?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, (names.Count + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (chunk, token) =>
            {
                var part = names.Skip(chunk * 100).Take(100).ToList();
                var got = await client.BatchGetAsync(part, token);
                for (var i = 0; i < part.Count; i++) found[chunk * 100 + i] = got[i];
            });
        return found;
    }

    /// <summary>The store's own fallback for records written before key documents: one array-contains-any per 30 keys.</summary>
    private async Task<IReadOnlyDictionary<PackageKey, IReadOnlyList<StoredAdvisory>>> QueryAdvisoriesForPackagesAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct)
    {
        var found = keys.Distinct().ToDictionary(k => k, _ => new List<StoredAdvisory>());
        var results = new System.Collections.Concurrent.ConcurrentBag<StoredAdvisory>();
        await Parallel.ForEachAsync(found.Keys.Select(FirestorePaths.IndexKey).Chunk(30), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (group, token) =>
            {
                var query = Fs.From("advisories");
                query["where"] = Fs.FieldFilter("keys", "ARRAY_CONTAINS_ANY", Fs.StrArray(group));
                await foreach (var d in QueryAllAsync(paths.Root, query, 300, token)) results.Add(ToAdvisory(d));
            });
        foreach (var advisory in results.DistinctBy(a => (a.SourceKey, a.Id)))
            foreach (var key in advisory.Keys.Distinct())
                if (found.TryGetValue(key, out var list)) list.Add(advisory);
        return found.ToDictionary(e => e.Key, e => (IReadOnlyList<StoredAdvisory>)e.Value);
    }

    /// <summary>The marker, or an empty store (every advisory it will hold is written with its key documents): then the marker is written.</summary>
    private async Task<bool> CheckKeyDocumentsCompleteAsync(CancellationToken ct)
    {
        if (await client.GetAsync(paths.AdvisoryKeysComplete, ct) is not null) return true;
        var any = Fs.From("advisories");
        any["limit"] = 1;
        if ((await client.RunQueryAsync(paths.Root, any, ct)).Count > 0) return false;
        await client.CommitAsync([Fs.Set(paths.AdvisoryKeysComplete, new JsonObject { ["since"] = Fs.Time(DateTimeOffset.UtcNow) })], ct);
        return true;
    }

    /// <summary>An update of one key document that adds or removes advisory document ids, creating the document when missing.</summary>
    private JsonObject KeyDocumentChange(PackageKey key, IEnumerable<string> advisoryIds, bool add) => new()
    {
        ["update"] = new JsonObject { ["name"] = paths.AdvisoryKey(key), ["fields"] = new JsonObject { ["key"] = Fs.Str(FirestorePaths.IndexKey(key)) } },
        ["updateMask"] = new JsonObject { ["fieldPaths"] = new JsonArray("key") },
        ["updateTransforms"] = new JsonArray(new JsonObject
        {
            ["fieldPath"] = "advisories",
            [add ? "appendMissingElements" : "removeAllFromArray"] = new JsonObject { ["values"] = new JsonArray([.. advisoryIds.Select(id => (JsonNode)Fs.Str(id))]) },
        }),
    };

    /// <summary>Key document changes for records about to be written: one write per key, every record of the chunk filed under it.</summary>
    private List<JsonObject> KeyDocumentChanges(IEnumerable<(PackageKey Key, string AdvisoryName)> filings, bool add) =>
        filings.GroupBy(f => f.Key).Select(g => KeyDocumentChange(g.Key, g.Select(f => f.AdvisoryName[(f.AdvisoryName.LastIndexOf('/') + 1)..]).Distinct(), add)).ToList();
}
