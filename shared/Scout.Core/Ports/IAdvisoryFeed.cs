using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>
/// A source of OSV advisories (a directory, an all.zip, an HTTP feed with OSV's bucket layout). Changes are read per
/// ecosystem since a cursor the caller keeps; the caller stores the returned cursor only after it has used the changes.
/// </summary>
public interface IAdvisoryFeed
{
    /// <summary>Stable name of the feed: cursors are stored under "{FeedKey}|{ecosystem}".</summary>
    string FeedKey { get; }
    Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default);
    /// <summary>Advisories new or modified since <paramref name="cursor"/> (all of them when null).</summary>
    Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default);

    /// <summary>
    /// Reads single records again by id: the ones an earlier read could not fetch or parse (<see cref="FeedChanges.Failed"/>).
    /// A feed that cannot address single records answers nothing, and the refresh drops those ids with a warning.
    /// </summary>
    Task<FeedChanges> ReadRecordsAsync(string ecosystem, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Task.FromResult(new FeedChanges([], null, []));
}

/// <param name="Advisories">parsed-and-keyed records ready to store</param>
/// <param name="Cursor">the cursor to store once these changes are applied (null: leave it as it was)</param>
/// <param name="Errors">records that were reported and skipped (malformed JSON, schema violations), one line each</param>
public sealed record FeedChanges(IReadOnlyList<StoredAdvisory> Advisories, string? Cursor, IReadOnlyList<string> Errors)
{
    /// <summary>Records the cursor moved past without using them (not fetched, not parsed): kept and retried by the refresh.</summary>
    public IReadOnlyList<FailedRecord> Failed { get; init; } = [];
    /// <summary>Records used only in part (a malformed affected entry dropped, a missing `modified` assumed), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>A record a feed listed but could not deliver: its id and why.</summary>
public sealed record FailedRecord(string Id, string Reason);

/// <summary>
/// The matcher's advisory index as the use cases see it: kept in step with the store, and able to say which index
/// keys a package is filed under (so a refresh re-overlays only the packages an advisory change can touch).
/// </summary>
public interface IAdvisoryCatalog
{
    /// <summary>Loads or replaces advisories; returns the package keys whose advisory lists changed.</summary>
    IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories);
    IReadOnlyList<PackageKey> KeysOf(PackageRecord package, OsRelease? os);
    /// <summary>Number of advisories held.</summary>
    int Count { get; }
}
