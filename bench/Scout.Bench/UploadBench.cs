using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Bench;

/// <summary>
/// N concurrent uploads over HTTP to the embedded platform (SQLite store + SQLite queue): uploads/s and upload-to-done
/// latency (from the client's POST to the `done` status the worker records), first with one queue consumer (the
/// baseline, the worker as it was), then with --consumers (default SCOUT_QUEUE_CONSUMERS, the processor count), each
/// on a fresh data folder in the same process. A small warm-up run comes first (JIT, page cache).
/// </summary>
public static class UploadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--count", 1000);
        var packages = Arg(args, "--packages", 300);
        var consumers = Arg(args, "--consumers", Scout.Core.Settings.ScoutSettings.Current.QueueConsumers);
        var rounds = Arg(args, "--rounds", 1);
        Console.WriteLine($"uploads: {count} concurrent, {packages} packages each, embedded default (SQLite + SQLite queue), " +
                          $"1 consumer vs {consumers}, {rounds} round(s), {Environment.ProcessorCount} processors");
        await RunOnceAsync(Math.Min(count, 50), packages, consumers);
        var one = new List<Figures>();
        var many = new List<Figures>();
        for (var r = 0; r < rounds; r++)
        {
            one.Add(await RunOnceAsync(count, packages, 1));
            Console.WriteLine($"  1 consumer:  {one[^1]}");
            many.Add(await RunOnceAsync(count, packages, consumers));
            Console.WriteLine($"  {consumers} consumers: {many[^1]}");
        }
        var (a, b) = (Median(one), Median(many));
        Console.WriteLine($"median 1 consumer:  {a}");
        Console.WriteLine($"median {consumers} consumers: {b}");
        Console.WriteLine($"ratio of the medians, {consumers} consumers / 1: uploads/s {b.PerSecond / a.PerSecond:F2}x, p50 {b.P50 / a.P50:F2}x, p99 {b.P99 / a.P99:F2}x");
        // Each round's pair ran back to back, under the same load of this shared machine: their ratios spread less.
        var pairs = one.Zip(many, (x, y) => (PerSecond: y.PerSecond / x.PerSecond, P50: y.P50 / x.P50, P99: y.P99 / x.P99)).ToList();
        double MedianOf(Func<(double PerSecond, double P50, double P99), double> of) => pairs.Select(of).Order().ElementAt(pairs.Count / 2);
        Console.WriteLine($"median of the rounds' ratios: uploads/s {MedianOf(p => p.PerSecond):F2}x, p50 {MedianOf(p => p.P50):F2}x, p99 {MedianOf(p => p.P99):F2}x " +
                          $"(uploads/s per round: {string.Join(", ", pairs.Select(p => $"{p.PerSecond:F2}x"))})");
        return 0;
    }

    private sealed record Figures(double PerSecond, double P50, double P99, double Max, int Failed)
    {
        public override string ToString() => $"{PerSecond,6:F1} uploads/s, upload-to-done ms p50 {P50:F0}, p99 {P99:F0}, max {Max:F0}{(Failed > 0 ? $", {Failed} failed" : "")}";
    }

    private static Figures Median(List<Figures> runs) => runs.OrderBy(f => f.PerSecond).ElementAt(runs.Count / 2);

    private static async Task<Figures> RunOnceAsync(int count, int packages, int consumers)
    {
        var directory = Directory.CreateTempSubdirectory("scout-bench-").FullName;
        try
        {
            var store = new SqliteScoutStore(directory);
            var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance);
            var platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions(), CancellationToken.None);
            await platform.ImportAdvisoriesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "advisories"));
            var (tenant, key) = await platform.Keys.CreateTenantAsync("bench");
            await using var app = LocalWebHost.Build(platform, 0, Console.Error.WriteLine);
            await app.StartAsync();
            using var stop = new CancellationTokenSource();
            var worker = Task.Run(() => new SqliteQueueWorker(queue, platform.Delivery) { Consumers = consumers }.RunAsync(stop.Token));
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var envelopes = Enumerable.Range(0, count).Select(i => Envelope(i, packages)).ToList();
            var start = DateTimeOffset.UtcNow;
            var accepted = await Task.WhenAll(Enumerable.Range(0, count).Select(i => UploadAsync(http, i, envelopes[i])));
            // Upload-to-done is read from the store's `done` time (same clock, same process), so waiting costs no polling
            // load beside the consumers.
            var ended = await WaitForEndAsync(store, tenant.TenantId, accepted, worker);
            stop.Cancel();
            await worker;
            await app.StopAsync();

            var postedAt = accepted.ToDictionary(a => a.Id, a => a.PostedAt);
            var latencies = ended.Where(u => u.Status == UploadStatuses.Done).Select(u => (u.UpdatedAt - postedAt[u.UploadId]).TotalMilliseconds).ToArray();
            Array.Sort(latencies);
            double P(double q) => latencies.Length == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Length - 1, Math.Floor(q * latencies.Length))];
            var wall = (ended.Max(u => u.UpdatedAt) - start).TotalSeconds;
            return new Figures(count / wall, P(0.5), P(0.99), latencies.Length == 0 ? double.NaN : latencies[^1], ended.Count(u => u.Status != UploadStatuses.Done));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Accepted(string Id, DateTimeOffset PostedAt);

    private static async Task<Accepted> UploadAsync(HttpClient http, int n, byte[] envelope)
    {
        var postedAt = DateTimeOffset.UtcNow;
        using var response = await http.PostAsync("/v1/images", new ByteArrayContent(envelope) { Headers = { ContentType = new("application/json") } });
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"upload {n}: {(int)response.StatusCode} {body}");
        return new Accepted(JsonDocument.Parse(body).RootElement.GetProperty("uploadId").GetString()!, postedAt);
    }

    private static async Task<List<UploadRecord>> WaitForEndAsync(IScoutStore store, string tenantId, Accepted[] accepted, Task worker)
    {
        var ended = new List<UploadRecord>();
        var open = accepted.Select(a => a.Id).ToList();
        while (open.Count > 0)
        {
            if (worker.IsCompleted) await worker; // a worker that died surfaces its exception
            await Task.Delay(200);
            var still = new List<string>();
            foreach (var id in open)
            {
                var upload = await store.GetUploadAsync(tenantId, id) ?? throw new InvalidOperationException($"upload {id} is missing");
                if (upload.Status is UploadStatuses.Done or UploadStatuses.Failed) ended.Add(upload);
                else still.Add(id);
            }
            open = still;
        }
        return ended;
    }

    private static byte[] Envelope(int n, int packages)
    {
        var components = string.Join(",", Enumerable.Range(0, packages).Select(i =>
            i % 3 == 0 ? $$"""{"type":"library","name":"lodash","version":"4.17.{{i % 22}}","purl":"pkg:npm/lodash@4.17.{{i % 22}}"}"""
            : i % 3 == 1 ? $$"""{"type":"library","name":"pkg{{i}}","version":"1.{{i}}.0","purl":"pkg:pypi/pkg{{i}}@1.{{i}}.0"}"""
            : $$"""{"type":"library","name":"libx{{i}}","version":"2.{{i}}-1","purl":"pkg:deb/debian/libx{{i}}@2.{{i}}-1?distro=debian-12"}"""));
        var digest = "sha256:" + n.ToString("x").PadLeft(64, '0');
        return Encoding.UTF8.GetBytes($$"""
            {"image":{"digest":"{{digest}}","architecture":"amd64","os":{"type":"linux","version":"12"} },
             "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{{components}}]} }
            """);
    }

    internal static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
