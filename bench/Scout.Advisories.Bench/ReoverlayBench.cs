using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Sqlite;

namespace Scout.Advisories.Bench;

/// <summary>
/// One changed advisory re-overlaid across N stored images (SQLite), as a ratio to `rescan --all` of the same images
/// in the same run. Each image holds 20 common packages and one of N/2 rarer ones; the changed advisory names a rare
/// package, so the inverted index leads the refresh to the 2 images holding it.
/// </summary>
internal static class ReoverlayBench
{
    private const int CommonNames = 1000;

    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine("== re-overlay");
        var folder = Directory.CreateTempSubdirectory("scout-bench-reoverlay-").FullName;
        try
        {
            var store = new SqliteScoutStore(folder);
            var services = AdvisoryServices.Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, store);
            var rare = Math.Max(1, o.Images / 2);
            var advisories = Enumerable.Range(0, CommonNames * 3).Select(i => SyntheticAdvisories.Stored(i, CommonNames))
                .Concat(Enumerable.Range(0, rare).Select(k => Rare(k, "2025-01-01T00:00:00Z", "HIGH"))).ToList();
            for (var i = 0; i < advisories.Count; i += 1000) await store.UpsertAdvisoriesAsync(advisories.Skip(i).Take(1000).ToList());
            services.Matcher.Apply(advisories);

            var (_, saveMs) = await Measure.TimeAsync(async () =>
            {
                for (var j = 0; j < o.Images; j++) await SaveImageAsync(store, services, j, rare);
                return 0;
            });
            Console.WriteLine($"stored {o.Images} images x 21 packages in {saveMs / 1000:0.0} s; index {services.Index.Count} advisories");

            var feed = new OneRecordFeed(Rare(42, "2025-06-01T00:00:00Z", "LOW"));
            var (summary, incMs) = await Measure.TimeAsync(() => services.Refresh!.RefreshAsync(feed));
            var (full, fullMs) = await Measure.TimeAsync(() => services.Rescan!.RescanAllAsync());
            Console.WriteLine($"incremental refresh of 1 advisory: {incMs:0.0} ms, {summary.ImagesReoverlaid} images re-overlaid, {summary.FindingsChanged} findings changed");
            Console.WriteLine($"full rescan of {full.ImagesReoverlaid} images: {fullMs:0} ms ({full.FindingsAdded + full.FindingsChanged + full.FindingsResolved} diffs)");
            Console.WriteLine($"ratio incremental / full = 1/{fullMs / incMs:0} ({incMs / fullMs:0.00000})");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private static StoredAdvisory Rare(int k, string modified, string severityWord) => new()
    {
        Id = $"RARE-{k}",
        Modified = DateTimeOffset.Parse(modified),
        Json = $$$"""
            {"id":"RARE-{{{k}}}","modified":"{{{modified}}}","aliases":["CVE-2098-{{{k}}}"],
             "affected":[{"package":{"ecosystem":"npm","name":"rare-{{{k}}}"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2.0.0"}]}]}],
             "database_specific":{"severity":"{{{severityWord}}}"}}
            """,
        Keys = [new PackageKey("npm", $"rare-{k}")],
        Source = "synthetic",
    };

    private static async Task SaveImageAsync(IScoutStore store, AdvisoryServices services, int j, int rare)
    {
        var purls = Enumerable.Range(0, 20).Select(p => $"pkg:npm/pkg-{(j * 31 + p * 17) % CommonNames}@1.{p % 8}.{j % 3}")
            .Append($"pkg:npm/rare-{j % rare}@1.0.0");
        var packages = purls.Select(PackageFromPurl.Create).ToList();
        var overlay = services.Matcher.Overlay(new OverlayRequest(packages, null));
        await store.SaveAnalysisAsync(new ImageAnalysis
        {
            TenantId = $"tenant-{j % 10}",
            Image = new ImageMetadata { Digest = $"sha256:{j:x64}" },
            SbomSha256 = $"sha256:{j:x64}",
            SbomFormat = "cyclonedx",
            TotalPackages = packages.Count,
            Packages = packages,
            Findings = overlay.Findings,
            IndexKeys = overlay.IndexKeys,
            AnalyzedAt = DateTimeOffset.UnixEpoch,
        });
    }

    private sealed class OneRecordFeed(StoredAdvisory advisory) : IAdvisoryFeed
    {
        public string FeedKey => "bench:one-record";
        public Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>(["npm"]);
        public Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default) =>
            Task.FromResult(new FeedChanges([advisory], advisory.Modified.ToString("O"), []));
    }
}
