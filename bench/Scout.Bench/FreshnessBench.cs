using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Advisories.Feeds;
using Scout.Cli.Platform;
using Scout.Hosting;
using Scout.Testing;

namespace Scout.Bench;

/// <summary>
/// Issue #18: feed-change-to-finding latency on the embedded default, as `scout serve --feed` runs it (the same
/// AdvisorySchedule every --interval seconds, default 30). Each trial publishes a new advisory in a local OSV bucket
/// (its modified_id.csv line appears) and measures until the finding is visible through the API on every affected
/// image. Then the cost of an idle poll: requests and bytes per ecosystem, conditional vs a plain GET of the same
/// listings (the baseline, same process).
/// </summary>
public static class FreshnessBench
{
    private const string Template = "GHSA-29mw-wpgm-hmr9";   // a real npm record (lodash); each trial files a copy under its own package

    public static async Task<int> RunAsync(string[] args)
    {
        var trials = Arg(args, "--trials", 10);
        var interval = Arg(args, "--interval", AdvisorySchedule.DefaultIntervalSeconds);
        var images = Arg(args, "--images", 20);
        var directory = Directory.CreateTempSubdirectory("scout-bench-fresh-").FullName;
        using var bucket = new OsvBucket();
        bucket.Put("npm", OsvBucket.Real("npm", "GHSA-2mhh-w6q8-5hxw")).Put("PyPI", OsvBucket.Real("PyPI", "GHSA-2c8c-84w2-j38j")).Publish();
        using var feed = new OsvBucketServer(bucket.Root);
        try
        {
            var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), _ => { }, CancellationToken.None);
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions { AdvisoryFeed = feed.BaseUri }, CancellationToken.None);
            var (_, key) = await platform.Keys.CreateTenantAsync("bench");
            await using var app = LocalWebHost.Build(platform, 0, Console.Error.WriteLine);
            await app.StartAsync();
            using var stop = new CancellationTokenSource();
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var digests = new List<string>();
            for (var i = 0; i < images; i++) digests.Add(await UploadAsync(http, i, trials));
            var schedule = AdvisorySchedule.Every(TimeSpan.FromSeconds(interval));
            var refreshes = schedule.RunAsync(() => platform.RefreshAdvisoriesAsync(feed.BaseUri, stop.Token), Console.Error.WriteLine, stop.Token);

            var latencies = new List<double>();
            for (var t = 0; t < trials; t++)
            {
                // Publish at a random point of the poll cycle, as a feed does.
                await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * interval));
                var record = OsvBucket.Real("npm", Template);
                record["id"] = $"GHSA-bnch-{t:0000}-fr18";
                record["aliases"] = new JsonArray($"CVE-2099-{10000 + t}");
                record["modified"] = OsvBucket.Rfc3339(DateTimeOffset.UtcNow);
                foreach (var affected in record["affected"]!.AsArray()) affected!["package"]!["name"] = Package(t);
                var clock = Stopwatch.StartNew();
                bucket.Put("npm", record).Publish(zip: false);
                await WaitForFindingAsync(http, digests, $"CVE-2099-{10000 + t}");
                latencies.Add(clock.Elapsed.TotalSeconds);
                Console.Error.WriteLine($"trial {t + 1}/{trials}: {clock.Elapsed.TotalSeconds:F1} s");
            }
            stop.Cancel();
            await refreshes;

            // Idle poll: nothing new in the feed. Conditional (as deployed) vs plain GETs of the same listings (baseline).
            const int idleRuns = 5;
            feed.ClearRequests();
            for (var i = 0; i < idleRuns; i++) await platform.RefreshAdvisoriesAsync(feed.BaseUri);
            var conditional = feed.Requests;
            feed.ClearRequests();
            var services = platform.Components.Advisories!;
            using var plainHttp = new HttpClient();
            for (var i = 0; i < idleRuns; i++)
                await services.Refresh!.RefreshAsync(new HttpFeed(feed.BaseUri, plainHttp, services.Parser));
            var plain = feed.Requests;

            await worker;
            await app.StopAsync();

            latencies.Sort();
            var median = latencies.Count % 2 == 1 ? latencies[latencies.Count / 2] : (latencies[latencies.Count / 2 - 1] + latencies[latencies.Count / 2]) / 2;
            Console.WriteLine($"freshness: {trials} trials, poll every {interval} s, {images} images each affected, embedded default (SQLite + in-process queue)");
            Console.WriteLine($"feed change -> finding on every affected image (API): median {median:F1} s, worst {latencies[^1]:F1} s, best {latencies[0]:F1} s");
            Console.WriteLine($"  (the poll interval alone gives {interval / 2.0:F1} s on average; the rest is the refresh and re-overlay)");
            Report("idle poll, conditional", conditional, idleRuns);
            Report("idle poll, plain GET (baseline)", plain, idleRuns);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Package(int trial) => $"fresh-bench-{trial}";

    private static void Report(string label, IReadOnlyList<ServedRequest> requests, int runs)
    {
        Console.WriteLine($"{label}: {requests.Count / (double)runs:F1} requests per refresh, {requests.Sum(r => r.ResponseBytes) / (double)runs:F0} response bytes per refresh");
        foreach (var group in requests.GroupBy(r => r.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {group.Key}: {group.Count() / (double)runs:F1} requests, statuses {string.Join('/', group.Select(r => r.Status).Distinct())}, " +
                              $"{group.Average(r => r.ResponseBytes):F0} bytes received, {group.Average(r => r.RequestBytes):F0} bytes sent per request");
    }

    private static async Task WaitForFindingAsync(HttpClient http, List<string> digests, string id)
    {
        var pending = new HashSet<string>(digests);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (pending.Count > 0)
        {
            foreach (var digest in pending.ToList())
            {
                var findings = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}/findings")).RootElement.GetProperty("findings");
                if (findings.EnumerateArray().Any(f => f.GetProperty("id").GetString() == id)) pending.Remove(digest);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} not on {pending.Count} images after 10 minutes");
            if (pending.Count > 0) await Task.Delay(50);
        }
    }

    private static async Task<string> UploadAsync(HttpClient http, int n, int packages)
    {
        var components = string.Join(",", Enumerable.Range(0, packages).Select(t =>
            $$"""{"type":"library","name":"{{Package(t)}}","version":"4.17.20","purl":"pkg:npm/{{Package(t)}}@4.17.20"}"""));
        var digest = "sha256:" + (n + 1).ToString("x").PadLeft(64, 'f');
        var envelope = Encoding.UTF8.GetBytes($$$"""
            {"image":{"digest":"{{{digest}}}","architecture":"amd64","os":{"type":"linux"}},
             "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{{{components}}}]}}
            """);
        using var response = await http.PostAsync("/v1/images", new ByteArrayContent(envelope) { Headers = { ContentType = new("application/json") } });
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"upload {n}: {(int)response.StatusCode} {body}");
        var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
        while (true)
        {
            var state = JsonDocument.Parse(await http.GetStringAsync(status)).RootElement.GetProperty("status").GetString();
            if (state == "done") return digest;
            if (state == "failed") throw new InvalidOperationException($"upload {n} failed");
            await Task.Delay(50);
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
