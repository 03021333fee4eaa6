using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Cli.Platform;
using Scout.Hosting;

namespace Scout.Bench;

/// <summary>
/// N concurrent uploads over HTTP to the embedded platform (SQLite + in-process queue): upload-to-done latency per
/// upload and uploads/s. Baseline in the same process: the round trip of GET /healthz on the same host.
/// </summary>
public static class UploadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--count", 200);
        var packages = Arg(args, "--packages", 60);
        var directory = Directory.CreateTempSubdirectory("scout-bench-").FullName;
        try
        {
            var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), _ => { }, CancellationToken.None);
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions(), CancellationToken.None);
            var samples = Path.Combine(AppContext.BaseDirectory, "samples", "advisories");
            await platform.ImportAdvisoriesAsync(samples);
            var (_, key) = await platform.Keys.CreateTenantAsync("bench");
            await using var app = LocalWebHost.Build(platform, 0, Console.Error.WriteLine);
            await app.StartAsync();
            using var stop = new CancellationTokenSource();
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var healthz = await TimeAsync(http, 200);
            var wall = Stopwatch.StartNew();
            var latencies = await Task.WhenAll(Enumerable.Range(0, count).Select(i => UploadAndWaitAsync(http, i, packages)));
            wall.Stop();
            stop.Cancel();
            await worker;
            await app.StopAsync();

            Array.Sort(latencies);
            double P(double q) => latencies[(int)Math.Min(latencies.Length - 1, Math.Floor(q * latencies.Length))];
            Console.WriteLine($"uploads: {count} concurrent, {packages} packages each, embedded default (SQLite + in-process queue)");
            Console.WriteLine($"throughput: {count / wall.Elapsed.TotalSeconds:F1} uploads/s ({wall.Elapsed.TotalSeconds:F2} s for all)");
            Console.WriteLine($"upload-to-done latency ms: p50 {P(0.5):F0}, p90 {P(0.9):F0}, max {latencies[^1]:F0}");
            Console.WriteLine($"baseline GET /healthz round trip ms: median {healthz:F2}; p50 upload-to-done / healthz = {P(0.5) / healthz:F0}x");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(HttpClient http, int rounds)
    {
        var samples = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            (await http.GetAsync("/healthz")).EnsureSuccessStatusCode();
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static async Task<double> UploadAndWaitAsync(HttpClient http, int n, int packages)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.PostAsync("/v1/images", new ByteArrayContent(Envelope(n, packages)) { Headers = { ContentType = new("application/json") } });
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"upload {n}: {(int)response.StatusCode} {body}");
        var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
        while (true)
        {
            var state = JsonDocument.Parse(await http.GetStringAsync(status)).RootElement.GetProperty("status").GetString();
            if (state == "done") return sw.Elapsed.TotalMilliseconds;
            if (state == "failed") throw new InvalidOperationException($"upload {n} failed");
            await Task.Delay(20);
        }
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
