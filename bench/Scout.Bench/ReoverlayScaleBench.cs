using System.Diagnostics;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Bench;

/// <summary>
/// The refresh summary's `reoverlayMs` for one changed advisory against the number of stored images (issue 15: it must
/// stay flat). Two embedded SQLite stores in the same process, one with --small images (default 1,000), one with
/// --large (default 10,000), each image with 30 npm packages from a pool of common names shared by many images; in both,
/// exactly --hits images (default 10) also hold `hit-pkg`. Each run rewrites the hit-pkg advisory in a directory feed
/// (newer `modified`, another severity) and imports it, as `scout advisories import` does; the figure is the median
/// `reoverlayMs` of --runs imports (after one warm-up) per store, and the ratio large/small.
/// </summary>
public static class ReoverlayScaleBench
{
    private const int PackagesPerImage = 30, CommonNames = 3000, CommonAdvisories = 1000, Tenants = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var small = UploadBench.Arg(args, "--small", 1_000);
        var large = UploadBench.Arg(args, "--large", 10_000);
        var hits = UploadBench.Arg(args, "--hits", 10);
        var runs = UploadBench.Arg(args, "--runs", 9);
        Console.WriteLine($"re-overlay of one changed advisory hitting {hits} images, {PackagesPerImage} packages per image, {CommonAdvisories} other advisories, SQLite:");
        await using var smallStore = await StoredImages.CreateAsync(small, hits);
        await using var largeStore = await StoredImages.CreateAsync(large, hits);
        // Alternating runs, so both stores see the same load of this shared machine; the first of each is the warm-up.
        for (var run = 0; run <= runs; run++)
        {
            await smallStore.RefreshOnceAsync(run);
            await largeStore.RefreshOnceAsync(run);
        }
        var (a, b) = (smallStore.Figures(), largeStore.Figures());
        Console.WriteLine($"  {small,6} stored images: {a}");
        Console.WriteLine($"  {large,6} stored images: {b}");
        Console.WriteLine($"  ratio large/small: reoverlayMs {b.ReoverlayMs / Math.Max(a.ReoverlayMs, 0.5):F2}x, import wall {b.WallMs / a.WallMs:F2}x, every tenant's trend (before) {b.RecordAllMs / a.RecordAllMs:F2}x");
        return 0;
    }

    private sealed record Figures(double ReoverlayMs, double ElapsedMs, double WallMs, double RecordAllMs, int ImagesReoverlaid, int Findings, double StoreSeconds)
    {
        public override string ToString() =>
            $"reoverlayMs median {ReoverlayMs:F0}, summary elapsedMs {ElapsedMs:F0}, import wall {WallMs:F1} ms (trend of the changed tenants included; every tenant's, as before: {RecordAllMs:F1} ms); " +
            $"{ImagesReoverlaid} images re-overlaid, {Findings} findings added or changed per run (stored in {StoreSeconds:F0} s)";
    }

    /// <summary>One data folder with its stored images and the feed the changed advisory is written to.</summary>
    private sealed class StoredImages : IAsyncDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("scout-bench-reoverlay-").FullName;
        private readonly List<(RefreshSummary Summary, double WallMs, double RecordAllMs)> samples = [];
        private string feed = "";
        private ScoutPlatform platform = null!;
        private double storeSeconds;

        public static async Task<StoredImages> CreateAsync(int images, int hits)
        {
            var stored = new StoredImages();
            stored.feed = Directory.CreateDirectory(Path.Combine(stored.directory, "feed", "npm")).FullName;
            for (var i = 0; i < CommonAdvisories; i++)
                await File.WriteAllTextAsync(Path.Combine(stored.feed, $"COMMON-{i}.json"), Advisory($"COMMON-{i}", $"common-{i * 3 % CommonNames}", "2025-01-01T00:00:00Z", "MODERATE"));
            var data = Path.Combine(stored.directory, "data");
            var store = new SqliteScoutStore(data);
            var queue = new SqliteWorkQueue(new SqliteDatabase(data, "queue.db"), SystemClock.Instance);
            stored.platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions(), CancellationToken.None);
            await stored.platform.ImportAdvisoriesAsync(Path.GetDirectoryName(stored.feed)!);
            var storing = Stopwatch.StartNew();
            var every = Math.Max(1, images / hits);
            for (var j = 0; j < images; j++) await SaveImageAsync(store, j, hit: j % every == 0 && j / every < hits);
            stored.storeSeconds = storing.Elapsed.TotalSeconds;
            return stored;
        }

        /// <summary>Rewrites the hit-pkg advisory (newer `modified`, the other severity) and imports the feed.</summary>
        public async Task RefreshOnceAsync(int run)
        {
            var modified = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(run);
            await File.WriteAllTextAsync(Path.Combine(feed, "HIT-1.json"), Advisory("HIT-1", "hit-pkg", modified.ToString("yyyy-MM-ddTHH:mm:ssZ"), run % 2 == 0 ? "HIGH" : "LOW"));
            var wall = Stopwatch.StartNew();
            var summary = await platform.ImportAdvisoriesAsync(Path.GetDirectoryName(feed)!);
            wall.Stop();
            if (summary.AdvisoriesChanged != 1) throw new InvalidOperationException($"run {run}: {summary.AdvisoriesChanged} advisories changed, expected 1");
            // What the refresh did after a re-overlay before issue 15: every tenant's trend, listing every stored image.
            var recordAll = Stopwatch.StartNew();
            await platform.Trend.RecordAllAsync();
            recordAll.Stop();
            if (run > 0) samples.Add((summary, wall.Elapsed.TotalMilliseconds, recordAll.Elapsed.TotalMilliseconds));
        }

        public Figures Figures()
        {
            double Median(Func<(RefreshSummary Summary, double WallMs, double RecordAllMs), double> of) => samples.Select(of).Order().ElementAt(samples.Count / 2);
            var last = samples[^1].Summary;
            return new Figures(Median(s => s.Summary.ReoverlayMs), Median(s => s.Summary.ElapsedMs), Median(s => s.WallMs), Median(s => s.RecordAllMs),
                last.ImagesReoverlaid, last.FindingsAdded + last.FindingsChanged, storeSeconds);
        }

        public ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>An image as queue analysis stores it, without findings (the refresh adds the hit ones).</summary>
    private static Task SaveImageAsync(IScoutStore store, int j, bool hit)
    {
        var names = Enumerable.Range(0, PackagesPerImage - (hit ? 1 : 0)).Select(p => $"common-{(j * 31 + p * 97) % CommonNames}").Distinct().ToList();
        if (hit) names.Add("hit-pkg");
        var packages = names.Select(n => new PackageRecord { Purl = $"pkg:npm/{n}@1.{j % 5}.0", Type = "npm", Name = n, Version = $"1.{j % 5}.0" }).ToList();
        var digest = $"sha256:{j:x64}";
        return store.SaveAnalysisAsync(new ImageAnalysis
        {
            TenantId = $"tn_bench{j % Tenants}",
            Image = new ImageMetadata { Digest = digest },
            SbomSha256 = digest,
            SbomFormat = "cyclonedx",
            TotalPackages = packages.Count,
            Packages = packages,
            Findings = [],
            IndexKeys = [.. names.Select(n => new PackageKey("npm", n))],
            AnalyzedAt = DateTimeOffset.UnixEpoch,
        });
    }

    private static string Advisory(string id, string package, string modified, string severity) => $$$"""
        {"schema_version":"1.6.0","id":"{{{id}}}","modified":"{{{modified}}}",
         "affected":[{"package":{"ecosystem":"npm","name":"{{{package}}}","purl":"pkg:npm/{{{package}}}"},
           "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2.0.0"}]}]}],
         "database_specific":{"severity":"{{{severity}}}"}}
        """;
}
