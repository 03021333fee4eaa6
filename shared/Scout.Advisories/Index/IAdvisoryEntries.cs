using System.Collections.Immutable;
using System.Text;
using Scout.Advisories.Feeds;
using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Index;

/// <summary>
/// Where the matcher reads a package key's advisory entries: every advisory held in memory (<see cref="AdvisoryIndex"/>,
/// for a feed loaded without a store) or the store's, read per package key and kept in a bounded cache
/// (<see cref="OnDemandAdvisoryIndex"/>, for every host over a store: a cold function reads what its packages need,
/// never the whole table).
/// </summary>
public interface IAdvisoryEntries
{
    /// <summary>Names the advisory data state a match was made against (finding provenance).</summary>
    string Snapshot { get; }
    /// <summary>Advisories held in memory.</summary>
    int Count { get; }
    /// <summary>The entries of the keys, read from the store first where they are not held. The lookup answers only those keys.</summary>
    ValueTask<Func<PackageKey, ImmutableArray<IndexedEntry>>> ReadAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct);
    /// <summary>A synchronous lookup over everything, or null when entries must be read with <see cref="ReadAsync"/>.</summary>
    Func<PackageKey, ImmutableArray<IndexedEntry>>? Held { get; }
    /// <summary>Loads or replaces advisories (or forgets what they replace); returns the package keys they are filed under.</summary>
    IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories);
    /// <summary>Forgets everything held: the next reads go to the store (a full reload for an in-memory index's host).</summary>
    void Clear();
}

/// <summary>Parses stored records into the OSV form the index files; records straight from a feed were parsed already.</summary>
public static class StoredAdvisoryParsing
{
    public static OsvAdvisory? Parse(StoredAdvisory stored) =>
        // The `modified` future check belongs to ingestion, not to a reload.
        AdvisoryRecordParser.ParsedFormOf(stored)
        ?? OsvReader.Read(Encoding.UTF8.GetBytes(stored.Json), DateTimeOffset.MaxValue.AddYears(-1), listedAt: stored.Modified).Advisory;

    public static string SourceOf(StoredAdvisory stored) => stored.Source ?? AdvisorySource.Of(stored.Id, null);
}
