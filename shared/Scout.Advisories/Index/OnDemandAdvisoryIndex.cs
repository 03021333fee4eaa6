using System.Collections.Concurrent;
using System.Collections.Immutable;
using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Index;

/// <summary>
/// The advisory index of a host over a store: a package key's entries are read from the store the first time an
/// analysis needs them (<see cref="IAdvisoryStore.GetAdvisoriesForPackagesAsync"/>, one call for all of an analysis's
/// missing keys) and kept in a cache bounded by <see cref="CapacityBytes"/>, least recently used first out. A key with
/// no advisories is cached too (most packages have none). A cold function thus reads what its packages need instead of
/// every advisory, and its memory stays bounded however large the advisory data set grows.
/// </summary>
/// <remarks>
/// Freshness: <see cref="Apply"/> (the refresh's own writes, and other processes' writes that Scout.Hosting IndexFreshness
/// reads from the watermark) forgets every cached key the records are filed under or were filed under, so the next read
/// goes to the store. A read that was in flight while such a change arrived answers its own analysis but is not cached.
/// </remarks>
public sealed class OnDemandAdvisoryIndex(IAdvisoryStore store, IPackageKeyResolver keys, long capacityBytes) : IAdvisoryEntries
{
    /// <summary>What the cache holds before it evicts: sized so a queue function stays well under 512 MB.</summary>
    public const long DefaultCapacityBytes = 128L << 20;
    // Parsed entries weigh about three times their record's JSON (strings, range lists); a key without advisories, its slot.
    private const int ParsedBytesPerJsonByte = 3, EmptySlotBytes = 160;

    private sealed class Slot(ImmutableArray<IndexedEntry> entries, long bytes, long lastUse)
    {
        public ImmutableArray<IndexedEntry> Entries { get; } = entries;
        public long Bytes { get; } = bytes;
        public long LastUse = lastUse;
    }

    private readonly ConcurrentDictionary<PackageKey, Slot> slots = new();
    private readonly Lock evictLock = new();
    // Taken to cache a read (generation unchanged since it began) and to forget keys: a change never lands between the two.
    private readonly Lock changeLock = new();
    private long bytes, clock, generation, reads, hits, storeReads, storeTicks;
    private string snapshot = "store@unknown";

    public long CapacityBytes => capacityBytes;
    public long CachedBytes => Interlocked.Read(ref bytes);
    public int CachedKeys => slots.Count;
    /// <summary>Keys asked for, keys answered from the cache, store calls made.</summary>
    public (long Keys, long Hits, long StoreCalls) Reads => (Interlocked.Read(ref reads), Interlocked.Read(ref hits), Interlocked.Read(ref storeReads));
    /// <summary>Time spent waiting on the store's reads, summed over reads (they may overlap).</summary>
    public TimeSpan StoreReadTime => TimeSpan.FromTicks(Interlocked.Read(ref storeTicks));

    /// <summary>The store revision the cache is kept fresh to (set by the host's freshness check): findings name it.</summary>
    public string Snapshot => Volatile.Read(ref snapshot);
    public void MarkRevision(long revision) => Volatile.Write(ref snapshot, $"store@r{revision}");

    public int Count => slots.Values.SelectMany(s => s.Entries).Select(e => (e.Source, e.Advisory.Id)).Distinct().Count();

    public Func<PackageKey, ImmutableArray<IndexedEntry>>? Held => null;

    public async ValueTask<Func<PackageKey, ImmutableArray<IndexedEntry>>> ReadAsync(IReadOnlyCollection<PackageKey> wanted, CancellationToken ct)
    {
        var answer = new Dictionary<PackageKey, ImmutableArray<IndexedEntry>>(wanted.Count);
        var missing = new List<PackageKey>();
        var now = Interlocked.Increment(ref clock);
        foreach (var key in wanted)
        {
            if (slots.TryGetValue(key, out var slot)) { slot.LastUse = now; answer[key] = slot.Entries; }
            else missing.Add(key);
        }
        Interlocked.Add(ref reads, wanted.Count);
        Interlocked.Add(ref hits, wanted.Count - missing.Count);
        if (missing.Count > 0)
        {
            var seen = Interlocked.Read(ref generation);
            Interlocked.Increment(ref storeReads);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var records = await store.GetAdvisoriesForPackagesAsync(missing, ct);
            Interlocked.Add(ref storeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
            var parsed = new Dictionary<(string, string), (OsvAdvisory? Advisory, int Bytes)>();
            foreach (var key in missing)
            {
                var stored = records.TryGetValue(key, out var list) ? list : [];
                var (entries, weight) = EntriesOf(key, stored, parsed);
                answer[key] = entries;
                lock (changeLock)
                    if (Interlocked.Read(ref generation) == seen && slots.TryAdd(key, new Slot(entries, weight, now)))
                        Interlocked.Add(ref bytes, weight);
            }
            if (Interlocked.Read(ref bytes) > capacityBytes) Evict();
        }
        return key => answer.TryGetValue(key, out var e) ? e : [];
    }

    /// <summary>The key's affected entries among its records; a record shared by several keys is parsed once per read.</summary>
    private (ImmutableArray<IndexedEntry>, long) EntriesOf(PackageKey key, IReadOnlyList<StoredAdvisory> stored,
        Dictionary<(string, string), (OsvAdvisory? Advisory, int Bytes)> parsed)
    {
        var entries = ImmutableArray.CreateBuilder<IndexedEntry>();
        long weight = EmptySlotBytes;
        foreach (var record in stored)
        {
            var source = StoredAdvisoryParsing.SourceOf(record);
            if (!parsed.TryGetValue((source, record.Id), out var p))
                parsed[(source, record.Id)] = p = (StoredAdvisoryParsing.Parse(record), record.Json.Length);
            if (p.Advisory is not { } advisory) continue;
            weight += (long)p.Bytes * ParsedBytesPerJsonByte;
            foreach (var affected in advisory.Affected)
                if (affected.Package != null && keys.KeyForOsvPackage(affected.Package.Ecosystem, affected.Package.Name) == key)
                    entries.Add(new IndexedEntry(advisory, affected, source));
        }
        return (entries.ToImmutable(), weight);
    }

    /// <summary>Down to three quarters of the capacity, least recently used keys first.</summary>
    private void Evict()
    {
        lock (evictLock)
        {
            if (Interlocked.Read(ref bytes) <= capacityBytes) return;
            var target = capacityBytes / 4 * 3;
            foreach (var (key, slot) in slots.ToArray().OrderBy(e => e.Value.LastUse))
            {
                if (Interlocked.Read(ref bytes) <= target) break;
                if (slots.TryRemove(new KeyValuePair<PackageKey, Slot>(key, slot))) Interlocked.Add(ref bytes, -slot.Bytes);
            }
        }
    }

    /// <summary>
    /// Forgets the cached keys the records are filed under, and those holding an older version of one of them (a new
    /// version may drop a package). Returns the keys the records are filed under; the store's upsert names the keys
    /// their replaced versions were filed under (see AdvisoryRefresh).
    /// </summary>
    public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories)
    {
        var filed = advisories.SelectMany(a => a.Keys).ToHashSet();
        var ids = advisories.Select(a => (StoredAdvisoryParsing.SourceOf(a), a.Id)).ToHashSet();
        lock (changeLock)
        {
            Interlocked.Increment(ref generation);
            foreach (var (key, slot) in slots.ToArray())
                if (filed.Contains(key) || slot.Entries.Any(e => ids.Contains((e.Source, e.Advisory.Id))))
                    Forget(key, slot);
        }
        return filed;
    }

    public void Clear()
    {
        lock (changeLock)
        {
            Interlocked.Increment(ref generation);
            foreach (var (key, slot) in slots.ToArray()) Forget(key, slot);
        }
    }

    private void Forget(PackageKey key, Slot slot)
    {
        if (slots.TryRemove(new KeyValuePair<PackageKey, Slot>(key, slot))) Interlocked.Add(ref bytes, -slot.Bytes);
    }
}
