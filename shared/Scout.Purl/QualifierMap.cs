using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Scout.Purl;

/// <summary>
/// A purl's qualifiers, sorted by key (ordinal) and distinct. A purl has a handful at most, so two arrays searched in
/// order cost less than a sorted tree (a node per qualifier, a comparer call per step) and need no generic framework code
/// that the ReadyToRun images of our assemblies lack (such code starts unoptimized in a short-lived process).
/// </summary>
internal sealed class QualifierMap : IReadOnlyDictionary<string, string>
{
    /// <summary>Shared by every purl without qualifiers (most of them).</summary>
    public static readonly QualifierMap Empty = new([], []);

    private readonly string[] keys;
    private readonly string[] values;

    /// <param name="keys">sorted ordinally and distinct (the caller checked)</param>
    public QualifierMap(string[] keys, string[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    /// <summary>A map of <paramref name="pairs"/> with distinct keys, sorted here.</summary>
    public static QualifierMap Sorted(List<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0) return Empty;
        var keys = new string[pairs.Count];
        var values = new string[pairs.Count];
        for (var i = 0; i < pairs.Count; i++) (keys[i], values[i]) = (pairs[i].Key, pairs[i].Value);
        if (keys.Length > 16)
        {
            Array.Sort(keys, values, StringComparer.Ordinal);
            return new QualifierMap(keys, values);
        }
        for (var i = 1; i < keys.Length; i++) // insertion sort: a purl's few keys are usually sorted already
        {
            var (key, value) = (keys[i], values[i]);
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(keys[j], key) > 0; j--) (keys[j + 1], values[j + 1]) = (keys[j], values[j]);
            (keys[j + 1], values[j + 1]) = (key, value);
        }
        return new QualifierMap(keys, values);
    }

    public int Count => keys.Length;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no qualifier '{key}'");

    public IEnumerable<string> Keys => Array.AsReadOnly(keys);

    public IEnumerable<string> Values => Array.AsReadOnly(values);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < keys.Length; i++)
            if (string.Equals(keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++) yield return new(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
