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
/// scanner, feed parser and the use cases. Hosts call <see cref="CreateAsync(IScoutStore, CancellationToken)"/> once at
/// start-up (it loads the index from the store) and hand the pieces to their handlers.
/// </summary>
public sealed class AdvisoryServices
{
    // One client for the process: a scheduled refresh opens a feed every few minutes.
    private static readonly HttpClient sharedHttp = new() { Timeout = TimeSpan.FromMinutes(10) };

    public required AdvisoryIndex Index { get; init; }
    public required OsvAdvisoryMatcher Matcher { get; init; }
    public required SecretScanner SecretScanner { get; init; }
    public required AdvisoryRecordParser Parser { get; init; }
    public required LocalAnalysis LocalAnalysis { get; init; }
    /// <summary>Null when created without a store (local analysis only).</summary>
    public AdvisoryRefresh? Refresh { get; init; }
    public ImageRescan? Rescan { get; init; }
    /// <summary>Conditional polling state of HTTP feeds, kept in the store's cursors (null without a store).</summary>
    public ListingPolls? Polls { get; init; }

    /// <summary>Wires everything over the store and loads every stored advisory into the index.</summary>
    public static async Task<AdvisoryServices> CreateAsync(IScoutStore store, CancellationToken ct = default)
    {
        var services = Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, store);
        await services.LoadFromStoreAsync(store, ct);
        return services;
    }

    /// <summary>No store: for `scout analyze`, which loads advisories straight from a directory or zip and persists nothing.</summary>
    public static AdvisoryServices CreateDetached() => Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, null);

    public static AdvisoryServices Create(IPackageKeyResolver keys, IAffectedEvaluator evaluator, IScoutStore? store)
    {
        var index = new AdvisoryIndex(keys);
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

    public async Task LoadFromStoreAsync(IAdvisoryStore store, CancellationToken ct = default)
    {
        var batch = new List<StoredAdvisory>(2048);
        await foreach (var a in store.ReadAllAdvisoriesAsync(ct))
        {
            batch.Add(a);
            if (batch.Count == batch.Capacity) { Matcher.Apply(batch); batch.Clear(); }
        }
        if (batch.Count > 0) Matcher.Apply(batch);
    }
}
