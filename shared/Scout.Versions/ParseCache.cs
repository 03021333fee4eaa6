using System.Collections.Concurrent;

namespace Scout.Versions;

/// <summary>
/// Remembers the parse of each version string (invalid ones too) so that matching one package against
/// thousands of ranges parses every bound once. Bounded: when full it is emptied and refills with what is hot,
/// which is cheaper and simpler than LRU bookkeeping on every hit.
/// </summary>
internal sealed class ParseCache<TParsed>(int capacity) where TParsed : class
{
    private sealed record Entry(TParsed? Value);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public TParsed? GetOrParse(string version, Func<string, TParsed?> parse)
    {
        if (entries.TryGetValue(version, out var hit)) return hit.Value;
        var entry = new Entry(parse(version));
        if (entries.Count >= capacity) entries.Clear();
        entries.TryAdd(version, entry);
        return entry.Value;
    }

    public int Count => entries.Count;
}
