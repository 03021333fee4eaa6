using Scout.Advisories.Feeds;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Storage.Sqlite;

namespace Scout.Advisories.Bench;

/// <summary>Index load time and memory: the real test-data tree (from a directory and from the SQLite store) and a
/// synthetic index. Baseline: parsing the same JSON with JsonDocument alone (the floor any loader pays).</summary>
internal static class IndexBench
{
    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine("== index load");
        var osv = Path.Combine(o.TestData, "osv");
        var before = Measure.ManagedBytes();
        var services = AdvisoryServices.CreateDetached();
        var (_, dirMs) = await Measure.TimeAsync(async () => await services.LoadAsync(new DirectoryFeed(osv, services.Parser)));
        var after = Measure.ManagedBytes();
        Console.WriteLine($"testdata/osv from directory: {services.Index.Count} advisories, {((Scout.Advisories.Index.AdvisoryIndex)services.Index).KeyCount} keys, {dirMs:0} ms, index {Measure.Mb(after - before)}");

        var folder = Directory.CreateTempSubdirectory("scout-bench-store-").FullName;
        try
        {
            var store = new SqliteScoutStore(folder);
            var changes = await new DirectoryFeed(osv, services.Parser).ReadChangesAsync(DirectoryFeed.Scope, null);
            for (var i = 0; i < changes.Advisories.Count; i += 500) await store.UpsertAdvisoriesAsync(changes.Advisories.Skip(i).Take(500).ToList());
            var fresh = AdvisoryServices.Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, store);
            var (_, storeMs) = await Measure.TimeAsync(async () => { await fresh.LoadFromStoreAsync(store); return 0; });
            var json = new List<string>();
            await foreach (var a in store.ReadAllAdvisoriesAsync()) json.Add(a.Json);
            var (_, parseMs) = Measure.Time(() => { foreach (var j in json) System.Text.Json.JsonDocument.Parse(j).Dispose(); return 0; });
            Console.WriteLine($"testdata/osv from SQLite store: {fresh.Index.Count} advisories in {storeMs:0} ms; baseline JsonDocument.Parse of the same records {parseMs:0} ms (ratio {storeMs / parseMs:0.0}x)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }

        var n = o.Advisories;
        var names = SyntheticAdvisories.NameCount(n);
        var batch = new List<StoredAdvisory>(5000);
        var big = AdvisoryServices.CreateDetached();
        var m0 = Measure.ManagedBytes();
        var (_, synMs) = Measure.Time(() =>
        {
            for (var i = 0; i < n; i++)
            {
                batch.Add(SyntheticAdvisories.Stored(i, names));
                if (batch.Count == batch.Capacity) { big.Matcher.Apply(batch); batch.Clear(); }
            }
            big.Matcher.Apply(batch);
            return 0;
        });
        var m1 = Measure.ManagedBytes();
        var (_, synParseMs) = Measure.Time(() =>
        {
            for (var i = 0; i < n; i++) System.Text.Json.JsonDocument.Parse(SyntheticAdvisories.Json(i, names)).Dispose();
            return 0;
        });
        var (_, readerMs) = Measure.Time(() =>
        {
            for (var i = 0; i < n; i++) Scout.Advisories.Osv.OsvReader.Read(SyntheticAdvisories.Json(i, names));
            return 0;
        });
        Console.WriteLine($"synthetic: OsvReader alone {readerMs:0} ms");
        Console.WriteLine($"synthetic: {big.Index.Count} advisories over {((Scout.Advisories.Index.AdvisoryIndex)big.Index).KeyCount} keys in {synMs:0} ms ({synMs * 1000 / n:0.0} us/advisory), " +
                          $"index {Measure.Mb(m1 - m0)} ({(m1 - m0) / (double)n:0} B/advisory); baseline generate+parse only {synParseMs:0} ms (ratio {synMs / synParseMs:0.0}x)");
        GC.KeepAlive(big);
    }
}
