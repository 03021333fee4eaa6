using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Scout.Core.BaseImages;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Sqlite;

namespace Scout.Bench;

/// <summary>
/// Base-image detection time against the number of stored images (issue 17: it must not grow with them). Two SQLite
/// stores in the same process, one with --small images (default 100), one with --large (default 10,000), each image
/// with 6 layers: a catalog of 10 base images (2 layers) and tenant images built on them. Each store then detects the
/// base of the same --lookups unseen 8-layer images; the figure is the ratio of the two per-detection times.
/// </summary>
public static class BaseImageBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var small = Arg(args, "--small", 100);
        var large = Arg(args, "--large", 10_000);
        var lookups = Arg(args, "--lookups", 2_000);
        await MeasureAsync(small, lookups); // first pass warms the process; the figures are from the second
        var (smallTime, smallFound) = await MeasureAsync(small, lookups);
        var (largeTime, largeFound) = await MeasureAsync(large, lookups);
        Console.WriteLine($"base-image detection, {lookups} detections of 8-layer images (7 prefix lookups each), SQLite:");
        Console.WriteLine($"  {small,6} stored images: {smallTime.TotalMicroseconds / lookups,8:F1} µs per detection ({smallFound} bases found)");
        Console.WriteLine($"  {large,6} stored images: {largeTime.TotalMicroseconds / lookups,8:F1} µs per detection ({largeFound} bases found)");
        Console.WriteLine($"  ratio large/small: {largeTime / smallTime:F2}");
        return 0;
    }

    private static async Task<(TimeSpan Elapsed, int Found)> MeasureAsync(int images, int lookups)
    {
        var directory = Directory.CreateTempSubdirectory("scout-bench-base-").FullName;
        try
        {
            var store = new SqliteScoutStore(directory);
            var clock = SystemClock.Instance;
            var catalog = "tn_catalog";
            await store.MarkCatalogTenantAsync(catalog);
            // Few bases, as in life: in the large store each base has a thousand images built on it, and detection
            // must not read them.
            var bases = 10;
            for (var b = 0; b < bases; b++)
                await store.IndexImageLayersAsync(Record(catalog, $"base-{b}", BaseLayers(b), catalog: true));
            for (var i = bases; i < images; i++)
            {
                var layers = BaseLayers(i % bases).Concat(Enumerable.Range(0, 4).Select(k => Layer($"img-{i}-{k}"))).ToList();
                await store.IndexImageLayersAsync(Record("tn_" + (i % 50), $"img-{i}", layers, catalog: false));
            }
            var service = new BaseImageService(store, clock);
            var queries = Enumerable.Range(0, lookups)
                .Select(q => BaseLayers(q % bases).Concat(Enumerable.Range(0, 6).Select(k => Layer($"query-{q}-{k}"))).ToList()).ToList();
            foreach (var layers in queries.Take(200)) await service.DetectAsync("tn_0", layers, null); // warm-up: JIT, pool, page cache
            var found = 0;
            var watch = Stopwatch.StartNew();
            foreach (var layers in queries)
                if (await service.DetectAsync("tn_0", layers, null) is not null) found++;
            watch.Stop();
            return (watch.Elapsed, found);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> BaseLayers(int b) => [Layer($"base-{b}-0"), Layer($"base-{b}-1")];

    private static LayerIndexRecord Record(string tenant, string name, IReadOnlyList<string> layers, bool catalog) => new()
    {
        TenantId = tenant, Digest = Layer("image " + name), Catalog = catalog, Repository = catalog ? "docker.io/library/base" : null,
        Tag = catalog ? name : null, LayerCount = layers.Count, ChainHashes = LayerChain.Hashes(layers),
    };

    private static string Layer(string name) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
