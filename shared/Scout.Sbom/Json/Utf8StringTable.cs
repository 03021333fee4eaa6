namespace Scout.Sbom.Json;

/// <summary>
/// Strings found by their UTF-8 bytes as written in the document, so a value seen before (a component type, a license
/// id, a layer id) is found without decoding it to UTF-16 first: a big SBOM repeats such values on every component.
/// Keys are copied into one byte arena; lookups are exact (ordinal), hashed with the process's random seed (HashCode).
/// Safe to read from several threads once filled, not to fill from several. Not for a big SBOM's bom-refs: with 50,000
/// distinct keys the copies and the lookups cost more than decoding them (bench/sbom-normalize.sh).
/// </summary>
internal sealed class Utf8StringTable
{
    private int[] buckets;
    private Entry[] entries;
    private byte[] arena;
    private int arenaUsed;

    public Utf8StringTable(int capacity = 16)
    {
        var size = 16;
        while (size < capacity * 2) size *= 2;
        buckets = new int[size];
        entries = new Entry[Math.Max(capacity, 4)];
        arena = new byte[Math.Max(capacity * 16, 256)];
    }

    /// <summary>A table of <paramref name="values"/>, each found by its exact UTF-8 spelling.</summary>
    public static Utf8StringTable Of(IEnumerable<string> values)
    {
        var list = values.ToList();
        var table = new Utf8StringTable(list.Count);
        foreach (var value in list) table.Add(System.Text.Encoding.UTF8.GetBytes(value), value);
        return table;
    }

    public int Count { get; private set; }

    public string? Find(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        for (var i = buckets[hash & (buckets.Length - 1)] - 1; i >= 0; i = entries[i].Next)
        {
            ref var e = ref entries[i];
            if (e.Hash == hash && utf8.SequenceEqual(Key(in e))) return e.Value;
        }
        return null;
    }

    /// <summary>Adds <paramref name="value"/> under its UTF-8 spelling <paramref name="utf8"/>; the string already there when there is one.</summary>
    public string Add(ReadOnlySpan<byte> utf8, string value)
    {
        if (Find(utf8) is { } known) return known;
        if (arenaUsed + utf8.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaUsed + utf8.Length));
        utf8.CopyTo(arena.AsSpan(arenaUsed));
        Insert(Hash(utf8), arenaUsed, utf8.Length, value);
        arenaUsed += utf8.Length;
        return value;
    }

    private void Insert(int hash, int offset, int length, string value)
    {
        if (Count == entries.Length) Array.Resize(ref entries, entries.Length * 2);
        if (Count * 2 >= buckets.Length) Rehash(buckets.Length * 2);
        ref var bucket = ref buckets[hash & (buckets.Length - 1)];
        entries[Count] = new Entry { Hash = hash, Next = bucket - 1, Offset = offset, Length = length, Value = value };
        bucket = Count + 1;
        Count++;
    }

    private ReadOnlySpan<byte> Key(in Entry e) => arena.AsSpan(e.Offset, e.Length);

    private void Rehash(int size)
    {
        buckets = new int[size];
        for (var i = 0; i < Count; i++)
        {
            ref var bucket = ref buckets[entries[i].Hash & (size - 1)];
            entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private struct Entry
    {
        public int Hash;
        public int Next;
        public int Offset;
        public int Length;
        public string Value;
    }
}
