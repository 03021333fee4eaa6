using System.Collections.Concurrent;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Vex;

/// <summary>
/// VEX documents parsed once and kept parsed. A document id is a hash of its content (ScoutApi.Posts.cs), so the
/// parsed statements of an id never change: the attach call parses (and validates) the document, and every later
/// re-match of any image reuses the statements instead of parsing the JSON again. Bounded: past MaxEntries the cache
/// starts over (a miss only costs one parse).
/// </summary>
public sealed class VexStatementCache
{
    public const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, IReadOnlyList<VexStatement>> parsed = new(StringComparer.Ordinal);
    private int parses;

    public static VexStatementCache Shared { get; } = new();

    /// <summary>How many documents were parsed (not served from the cache); for tests and figures.</summary>
    public int Parses => Volatile.Read(ref parses);

    /// <summary>The statements of the document; throws <see cref="InputException"/> for one that cannot be read.</summary>
    public IReadOnlyList<VexStatement> Statements(VexDocumentRecord document)
    {
        var key = document.DocumentId + "\n" + document.Format + "\n" + document.Json.Length;
        if (parsed.TryGetValue(key, out var statements)) return statements;
        statements = VexParser.Parse(document);
        Interlocked.Increment(ref parses);
        if (parsed.Count >= MaxEntries) parsed.Clear();
        parsed[key] = statements;
        return statements;
    }
}
