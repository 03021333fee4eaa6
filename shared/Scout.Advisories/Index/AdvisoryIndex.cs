using System.Collections.Concurrent;
using System.Collections.Immutable;
using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Index;

/// <summary>One affected entry of an advisory, filed under the entry's package key.</summary>
public sealed record IndexedEntry(OsvAdvisory Advisory, OsvAffected Affected, string Source);

/// <summary>
/// The in-memory advisory index: (ecosystem, normalized package name) -> affected entries, every advisory held. Used
/// where advisories come straight from a feed (`scout analyze --advisories DIR`); hosts over a store read per package
/// instead (<see cref="OnDemandAdvisoryIndex"/>). Readers never lock: each key's entries are an immutable array swapped
/// atomically, so a refresh updates the index in place while matches run against it.
/// </summary>
public sealed class AdvisoryIndex(IPackageKeyResolver keys) : IAdvisoryEntries
{
    private readonly ConcurrentDictionary<PackageKey, ImmutableArray<IndexedEntry>> byKey = new();
    /// <summary>By (source, id): one source's record never replaces another's that shares its bare id.</summary>
    private readonly ConcurrentDictionary<(string Source, string Id), (OsvAdvisory Advisory, PackageKey[] Keys)> byId = new();
    private readonly Lock writeLock = new();
    private long latestModifiedTicks;

    public int Count => byId.Count;
    public int KeyCount => byKey.Count;

    /// <summary>Names the advisory data state a match was made against: the newest `modified` in the index.</summary>
    public string Snapshot => $"osv@{new DateTimeOffset(Interlocked.Read(ref latestModifiedTicks), TimeSpan.Zero):yyyy-MM-ddTHH:mm:ssZ}/{byId.Count}";

    public ImmutableArray<IndexedEntry> Lookup(PackageKey key) => byKey.TryGetValue(key, out var e) ? e : [];

    public Func<PackageKey, ImmutableArray<IndexedEntry>>? Held => Lookup;

    public ValueTask<Func<PackageKey, ImmutableArray<IndexedEntry>>> ReadAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct) =>
        ValueTask.FromResult<Func<PackageKey, ImmutableArray<IndexedEntry>>>(Lookup);

    public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories)
    {
        var parsed = new List<(OsvAdvisory, string)>(advisories.Count);
        foreach (var a in advisories)
            if (StoredAdvisoryParsing.Parse(a) is { } advisory) parsed.Add((advisory, StoredAdvisoryParsing.SourceOf(a)));
        return Upsert(parsed);
    }

    public void Clear()
    {
        lock (writeLock)
        {
            byKey.Clear();
            byId.Clear();
            Interlocked.Exchange(ref latestModifiedTicks, 0);
        }
    }

    public OsvAdvisory? Get(string source, string id) => byId.TryGetValue((source, id), out var a) ? a.Advisory : null;

    /// <summary>The keys an advisory is filed under (what the store indexes it by too).</summary>
    public PackageKey[] KeysOf(OsvAdvisory advisory) => advisory.Affected
        .Where(a => a.Package != null)
        .Select(a => keys.KeyForOsvPackage(a.Package!.Ecosystem, a.Package.Name))
        .Distinct().ToArray();

    /// <summary>Adds or replaces advisories by (source, id); an older `modified` never replaces a newer one. Returns the keys touched.</summary>
    public IReadOnlyCollection<PackageKey> Upsert(IEnumerable<(OsvAdvisory Advisory, string Source)> advisories)
    {
        var touched = new HashSet<PackageKey>();
        lock (writeLock)
        {
            foreach (var (advisory, source) in advisories)
            {
                if (byId.TryGetValue((source, advisory.Id), out var old))
                {
                    if (old.Advisory.Modified > advisory.Modified) continue;
                    foreach (var k in old.Keys)
                    {
                        touched.Add(k);
                        Replace(k, arr => arr.RemoveAll(e => e.Advisory.Id == advisory.Id && e.Source == source));
                    }
                }
                var entries = advisory.Affected.Where(a => a.Package != null)
                    .Select(a => (Key: keys.KeyForOsvPackage(a.Package!.Ecosystem, a.Package.Name), Entry: new IndexedEntry(advisory, a, source)))
                    .ToList();
                foreach (var group in entries.GroupBy(e => e.Key))
                {
                    touched.Add(group.Key);
                    Replace(group.Key, arr => arr.AddRange(group.Select(g => g.Entry)));
                }
                byId[(source, advisory.Id)] = (advisory, entries.Select(e => e.Key).Distinct().ToArray());
                if (advisory.Modified.UtcTicks > latestModifiedTicks) Interlocked.Exchange(ref latestModifiedTicks, advisory.Modified.UtcTicks);
            }
        }
        return touched;
    }

    private void Replace(PackageKey key, Func<ImmutableArray<IndexedEntry>, ImmutableArray<IndexedEntry>> change)
    {
        var next = change(byKey.TryGetValue(key, out var cur) ? cur : []);
        if (next.IsEmpty) byKey.TryRemove(key, out _);
        else byKey[key] = next;
    }
}
