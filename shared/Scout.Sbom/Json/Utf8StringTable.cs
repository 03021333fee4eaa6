namespace Scout.Sbom.Json;

/// <summary>
/// Strings found by their UTF-8 bytes as written in the document, so a value seen before (a component type, a license
/// id, a layer id, a bom-ref named again in the dependency graph) is found without decoding it to UTF-16 first. A big
/// SBOM repeats such values on every component. Keys are copied into one byte arena, or, for a table over a document
/// (<see cref="Utf8StringTable(ReadOnlyMemory{byte}, int)"/>), are where the document holds them: a big SBOM's bom-refs
/// are not copied again. Lookups are exact (ordinal). Safe to read from several threads once filled, not to fill from several.
/// </summary>
internal sealed class Utf8StringTable
{
    private int[] buckets;
    private Entry[] entries;
    private byte[] arena;
    private int arenaUsed;
    private readonly ReadOnlyMemory<byte> document;

    public Utf8StringTable(int capacity = 16)
    {
        var size = 16;
        while (size < capacity * 2) size *= 2;
        buckets = new int[size];
        entries = new Entry[Math.Max(capacity, 4)];
        arena = new byte[Math.Max(capacity * 16, 256)];
    }

    /// <summary>A table whose keys are spans of <paramref name="document"/> (<see cref="AddFromDocument"/>), alive as long as it is.</summary>
    public Utf8StringTable(ReadOnlyMemory<byte> document, int capacity) : this(capacity)
    {
        this.document = document;
        arena = [];
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
        Insert(Hash(utf8), arenaUsed, utf8.Length, value, inDocument: false);
        arenaUsed += utf8.Length;
        return value;
    }

    private void Insert(int hash, int offset, int length, string value, bool inDocument)
    {
        if (Count == entries.Length) Array.Resize(ref entries, entries.Length * 2);
        if (Count * 2 >= buckets.Length) Rehash(buckets.Length * 2);
        ref var bucket = ref buckets[hash & (buckets.Length - 1)];
        entries[Count] = new Entry { Hash = hash, Next = bucket - 1, Offset = offset, Length = length, Value = value, InDocument = inDocument };
        bucket = Count + 1;
        Count++;
    }

    /// <summary>Adds <paramref name="value"/> under the document's bytes at <paramref name="offset"/> (a table over a document).</summary>
    public string AddFromDocument(int offset, int length, string value)
    {
        var utf8 = document.Span.Slice(offset, length);
        if (Find(utf8) is { } known) return known;
        Insert(Hash(utf8), offset, length, value, inDocument: true);
        return value;
    }

    /// <summary>Adds every entry of <paramref name="other"/> (a split read's second part over the same document, Json/ComponentSplit.cs).</summary>
    public void AddAll(Utf8StringTable other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            ref var e = ref other.entries[i];
            if (e.InDocument) AddFromDocument(e.Offset, e.Length, e.Value);
            else Add(other.Key(in e), e.Value);
        }
    }

    private ReadOnlySpan<byte> Key(in Entry e) => e.InDocument ? document.Span.Slice(e.Offset, e.Length) : arena.AsSpan(e.Offset, e.Length);

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
        public bool InDocument;
    }
}
