using Scout.Advisories.Feeds;
using Scout.Advisories.Index;
using Scout.Advisories.Matching;
using Scout.Advisories.Secrets;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Advisories;

/// <summary>
/// The advisory side of the platform, wired: index, matcher (also the catalog the use cases keep in step), secret
/// scanner, feed parser and the use cases. Hosts call <see cref="CreateAsync(IScoutStore, long, CancellationToken)"/> once at
/// start-up (the index reads the store per package from then on) and hand the pieces to their handlers.
/// </summary>
public sealed class AdvisoryServices
{
    // One client for the process: a scheduled refresh opens a feed every few minutes.
    private static readonly HttpClient sharedHttp = new() { Timeout = TimeSpan.FromMinutes(10) };

    public required IAdvisoryEntries Index { get; init; }
    public required OsvAdvisoryMatcher Matcher { get; init; }
    public required SecretScanner SecretScanner { get; init; }
    public required AdvisoryRecordParser Parser { get; init; }
    public required LocalAnalysis LocalAnalysis { get; init; }
    /// <summary>Null when created without a store (local analysis only).</summary>
    public AdvisoryRefresh? Refresh { get; init; }
    public ImageRescan? Rescan { get; init; }
    /// <summary>Conditional polling state of HTTP feeds, kept in the store's cursors (null without a store).</summary>
    public ListingPolls? Polls { get; init; }

    /// <summary>
    /// Wires everything over the store with an index that reads the store per package into a cache of at most
    /// <paramref name="cacheBytes"/> (SCOUT_ADVISORY_CACHE_MB): nothing is read at start-up.
    /// </summary>
    public static Task<AdvisoryServices> CreateAsync(IScoutStore store, long cacheBytes = OnDemandAdvisoryIndex.DefaultCapacityBytes, CancellationToken ct = default) =>
        Task.FromResult(Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, store, new OnDemandAdvisoryIndex(store, DefaultAdapters.Keys, cacheBytes)));

    /// <summary>No store: for `scout analyze`, which loads advisories straight from a directory or zip and persists nothing.</summary>
    public static AdvisoryServices CreateDetached() => Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, null);

    /// <summary>With every advisory held in memory unless another index is given (load it with <see cref="LoadAsync"/> or <see cref="LoadFromStoreAsync"/>).</summary>
    public static AdvisoryServices Create(IPackageKeyResolver keys, IAffectedEvaluator evaluator, IScoutStore? store, IAdvisoryEntries? entries = null)
    {
        var index = entries ?? new AdvisoryIndex(keys);
        var matcher = new OsvAdvisoryMatcher(index, keys, evaluator);
        return new AdvisoryServices
        {
            Index = index,
            Matcher = matcher,
            SecretScanner = new SecretScanner(),
            Parser = new AdvisoryRecordParser(keys),
            LocalAnalysis = new LocalAnalysis(matcher, PackageFromPurl.Create),
            Refresh = store == null ? null : new AdvisoryRefresh(store, matcher, matcher),
            Rescan = store == null ? null : new ImageRescan(store, matcher, matcher),
            Polls = store == null ? null : new ListingPolls(store, SystemClock.Instance),
        };
    }

    /// <summary>A feed for a location: http(s) URL (OSV bucket layout), a .zip file (all.zip), or a directory of OSV JSON.</summary>
    public IAdvisoryFeed OpenFeed(string location, HttpClient? http = null)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return new HttpFeed(uri, http ?? sharedHttp, Parser) { Polls = Polls };
        if (File.Exists(location)) return new ZipFeed(location, Parser);
        if (Directory.Exists(location)) return new DirectoryFeed(location, Parser);
        throw new InputException($"advisories: {location} is neither a directory, a zip file nor an http(s) URL");
    }

    /// <summary>Loads every advisory of a feed into the index only (nothing stored). Returns the feed's skipped-record reports.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(IAdvisoryFeed feed, CancellationToken ct = default)
    {
        var errors = new List<string>();
        foreach (var ecosystem in await feed.ListEcosystemsAsync(ct))
        {
            var changes = await feed.ReadChangesAsync(ecosystem, null, ct);
            Matcher.Apply(changes.Advisories);
            errors.AddRange(changes.Errors);
        }
        return errors;
    }

    /// <summary>Reads every stored advisory into an in-memory index; an index read per package just forgets what it holds.</summary>
    public async Task LoadFromStoreAsync(IAdvisoryStore store, CancellationToken ct = default)
    {
        if (Index.Held is null) { Index.Clear(); return; }
        var batch = new List<StoredAdvisory>(2048);
        await foreach (var a in store.ReadAllAdvisoriesAsync(ct))
        {
            batch.Add(a);
            if (batch.Count == batch.Capacity) { Matcher.Apply(batch); batch.Clear(); }
        }
        if (batch.Count > 0) Matcher.Apply(batch);
    }
}
